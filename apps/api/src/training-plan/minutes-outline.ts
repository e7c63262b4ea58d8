import {
  PLAN_REFERENCE_ZONE,
  nameIn,
  type ActionItemStatus,
  type AgendaItem,
  type AttendanceStatus,
  type Language,
  type MinutesEntry,
  type PlanActivityStatus,
  type PlanDocument,
  type PlanDocumentStatus,
} from '@excon/domain';
import type { AttendanceView, PlanActivityView } from '@excon/contracts';
import type { OutlineBlock, OutlineCell } from '../reports/report-outline';

/** How the minutes name the posts, member states and ministries (in the minutes' language). */
export interface MinutesNames {
  post(id: string): string;
  state(code: string): string;
  ministry(id: string): string;
}

interface MinutesLabels {
  /** The page title in the footer, and the line above the title. */
  document: string;
  kind: string;
  dates: string;
  moscowTime: string;
  organiser: string;
  status: string;
  statusReason: string;
  activityStatus: Record<PlanActivityStatus, string>;
  participants: string;
  memberStates: string;
  ministries: string;
  post: string;
  answer: string;
  present: string;
  answers: Record<AttendanceStatus, string>;
  yes: string;
  no: string;
  noPosts: string;
  agenda: string;
  noAgenda: string;
  item: string;
  speakers: string;
  documentsPutForward: string;
  version: string;
  decisions: string;
  decision: string;
  noDecision: string;
  noActions: string;
  notOnAgenda: string;
  action: string;
  owner: string;
  dueDate: string;
  actionStatus: Record<ActionItemStatus, string>;
  documents: string;
  noDocuments: string;
  title: string;
  updated: string;
  documentStatus: Record<PlanDocumentStatus, string>;
  /** Intl locale of the dates. */
  locale: string;
  /** The words of the page number in the footer. */
  pageNumber: { page: string; of: string };
}

/** Every label of the minutes, per language; the data (titles, names, decisions) keep the language they were written in. */
export const MINUTES_LABELS: Record<Language, MinutesLabels> = {
  en: {
    document: 'Minutes',
    kind: 'Minutes of the videoconference consultation',
    dates: 'Dates',
    moscowTime: '(Moscow time)',
    organiser: 'Organiser',
    status: 'Status',
    statusReason: 'Reason',
    activityStatus: {
      planned: 'Planned',
      confirmed: 'Confirmed',
      held: 'Held',
      reported: 'Reported',
      postponed: 'Postponed',
      cancelled: 'Cancelled',
    },
    participants: 'Participants and attendance',
    memberStates: 'Member states',
    ministries: 'Ministries',
    post: 'Command post',
    answer: 'Answer to the invitation',
    present: 'Present',
    answers: { pending: 'Pending', confirmed: 'Confirmed', declined: 'Declined' },
    yes: 'Yes',
    no: 'No',
    noPosts: 'No post was invited.',
    agenda: 'Agenda',
    noAgenda: 'The consultation has no agenda.',
    item: 'Item',
    speakers: 'Speakers',
    documentsPutForward: 'Documents put forward',
    version: 'Version',
    decisions: 'Decisions and action items',
    decision: 'Decision',
    noDecision: 'No decision recorded',
    noActions: 'No action items.',
    notOnAgenda: 'Not on the agenda',
    action: 'Action',
    owner: 'Owner',
    dueDate: 'Due date',
    actionStatus: { open: 'Open', in_progress: 'In progress', done: 'Done', dropped: 'Dropped' },
    documents: 'Documents',
    noDocuments: 'No document was put forward.',
    title: 'Title',
    updated: 'Updated',
    documentStatus: { draft: 'Draft', submitted: 'Submitted', agreed: 'Agreed', adopted: 'Adopted' },
    locale: 'en-GB',
    pageNumber: { page: 'page', of: 'of' },
  },
  ru: {
    document: 'Протокол',
    kind: 'Протокол консультации в режиме видеоконференции',
    dates: 'Даты',
    moscowTime: '(московское время)',
    organiser: 'Организатор',
    status: 'Статус',
    statusReason: 'Причина',
    activityStatus: {
      planned: 'Запланировано',
      confirmed: 'Подтверждено',
      held: 'Проведено',
      reported: 'Отчёт представлен',
      postponed: 'Перенесено',
      cancelled: 'Отменено',
    },
    participants: 'Участники и присутствие',
    memberStates: 'Государства',
    ministries: 'Министерства',
    post: 'Пункт управления',
    answer: 'Ответ на приглашение',
    present: 'Присутствие',
    answers: { pending: 'Ответ не получен', confirmed: 'Подтверждено', declined: 'Отказ' },
    yes: 'Да',
    no: 'Нет',
    noPosts: 'Ни один пункт управления не приглашён.',
    agenda: 'Повестка дня',
    noAgenda: 'Повестка дня не составлена.',
    item: 'Вопрос',
    speakers: 'Докладчики',
    documentsPutForward: 'Внесённые документы',
    version: 'Версия',
    decisions: 'Решения и поручения',
    decision: 'Решение',
    noDecision: 'Решение не записано',
    noActions: 'Поручений нет.',
    notOnAgenda: 'Вне повестки дня',
    action: 'Поручение',
    owner: 'Ответственный',
    dueDate: 'Срок',
    actionStatus: { open: 'Открыто', in_progress: 'Выполняется', done: 'Выполнено', dropped: 'Снято' },
    documents: 'Документы',
    noDocuments: 'Документы не вносились.',
    title: 'Наименование',
    updated: 'Изменён',
    documentStatus: { draft: 'Проект', submitted: 'Внесён', agreed: 'Согласован', adopted: 'Принят' },
    locale: 'ru-RU',
    pageNumber: { page: 'стр.', of: 'из' },
  },
};

const MUTED = '#5b6472';

/** "28 November 2026, 10:00 – 12:00 (Moscow time)"; both dates when it ends on another day in Moscow. */
export function moscowDates(startAt: string, endAt: string, language: Language): string {
  const labels = MINUTES_LABELS[language];
  const date = new Intl.DateTimeFormat(labels.locale, { timeZone: PLAN_REFERENCE_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
  const time = new Intl.DateTimeFormat(labels.locale, { timeZone: PLAN_REFERENCE_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const start = new Date(startAt);
  const end = new Date(endAt);
  const range =
    date.format(start) === date.format(end)
      ? `${date.format(start)}, ${time.format(start)} – ${time.format(end)}`
      : `${date.format(start)}, ${time.format(start)} – ${date.format(end)}, ${time.format(end)}`;
  return `${range} ${labels.moscowTime}`;
}

/** A calendar date (YYYY-MM-DD) in the language, "1 December 2026". */
function calendarDate(value: string, language: Language): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return value;
  return new Intl.DateTimeFormat(MINUTES_LABELS[language].locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(parsed);
}

function documentLine(document: PlanDocument, labels: MinutesLabels): string {
  return `${document.title} (${labels.version.toLowerCase()} ${document.version}, ${labels.documentStatus[document.status].toLowerCase()})`;
}

function attendanceRows(activity: PlanActivityView, labels: MinutesLabels, names: MinutesNames): OutlineCell[][] {
  const byPost = new Map<string, AttendanceView>(activity.attendance.map((a) => [a.commandPostId, a]));
  // The invited posts in their order (by code), then any post that answered without being invited any more.
  const posts = [
    ...activity.invitedCommandPostIds,
    ...activity.attendance.map((a) => a.commandPostId).filter((id) => !activity.invitedCommandPostIds.includes(id)),
  ];
  return posts.map((id) => {
    const attendance = byPost.get(id);
    const status = attendance?.status ?? 'pending';
    const answer = labels.answers[status] + (attendance?.reason ? `: ${attendance.reason}` : '');
    const present = attendance?.present ?? null;
    return [
      { text: names.post(id), bold: true },
      { text: answer, color: status === 'declined' ? '#b3261e' : status === 'pending' ? MUTED : undefined },
      { text: present === null ? '—' : present ? labels.yes : labels.no },
    ];
  });
}

function participants(activity: PlanActivityView, labels: MinutesLabels, names: MinutesNames): OutlineBlock[] {
  const { memberStates, ministryIds } = activity.participants;
  const facts: [string, string][] = [];
  if (memberStates.length) facts.push([labels.memberStates, memberStates.map((code) => names.state(code)).join(', ')]);
  if (ministryIds.length) facts.push([labels.ministries, ministryIds.map((id) => names.ministry(id)).join(', ')]);
  const rows = attendanceRows(activity, labels, names);
  return [
    { kind: 'heading', level: 2, text: labels.participants },
    ...(facts.length ? [{ kind: 'facts', rows: facts } as const] : []),
    rows.length === 0
      ? { kind: 'paragraph', tone: 'muted', text: labels.noPosts }
      : {
          kind: 'table',
          columns: [
            { header: labels.post, width: 200 },
            { header: labels.answer, width: 220 },
            { header: labels.present, width: 80, align: 'center' },
          ],
          rows,
        },
  ];
}

function agenda(activity: PlanActivityView, labels: MinutesLabels): OutlineBlock[] {
  const documents = new Map(activity.documents.map((d) => [d.id, d]));
  if (activity.agenda.length === 0)
    return [
      { kind: 'heading', level: 2, text: labels.agenda },
      { kind: 'paragraph', tone: 'muted', text: labels.noAgenda },
    ];
  return [
    { kind: 'heading', level: 2, text: labels.agenda },
    {
      kind: 'table',
      columns: [
        { header: '№', width: 24, align: 'right' },
        { header: labels.item, width: 190 },
        { header: labels.speakers, width: 130 },
        { header: labels.documentsPutForward, width: 180 },
      ],
      rows: activity.agenda.map((item, i) => [
        { text: `${i + 1}.` },
        { text: item.title, bold: true },
        { text: item.speakers.join('\n') || '—' },
        {
          text:
            item.documents
              .map((id) => documents.get(id))
              .filter((d): d is PlanDocument => d !== undefined)
              .map((d) => documentLine(d, labels))
              .join('\n') || '—',
        },
      ]),
    },
  ];
}

function decision(heading: string, entry: MinutesEntry | undefined, labels: MinutesLabels, language: Language): OutlineBlock[] {
  const blocks: OutlineBlock[] = [{ kind: 'heading', level: 3, text: heading }];
  const text = entry?.decision.trim();
  if (text) blocks.push({ kind: 'paragraph', tone: 'bold', text: labels.decision }, { kind: 'paragraph', text });
  else blocks.push({ kind: 'paragraph', tone: 'muted', text: labels.noDecision });
  if (entry === undefined) return blocks;
  if (entry.actions.length === 0) blocks.push({ kind: 'paragraph', tone: 'muted', text: labels.noActions });
  else
    blocks.push({
      kind: 'table',
      columns: [
        { header: labels.action, width: 220 },
        { header: labels.owner, width: 120 },
        { header: labels.dueDate, width: 90 },
        { header: labels.status, width: 80 },
      ],
      rows: entry.actions.map((a) => [
        { text: a.text },
        { text: a.owner },
        { text: calendarDate(a.dueDate, language) },
        { text: labels.actionStatus[a.status], bold: a.status === 'open' || a.status === 'in_progress' },
      ]),
    });
  return blocks;
}

function decisions(activity: PlanActivityView, labels: MinutesLabels, language: Language): OutlineBlock[] {
  const entries = new Map(activity.minutes.map((m) => [m.agendaItemId, m]));
  const agendaIds = new Set(activity.agenda.map((a: AgendaItem) => a.id));
  const blocks: OutlineBlock[] = [{ kind: 'heading', level: 2, text: labels.decisions }];
  activity.agenda.forEach((item, i) => blocks.push(...decision(`${i + 1}. ${item.title}`, entries.get(item.id), labels, language)));
  // Minutes of an item since taken off the agenda are not dropped.
  for (const entry of activity.minutes.filter((m) => !agendaIds.has(m.agendaItemId)))
    blocks.push(...decision(labels.notOnAgenda, entry, labels, language));
  if (blocks.length === 1) blocks.push({ kind: 'paragraph', tone: 'muted', text: labels.noAgenda });
  return blocks;
}

function documentsTable(activity: PlanActivityView, labels: MinutesLabels): OutlineBlock[] {
  const date = new Intl.DateTimeFormat(labels.locale, { timeZone: PLAN_REFERENCE_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
  const dateOf = (value: string) => date.format(new Date(value));
  return [
    { kind: 'heading', level: 2, text: labels.documents },
    activity.documents.length === 0
      ? { kind: 'paragraph', tone: 'muted', text: labels.noDocuments }
      : {
          kind: 'table',
          columns: [
            { header: labels.title, width: 250 },
            { header: labels.version, width: 60, align: 'right' },
            { header: labels.status, width: 90 },
            { header: labels.updated, width: 100 },
          ],
          rows: activity.documents.map((d) => [
            { text: d.title, bold: true },
            { text: String(d.version) },
            { text: labels.documentStatus[d.status] },
            { text: dateOf(d.updatedAt) },
          ]),
        },
  ];
}

/**
 * The minutes of a videoconference consultation as document-neutral outline blocks (report-outline.ts), every label
 * in `language`: title, dates in Moscow time, organiser and status; the participants and their attendance; the agenda
 * with speakers and documents; per agenda item the decision and its action items; and all documents with their status.
 */
export function minutesOutline(activity: PlanActivityView, language: Language, names: MinutesNames): OutlineBlock[] {
  const labels = MINUTES_LABELS[language];
  const facts: [string, string][] = [
    [labels.dates, moscowDates(activity.startAt, activity.endAt, language)],
    [labels.organiser, activity.organiser || '—'],
    [labels.status, labels.activityStatus[activity.status]],
  ];
  if (activity.statusReason && (activity.status === 'postponed' || activity.status === 'cancelled'))
    facts.push([labels.statusReason, activity.statusReason]);
  return [
    { kind: 'paragraph', tone: 'muted', text: labels.kind },
    { kind: 'heading', level: 1, text: nameIn(activity.titles, language) },
    { kind: 'facts', rows: facts },
    ...participants(activity, labels, names),
    ...agenda(activity, labels),
    ...decisions(activity, labels, language),
    ...documentsTable(activity, labels),
  ];
}

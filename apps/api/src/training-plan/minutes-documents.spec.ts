import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Language } from '@excon/domain';
import type { PlanActivityView } from '@excon/contracts';
import type { OutlineBlock } from '../reports/report-outline';
import { renderMinutesDocx, renderMinutesPdf } from './minutes-documents';
import { MINUTES_LABELS, minutesOutline, type MinutesNames } from './minutes-outline';

const POSTS: Record<string, string> = { 'post-kz': 'ДКП МЧС Казахстана', 'post-kg': 'ДКП МЧС Кыргызстана', 'post-by': 'ЦУКС Беларуси' };
const STATES: Record<string, string> = { KZ: 'Казахстан', KG: 'Кыргызстан', BY: 'Беларусь' };
const MINISTRIES: Record<string, string> = { 'ministry-1': 'МЧС' };

const names: MinutesNames = {
  post: (id) => POSTS[id] ?? id,
  state: (code) => STATES[code] ?? code,
  ministry: (id) => MINISTRIES[id] ?? id,
};

/** A held consultation: two agenda items, the first decided with two action items, three documents, three posts. */
function consultation(): PlanActivityView {
  return {
    id: '7b0e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    year: 2026,
    kind: 'consultation',
    titles: { ru: 'Консультация по плану совместной подготовки', en: 'Consultation on the joint training plan' },
    startAt: '2026-11-28T07:00:00.000Z',
    endAt: '2026-11-28T09:30:00.000Z',
    localTimes: [{ zone: 'Europe/Moscow', startAt: '2026-11-28T10:00:00+03:00', endAt: '2026-11-28T12:30:00+03:00' }],
    participants: { memberStates: ['KZ', 'KG'], ministryIds: ['ministry-1'], commandPostIds: ['post-by'] },
    invitedCommandPostIds: ['post-by', 'post-kg', 'post-kz'],
    organiser: 'Иванов И. И.',
    status: 'held',
    statusReason: null,
    history: [],
    scenarioId: null,
    exerciseId: null,
    reportPath: null,
    attendance: [
      {
        commandPostId: 'post-kz',
        status: 'confirmed',
        reason: null,
        respondedAt: '2026-11-20T08:00:00.000Z',
        respondedByDisplayName: 'Оператор',
        present: true,
      },
      {
        commandPostId: 'post-kg',
        status: 'declined',
        reason: 'Паводок в Ошской области',
        respondedAt: '2026-11-21T08:00:00.000Z',
        respondedByDisplayName: 'Оператор',
        present: false,
      },
      { commandPostId: 'post-by', status: 'pending', reason: null, respondedAt: null, respondedByDisplayName: null, present: null },
    ],
    agenda: [
      {
        id: 'item-1',
        title: 'О проекте плана совместной подготовки на 2027 год',
        speakers: ['Петров П. П.', 'Сидорова А. В.'],
        documents: ['doc-plan', 'doc-note'],
      },
      { id: 'item-2', title: 'О порядке обмена данными мониторинга', speakers: ['Козлова Н. П.'], documents: ['doc-exchange'] },
    ],
    documents: [
      { id: 'doc-plan', title: 'Проект плана на 2027 год', version: 3, status: 'agreed', updatedAt: '2026-11-27T10:00:00.000Z' },
      { id: 'doc-note', title: 'Пояснительная записка', version: 1, status: 'draft', updatedAt: '2026-11-25T10:00:00.000Z' },
      { id: 'doc-exchange', title: 'Регламент обмена данными', version: 2, status: 'submitted', updatedAt: '2026-11-26T10:00:00.000Z' },
    ],
    minutes: [
      {
        agendaItemId: 'item-1',
        decision: 'Одобрить проект плана и направить его на утверждение.',
        actions: [
          { id: 'a1', text: 'Доработать раздел о командно-штабных учениях', owner: 'Петров П. П.', dueDate: '2026-12-15', status: 'open' },
          { id: 'a2', text: 'Разослать проект плана участникам', owner: 'Сидорова А. В.', dueDate: '2026-12-01', status: 'in_progress' },
        ],
      },
    ],
    videoconferenceUrl: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
  };
}

/** The PDF's text as pdftotext reads it, whitespace collapsed. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'minutes-pdf-'));
  try {
    const file = join(dir, 'minutes.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every w:t's text of word/document.xml, one string. */
async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ');
}

/** What the minutes must say in each language, besides the data. */
const EXPECTED: Record<Language, string[]> = {
  ru: [
    'Протокол консультации в режиме видеоконференции',
    '28 ноября 2026 г., 10:00 – 12:30 (московское время)',
    'Проведено',
    'Участники и присутствие',
    'Отказ: Паводок в Ошской области',
    'Ответ не получен',
    'Повестка дня',
    'Проект плана на 2027 год (версия 3, согласован)',
    'Решение',
    'Одобрить проект плана и направить его на утверждение.',
    'Доработать раздел о командно-штабных учениях',
    'Разослать проект плана участникам',
    '15 декабря 2026 г.',
    'Открыто',
    'Выполняется',
    'Решение не записано',
    'Согласован',
    'Проект',
    'Внесён',
    'стр. 1 из',
  ],
  en: [
    'Minutes of the videoconference consultation',
    '28 November 2026, 10:00 – 12:30 (Moscow time)',
    'Held',
    'Participants and attendance',
    'Declined: Паводок в Ошской области',
    'Pending',
    'Agenda',
    'Проект плана на 2027 год (version 3, agreed)',
    'Decision',
    'Одобрить проект плана и направить его на утверждение.',
    'Доработать раздел о командно-штабных учениях',
    'Разослать проект плана участникам',
    '15 December 2026',
    'Open',
    'In progress',
    'No decision recorded',
    'Agreed',
    'Draft',
    'Submitted',
    'page 1 of',
  ],
};

describe('renderMinutesPdf', () => {
  it.each(['ru', 'en'] as const)('writes the minutes in %s, with the Cyrillic data', async (language) => {
    const pdf = await renderMinutesPdf(consultation(), language, names);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const expected of [
      consultation().titles[language],
      'О проекте плана совместной подготовки на 2027 год',
      'О порядке обмена данными мониторинга',
      'Петров П. П.',
      'Козлова Н. П.',
      'ДКП МЧС Казахстана',
      'ЦУКС Беларуси',
      'Казахстан, Кыргызстан',
      'Регламент обмена данными',
      ...EXPECTED[language],
    ])
      expect(text).toContain(expected);
    expect(text).toContain(MINUTES_LABELS[language].document);
    // No EXERCISE marking: a consultation is not exercise play.
    expect(text).not.toContain('EXERCISE');
    const other = language === 'ru' ? 'en' : 'ru';
    expect(text).not.toContain(MINUTES_LABELS[other].noDecision);
  });

  it('renders with the Helvetica fallback', async () => {
    const pdf = await renderMinutesPdf(consultation(), 'en', names, { regular: null, bold: null });
    expect(pdfText(pdf)).toContain('No decision recorded');
  });
});

describe('renderMinutesDocx', () => {
  it.each(['ru', 'en'] as const)('writes the minutes in %s', async (language) => {
    const text = (await docxText(await renderMinutesDocx(consultation(), language, names))).replace(/\s+/g, ' ');
    for (const expected of [
      consultation().titles[language],
      'О проекте плана совместной подготовки на 2027 год',
      'ДКП МЧС Кыргызстана',
      ...EXPECTED[language].filter((e) => !e.startsWith('стр.') && !e.startsWith('page')),
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('EXERCISE');
  });
});

/** Every text an outline shows: headings, paragraphs, facts, bullets, table headers and cells. */
function texts(blocks: readonly OutlineBlock[]): { labels: string[]; all: string[] } {
  const labels: string[] = [];
  const all: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading' || block.kind === 'paragraph') all.push(block.text);
    else if (block.kind === 'facts') {
      labels.push(...block.rows.map(([label]) => label));
      all.push(...block.rows.flat());
    } else if (block.kind === 'bullets') all.push(...block.items);
    else if (block.kind === 'table') {
      labels.push(...block.columns.map((c) => c.header));
      all.push(...block.columns.map((c) => c.header), ...block.rows.flatMap((row) => row.map((cell) => cell.text)));
    }
  }
  return { labels, all };
}

/** Every string of the fixture and of the names, longest first: the data, which keeps its language. */
function dataStrings(): string[] {
  const found: string[] = [...Object.values(POSTS), ...Object.values(STATES), ...Object.values(MINISTRIES)];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(consultation());
  return found.sort((a, b) => b.length - a.length);
}

const CYRILLIC = /[\u0400-\u04ff]/;

describe('minutesOutline', () => {
  it('labels the English minutes in English: Cyrillic only in the data', () => {
    const { all } = texts(minutesOutline(consultation(), 'en', names));
    const data = dataStrings();
    const left = all.map((text) => data.reduce((rest, d) => rest.split(d).join(''), text)).filter((text) => CYRILLIC.test(text));
    expect(left).toEqual([]);
  });

  it('labels the Russian minutes in Russian', () => {
    const blocks = minutesOutline(consultation(), 'ru', names);
    const { labels } = texts(blocks);
    expect(labels.length).toBeGreaterThan(10);
    for (const label of labels) expect(label === '№' || CYRILLIC.test(label)).toBe(true);
    const headings = blocks.filter((b): b is Extract<OutlineBlock, { kind: 'heading' }> => b.kind === 'heading').map((b) => b.text);
    expect(headings).toEqual([
      'Консультация по плану совместной подготовки',
      'Участники и присутствие',
      'Повестка дня',
      'Решения и поручения',
      '1. О проекте плана совместной подготовки на 2027 год',
      '2. О порядке обмена данными мониторинга',
      'Документы',
    ]);
    expect(texts(blocks).all).toEqual(expect.arrayContaining(['Решение не записано', 'Да', 'Нет', '—', 'Согласован']));
  });
});

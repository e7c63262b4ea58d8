import { PLAN_REFERENCE_ZONE, planYear, zonedInstant, type BilingualNames, type PlanActivityKind } from '@excon/domain';

/** Every member state of the demo organisation (demo-organisation.ts) and the CRC's own. */
const ALL_STATES = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'];

export interface DemoPlanActivity {
  kind: PlanActivityKind;
  titles: BilingualNames;
  startAt: string;
  endAt: string;
  memberStates: string[];
  organiser: string;
  /** The demo scenario's draft exercise is linked to this one. */
  linksDemoExercise?: boolean;
}

/** An instant on Moscow's wall clock (the plan's reference zone). */
const moscow = (year: number, month: number, day: number, hour: number) =>
  new Date(zonedInstant(year, month, day, hour * 3600, PLAN_REFERENCE_ZONE)).toISOString();

/**
 * The demo's training plan for the year after `now`'s (on Moscow's calendar): quarterly joint duty-shift
 * trainings, a command-post exercise on the demo scenario, staff talks and a working-group meeting.
 */
export function demoPlanActivities(now: Date): DemoPlanActivity[] {
  const next = planYear(now.getTime()) + 1;
  const training = (quarter: number, month: number, day: number): DemoPlanActivity => ({
    kind: 'joint_training',
    titles: {
      ru: `Совместная тренировка дежурных смен ЦКЧС и командных пунктов, ${quarter}-й квартал`,
      en: `Joint training of the CRC duty shifts and the command posts, Q${quarter}`,
    },
    startAt: moscow(next, month, day, 10),
    endAt: moscow(next, month, day, 14),
    memberStates: ALL_STATES,
    organiser: 'ЦКЧС / CRC',
  });
  return [
    training(1, 2, 17),
    {
      kind: 'command_post_exercise',
      titles: { ru: 'Командно-штабное учение «Паводок»', en: 'Command-post exercise "Flood"' },
      startAt: moscow(next, 4, 14, 9),
      endAt: moscow(next, 4, 15, 18),
      memberStates: ['KZ', 'KG', 'TJ'],
      organiser: 'ЦКЧС / CRC',
      linksDemoExercise: true,
    },
    training(2, 6, 9),
    {
      kind: 'staff_talks',
      titles: { ru: 'Штабные переговоры по взаимодействию при трансграничных ЧС', en: 'Staff talks on cross-border emergencies' },
      startAt: moscow(next, 7, 8, 11),
      endAt: moscow(next, 7, 8, 13),
      memberStates: ['BY', 'RU'],
      organiser: 'МЧС Беларуси / MES of Belarus',
    },
    training(3, 9, 22),
    {
      kind: 'working_group',
      titles: { ru: 'Рабочая группа по итогам учений года', en: 'Working group on the lessons of the year’s exercises' },
      startAt: moscow(next, 11, 3, 10),
      endAt: moscow(next, 11, 3, 16),
      memberStates: ALL_STATES,
      organiser: 'ЦКЧС / CRC',
    },
    training(4, 12, 8),
  ];
}

/** Fixed ids, so the agenda can name its documents and the minutes its agenda items. */
const DRAFT_PLAN = 'd0c0ffee-0000-4000-8000-000000000001';
const DRAFT_REGULATION = 'd0c0ffee-0000-4000-8000-000000000002';
const ITEM_RESULTS = 'a9e0da00-0000-4000-8000-000000000001';
const ITEM_PLAN = 'a9e0da00-0000-4000-8000-000000000002';
const ITEM_REGULATION = 'a9e0da00-0000-4000-8000-000000000003';

/**
 * The two-day videoconference consultation of the ministries on organising next year's joint training (the
 * public record in ../shared/seeds): two weeks after `now`, with its agenda, the draft plan put forward, and the
 * first day's minutes.
 */
export function demoConsultation(now: Date) {
  const next = planYear(now.getTime()) + 1;
  const day = new Date(now.getTime() + 14 * 86_400_000);
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
  const due = new Date(day.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    kind: 'consultation' as const,
    titles: {
      ru: `Консультации по вопросам организации совместной подготовки на ${next} год`,
      en: `Consultations on organising the joint training of ${next}`,
    },
    startAt: moscow(y, m, d, 10),
    endAt: new Date(Date.parse(moscow(y, m, d, 16)) + 86_400_000).toISOString(),
    participants: { memberStates: ALL_STATES },
    organiser: 'ЦКЧС / CRC',
    documents: [
      {
        id: DRAFT_PLAN,
        title: `Проект плана совместной подготовки на ${next} год / Draft joint training plan ${next}`,
        version: 2,
        status: 'submitted' as const,
      },
      {
        id: DRAFT_REGULATION,
        title: 'Проект регламента обмена информацией / Draft information-exchange regulation',
        version: 1,
        status: 'draft' as const,
      },
    ],
    agenda: [
      {
        id: ITEM_RESULTS,
        title: `Итоги совместной подготовки ${next - 1} года / Results of the joint training of ${next - 1}`,
        speakers: ['Начальник ЦКЧС / Head of the CRC'],
        documents: [],
      },
      {
        id: ITEM_PLAN,
        title: `О проекте плана на ${next} год / The draft plan for ${next}`,
        speakers: ['МЧС Казахстана / MES of Kazakhstan', 'МЧС Беларуси / MES of Belarus'],
        documents: [DRAFT_PLAN],
      },
      {
        id: ITEM_REGULATION,
        title: 'О регламенте обмена информацией / The information-exchange regulation',
        speakers: ['ЦКЧС / CRC'],
        documents: [DRAFT_REGULATION],
      },
    ],
    minutes: [
      {
        agendaItemId: ITEM_RESULTS,
        decision: 'Информацию принять к сведению / The report is noted',
        actions: [],
      },
      {
        agendaItemId: ITEM_PLAN,
        decision:
          'Проект плана одобрить с учётом замечаний и представить на утверждение министрам / The draft plan is agreed with the remarks and put to the ministers',
        actions: [
          {
            text: 'Внести замечания сторон в проект плана / Work the parties’ remarks into the draft plan',
            owner: 'ЦКЧС / CRC',
            dueDate: due,
            status: 'open' as const,
          },
          {
            text: 'Согласовать даты КШУ «Паводок» / Agree the dates of CPX "Flood"',
            owner: 'МЧС Кыргызстана / MES of Kyrgyzstan',
            dueDate: due,
            status: 'in_progress' as const,
          },
        ],
      },
    ],
  };
}

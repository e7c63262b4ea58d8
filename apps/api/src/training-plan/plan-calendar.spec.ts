import fc from 'fast-check';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import type { PlanActivityView } from '@excon/contracts';
import { planCalendar, type CalendarOptions } from './plan-calendar';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;

let serial = 0;

/** A plan activity as the API sends it; two hours from startAt unless told. */
function activity(overrides: Partial<PlanActivityView> = {}): PlanActivityView {
  serial += 1;
  const startAt = overrides.startAt ?? '2026-04-15T09:00:00.000Z';
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    year: 2026,
    kind: 'joint_training',
    titles: { ru: 'Совместная тренировка', en: 'Joint training' },
    startAt,
    endAt: new Date(Date.parse(startAt) + 2 * 3600_000).toISOString(),
    localTimes: [],
    participants: { memberStates: ['KG', 'BY'], ministryIds: [], commandPostIds: [] },
    invitedCommandPostIds: [],
    organiser: 'Секретариат СКЧС',
    status: 'planned',
    statusReason: null,
    history: [],
    scenarioId: null,
    exerciseId: null,
    reportPath: null,
    attendance: [],
    agenda: [],
    documents: [],
    minutes: [],
    videoconferenceUrl: null,
    createdAt: '2026-01-10T08:00:00.000Z',
    updatedAt: '2026-02-01T10:30:00.000Z',
    ...overrides,
  };
}

const options = (zone: string, overrides: Partial<CalendarOptions> = {}): CalendarOptions => ({ zone, language: 'ru', name: 'План', ...overrides });

/** The calendar read back by ical.js: TZIDs resolve to the file's own VTIMEZONEs (nothing is registered globally). */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const start = component.getFirstProperty('dtstart')!;
    const end = component.getFirstProperty('dtend')!;
    return {
      component,
      event: new ICAL.Event(component),
      startTzid: start.getParameter('tzid') as string | undefined,
      endTzid: end.getParameter('tzid') as string | undefined,
      start: start.getFirstValue() as ICALModule.Time,
      end: end.getFirstValue() as ICALModule.Time,
    };
  });
  return { calendar, events };
}

const physicalLines = (text: string) => text.slice(0, -2).split('\r\n');

describe('planCalendar', () => {
  it('writes the calendar header once and ends every line with CRLF', () => {
    const text = planCalendar([activity()], options('Asia/Bishkek', { name: 'ExCon: план 2026' }));
    const { calendar } = parse(text);
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//CRC//ExCon training plan//EN');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('ExCon: план 2026');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Bishkek');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('shows a post in Bishkek and one in Minsk the same instant in their own wall clocks', () => {
    const item = activity({ startAt: '2026-04-15T09:00:00.000Z', endAt: '2026-04-15T11:30:00.000Z' });
    const bishkek = parse(planCalendar([item], options('Asia/Bishkek'))).events[0];
    const minsk = parse(planCalendar([item], options('Europe/Minsk'))).events[0];

    expect(bishkek.startTzid).toBe('Asia/Bishkek');
    expect(minsk.startTzid).toBe('Europe/Minsk');
    expect(bishkek.start.toString()).toBe('2026-04-15T15:00:00');
    expect(minsk.start.toString()).toBe('2026-04-15T12:00:00');
    expect(bishkek.start.hour - minsk.start.hour).toBe(3);
    expect(planCalendar([item], options('Asia/Bishkek'))).toContain('DTSTART;TZID=Asia/Bishkek:20260415T150000\r\n');
    for (const { start, end } of [bishkek, minsk]) {
      expect(start.toJSDate().getTime()).toBe(Date.parse(item.startAt));
      expect(end.toJSDate().getTime()).toBe(Date.parse(item.endAt));
    }
    expect(ICAL.TimezoneService.has('Asia/Bishkek')).toBe(false);
  });

  it('converts Berlin times on both sides of the summer-time change, and across it', () => {
    const january = activity({ startAt: '2026-01-15T08:00:00.000Z' });
    const july = activity({ startAt: '2026-07-15T08:00:00.000Z' });
    // Midnight CET to 04:00 CEST on the night the clocks go forward.
    const overnight = activity({ startAt: '2026-03-28T23:00:00.000Z', endAt: '2026-03-29T02:00:00.000Z' });
    const { events } = parse(planCalendar([january, july, overnight], options('Europe/Berlin')));

    expect(events.map((e) => e.start.toString())).toEqual(['2026-01-15T09:00:00', '2026-07-15T10:00:00', '2026-03-29T00:00:00']);
    expect(events[2].end.toString()).toBe('2026-03-29T04:00:00');
    expect(events.every((e) => e.startTzid === 'Europe/Berlin' && e.endTzid === 'Europe/Berlin')).toBe(true);
    [january, july, overnight].forEach((item, i) => {
      expect(events[i].start.toJSDate().getTime()).toBe(Date.parse(item.startAt));
      expect(events[i].end.toJSDate().getTime()).toBe(Date.parse(item.endAt));
    });
  });

  it('writes UTC for the hour repeated when the clocks go back (its wall clock names two instants)', () => {
    const first = activity({ startAt: '2026-10-25T00:30:00.000Z', endAt: '2026-10-25T03:00:00.000Z' }); // 02:30 CEST
    const second = activity({ startAt: '2026-10-25T01:30:00.000Z', endAt: '2026-10-25T03:00:00.000Z' }); // 02:30 CET
    const { events } = parse(planCalendar([first, second], options('Europe/Berlin')));
    expect(events.map((e) => e.startTzid)).toEqual([undefined, undefined]);
    expect(events.map((e) => e.start.toString())).toEqual(['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']);
    expect(events.map((e) => e.endTzid)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
    expect(events[0].end.toString()).toBe('2026-10-25T04:00:00');
  });

  it('keeps Cyrillic titles and a long description intact and folds every line to 75 octets', () => {
    const reason = 'Перенос в связи с паводком; участники: МЧС, Минобороны, «ЦУКС» — ' + 'ж'.repeat(300);
    const item = activity({
      titles: { ru: 'Командно-штабное учение «Паводок-2026» с участием всех государств-членов', en: 'CPX "Flood-2026"' },
      kind: 'command_post_exercise',
      status: 'postponed',
      statusReason: reason,
      videoconferenceUrl: 'https://vks.example.org/rooms/excon-2026-cpx?token=abcdefghijklmnopqrstuvwxyz0123456789',
    });
    const text = planCalendar([item], options('Europe/Moscow'));
    const { event, component } = parse(text).events[0];

    expect(event.summary).toBe(item.titles.ru);
    expect(event.description).toContain(item.titles.ru);
    expect(event.description).toContain(item.titles.en);
    expect(event.description).toContain(`Причина: ${reason}`);
    expect(event.description).toContain('Командно-штабное учение');
    expect(event.description).toContain('Секретариат СКЧС');
    expect(event.description).toContain(item.videoconferenceUrl);
    expect(event.location).toBe(item.videoconferenceUrl);
    expect(component.getFirstPropertyValue('url')).toBe(item.videoconferenceUrl);
    expect(component.getFirstPropertyValue('categories')).toBe('command_post_exercise');
    const lines = physicalLines(text);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);

    const english = parse(planCalendar([item], options('Europe/Moscow', { language: 'en' }))).events[0].event;
    expect(english.summary).toBe('CPX "Flood-2026"');
    expect(english.description).toContain(`Reason: ${reason}`);
  });

  it('maps statuses, and counts status changes in SEQUENCE', () => {
    const change = (status: PlanActivityView['status']) => ({
      status,
      reason: 'паводок',
      at: '2026-02-01T10:00:00.000Z',
      byDisplayName: 'Иванов И. И.',
      previousStartAt: '2026-04-01T09:00:00.000Z',
      previousEndAt: '2026-04-01T11:00:00.000Z',
    });
    const expected = {
      planned: 'TENTATIVE',
      postponed: 'TENTATIVE',
      confirmed: 'CONFIRMED',
      held: 'CONFIRMED',
      reported: 'CONFIRMED',
      cancelled: 'CANCELLED',
    };
    const items = Object.keys(expected).map((status, i) =>
      activity({ status: status as PlanActivityView['status'], history: Array.from({ length: i }, () => change('postponed')) }),
    );
    const { events } = parse(planCalendar(items, options('Asia/Almaty')));
    expect(events.map((e) => e.component.getFirstPropertyValue('status'))).toEqual(Object.values(expected));
    expect(events.map((e) => e.event.sequence)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.map((e) => e.event.uid)).toEqual(items.map((item) => `${item.id}@excon`));
    for (const { component } of events) {
      expect((component.getFirstPropertyValue('dtstamp') as ICALModule.Time).toString()).toBe('2026-02-01T10:30:00Z');
      expect((component.getFirstPropertyValue('last-modified') as ICALModule.Time).toString()).toBe('2026-02-01T10:30:00Z');
    }
  });

  it('writes one VTIMEZONE for many events, UTC times for UTC, and rejects an unknown zone', () => {
    const items = [activity(), activity({ startAt: '2026-08-01T06:00:00.000Z' }), activity({ startAt: '2026-11-20T12:00:00.000Z' })];
    const text = planCalendar(items, options('Asia/Yerevan'));
    expect(text.match(/^BEGIN:VTIMEZONE$/gm)).toHaveLength(1);
    expect(parse(text).calendar.getAllSubcomponents('vtimezone')[0].getFirstPropertyValue('tzid')).toBe('Asia/Yerevan');

    for (const zone of ['UTC', 'Etc/UTC']) {
      const utc = planCalendar(items, options(zone));
      expect(utc).not.toContain('VTIMEZONE');
      expect(utc).not.toContain('TZID');
      expect(utc).toContain('DTSTART:20260415T090000Z\r\n');
      expect(parse(utc).events.map((e) => e.start.toJSDate().toISOString())).toEqual(items.map((item) => item.startAt));
    }

    expect(() => planCalendar(items, options('Mars/Olympus_Mons'))).toThrow(/Mars\/Olympus_Mons/);
  });

  const ZONES = [
    'Europe/Moscow',
    'Asia/Bishkek',
    'Europe/Minsk',
    'Asia/Almaty',
    'Asia/Yerevan',
    'Asia/Dushanbe',
    'Europe/Berlin',
    'America/New_York',
  ];
  const second = 1000;
  const from = Date.UTC(2020, 0, 1) / second;
  const to = Date.UTC(2036, 0, 1) / second;
  /** Any instant to the second, or one within three hours of a European or American change of clocks. */
  const instant = fc.oneof(
    fc.integer({ min: from, max: to }).map((s) => s * second),
    fc
      .tuple(fc.integer({ min: 2020, max: 2035 }), fc.boolean(), fc.boolean(), fc.integer({ min: -3 * 3600, max: 3 * 3600 }))
      .map(([year, march, europe, shift]) => {
        // Last Sunday of March/October at 01:00 UTC; second Sunday of March / first of November at 02:00 local.
        const month = europe ? (march ? 2 : 9) : march ? 2 : 10;
        let day: number;
        if (europe) {
          const last = new Date(Date.UTC(year, month + 1, 0));
          day = last.getUTCDate() - last.getUTCDay();
        } else {
          const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
          day = 1 + ((7 - first) % 7) + (march ? 7 : 0);
        }
        return Date.UTC(year, month, day, europe ? 1 : march ? 7 : 6) + shift * second;
      }),
  );

  it('reads DTSTART and DTEND back as the same instants in any zone (property)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 5 * 24 * 3600 }), fc.constantFrom(...ZONES), (start, length, zone) => {
        const item = activity({ startAt: new Date(start).toISOString(), endAt: new Date(start + length * second).toISOString() });
        const [event] = parse(planCalendar([item], options(zone))).events;
        expect(event.start.toJSDate().getTime()).toBe(start);
        expect(event.end.toJSDate().getTime()).toBe(start + length * second);
        expect([zone, undefined]).toContain(event.startTzid);
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * iCalendar (RFC 5545) text of the year's training-plan activities: one `.ics` per activity and the per-user feed,
 * for Outlook and Thunderbird. Built with ical.js; the zone's VTIMEZONE comes from timezones-ical-library.
 */
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { PlanActivityView } from '@excon/contracts';
import { isIanaTimeZone, nameIn, wallClock, zonedInstant, type Language, type PlanActivityKind, type PlanActivityStatus } from '@excon/domain';

/**
 * ical.js is an ES module for TypeScript (`"type": "module"`), and this CommonJS file may not import it under
 * `module: node16` (TS1479); its `require` export is a CommonJS build of the same module, loaded here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js') as typeof ICALModule;
type Timezone = ICALModule.Timezone;
type Time = ICALModule.Time;
type Component = ICALModule.Component;

export interface CalendarOptions {
  /** IANA zone the times are written in (DTSTART;TZID=...), with its VTIMEZONE. */
  zone: string;
  /** Language of SUMMARY (titles[language]); DESCRIPTION holds both titles, the kind, organiser, status, reason, videoconference link. */
  language: Language;
  /** X-WR-CALNAME of the calendar. */
  name: string;
}

export const CALENDAR_PRODID = '-//CRC//ExCon training plan//EN';

/** Zones written as UTC times (`...Z`) with no VTIMEZONE. */
const UTC_ZONES: ReadonlySet<string> = new Set(['UTC', 'Etc/UTC']);

/**
 * RFC 5545 3.1: a physical line is at most 75 octets. ical.js counts 75 octets after the leading space of a
 * continuation line (76 in all), so the text is folded one octet shorter.
 */
const FOLD_LENGTH = 74;

/** iCalendar STATUS of a VEVENT: a postponed activity stays tentative until it is confirmed again. */
const EVENT_STATUS: Record<PlanActivityStatus, 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED'> = {
  planned: 'TENTATIVE',
  postponed: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  held: 'CONFIRMED',
  reported: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

const LABELS: Record<Language, { kind: string; organiser: string; status: string; reason: string; videoconference: string }> = {
  ru: { kind: 'Вид', organiser: 'Организатор', status: 'Статус', reason: 'Причина', videoconference: 'Видеоконференция' },
  en: { kind: 'Kind', organiser: 'Organiser', status: 'Status', reason: 'Reason', videoconference: 'Videoconference' },
};

const KIND_NAMES: Record<PlanActivityKind, Record<Language, string>> = {
  joint_training: { ru: 'Совместная тренировка', en: 'Joint training' },
  command_post_exercise: { ru: 'Командно-штабное учение', en: 'Command post exercise' },
  consultation: { ru: 'Консультация', en: 'Consultation' },
  staff_talks: { ru: 'Штабные переговоры', en: 'Staff talks' },
  working_group: { ru: 'Рабочая группа', en: 'Working group' },
};

const STATUS_NAMES: Record<PlanActivityStatus, Record<Language, string>> = {
  planned: { ru: 'запланировано', en: 'planned' },
  confirmed: { ru: 'подтверждено', en: 'confirmed' },
  held: { ru: 'проведено', en: 'held' },
  reported: { ru: 'отчёт представлен', en: 'reported' },
  postponed: { ru: 'перенесено', en: 'postponed' },
  cancelled: { ru: 'отменено', en: 'cancelled' },
};

/**
 * The VCALENDAR (PUBLISH) of the activities, one VEVENT each, times in `options.zone` with that zone's VTIMEZONE
 * (once), or in UTC for `UTC`/`Etc/UTC`. CRLF line endings, lines folded to 75 octets. Throws for an unknown zone.
 */
export function planCalendar(activities: readonly PlanActivityView[], options: CalendarOptions): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', CALENDAR_PRODID);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  calendar.addPropertyWithValue('x-wr-calname', options.name);
  calendar.addPropertyWithValue('x-wr-timezone', options.zone);

  const timezone = zoneDefinition(options.zone);
  if (timezone) calendar.addSubcomponent(timezone.component);

  for (const activity of activities) calendar.addSubcomponent(activityEvent(activity, timezone, options.language));

  const foldLength = ICAL.foldLength;
  ICAL.foldLength = FOLD_LENGTH;
  try {
    return `${calendar.toString()}\r\n`;
  } finally {
    ICAL.foldLength = foldLength;
  }
}

/** The zone's VTIMEZONE as an ical.js Timezone (its component goes into the VCALENDAR); null for UTC. */
function zoneDefinition(zone: string): Timezone | null {
  if (UTC_ZONES.has(zone)) return null;
  if (!isIanaTimeZone(zone)) throw new Error(`Unknown time zone: ${zone}`);
  // The library answers "" (and logs to the console) for a name it does not know.
  const block = tzlib_get_ical_block(zone);
  if (!Array.isArray(block) || typeof block[0] !== 'string' || block[0] === '') throw new Error(`Unknown time zone: ${zone}`);
  const component = new ICAL.Component(ICAL.parse(block[0]) as unknown[]);
  const timezone = new ICAL.Timezone({ component, tzid: zone });
  if (timezone.tzid !== zone) throw new Error(`Time zone ${zone} came back as ${timezone.tzid}`);
  return timezone;
}

function activityEvent(activity: PlanActivityView, timezone: Timezone | null, language: Language): Component {
  const component = new ICAL.Component('vevent');
  const event = new ICAL.Event(component);
  event.uid = `${activity.id}@excon`;
  component.addPropertyWithValue('dtstamp', utcTime(activity.updatedAt));
  component.addPropertyWithValue('last-modified', utcTime(activity.updatedAt));
  event.startDate = zonedTime(activity.startAt, timezone);
  event.endDate = zonedTime(activity.endAt, timezone);
  event.summary = nameIn(activity.titles, language);
  event.description = description(activity, language);
  if (activity.videoconferenceUrl) {
    event.location = activity.videoconferenceUrl;
    component.addPropertyWithValue('url', activity.videoconferenceUrl);
  }
  component.addPropertyWithValue('status', EVENT_STATUS[activity.status]);
  event.sequence = activity.history.length;
  component.addPropertyWithValue('categories', activity.kind);
  return component;
}

function description(activity: PlanActivityView, language: Language): string {
  const labels = LABELS[language];
  const lines = [
    ...[activity.titles.ru, activity.titles.en].filter((title) => title !== ''),
    '',
    `${labels.kind}: ${KIND_NAMES[activity.kind][language]}`,
    `${labels.organiser}: ${activity.organiser}`,
    `${labels.status}: ${STATUS_NAMES[activity.status][language]}`,
  ];
  if (activity.statusReason) lines.push(`${labels.reason}: ${activity.statusReason}`);
  if (activity.videoconferenceUrl) lines.push(`${labels.videoconference}: ${activity.videoconferenceUrl}`);
  return lines.join('\n');
}

function utcTime(iso: string): Time {
  return ICAL.Time.fromJSDate(instant(iso), true);
}

/**
 * The instant as the zone's wall clock (written with TZID), or as UTC when that wall clock would not read back as
 * the same instant: in the hour repeated when clocks go back (RFC 5545 readers take the first of the two, ical.js
 * the second), or where the zone's VTIMEZONE (current rules since 1970) disagrees with the runtime's zone history.
 * ical.js's own convertToZone is an hour off just after a transition, so the wall clock comes from Intl.
 */
function zonedTime(iso: string, timezone: Timezone | null): Time {
  const utc = utcTime(iso);
  if (!timezone) return utc;
  const epochMs = utc.toUnixTime() * 1000;
  const wall = wallClock(epochMs, timezone.tzid);
  const s = wall.secondsOfDay;
  const local = ICAL.Time.fromData(
    { year: wall.year, month: wall.month, day: wall.day, hour: Math.floor(s / 3600), minute: Math.floor(s / 60) % 60, second: s % 60, isDate: false },
    timezone,
  );
  const readsBack = zonedInstant(wall.year, wall.month, wall.day, s, timezone.tzid) === epochMs && local.toUnixTime() * 1000 === epochMs;
  return readsBack ? local : utc;
}

function instant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date-time: ${iso}`);
  return date;
}

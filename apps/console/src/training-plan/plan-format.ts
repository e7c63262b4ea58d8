import type { PlanActivityView, ZonedTimes } from '@excon/contracts';
import { zonedInstant, zonedIso } from '@excon/domain/clock/zoned-time';
import { nameIn, PLAN_REFERENCE_ZONE, type Language } from '@excon/domain/vocabulary';
import type { Translate } from '../i18n/i18n';

export const MOSCOW = PLAN_REFERENCE_ZONE;

/** This browser's zone. */
export const LOCAL_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Moscow" for the reference zone, else the IANA name (what the post's staff know their zone as). */
export function zoneLabel(zone: string, t: Translate): string {
  return zone === MOSCOW ? t('tp.moscow') : zone;
}

/** One clock's span: "15:00–18:30 Asia/Bishkek", with the dates when it runs over days ("14.04 15:00–15.04 18:30"). */
export function clockSpan(times: ZonedTimes, t: Translate): string {
  const date = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
  const time = (iso: string) => iso.slice(11, 16);
  const sameDay = times.startAt.slice(0, 10) === times.endAt.slice(0, 10);
  const span = sameDay
    ? `${time(times.startAt)}–${time(times.endAt)}`
    : `${date(times.startAt)} ${time(times.startAt)}–${date(times.endAt)} ${time(times.endAt)}`;
  return `${span} ${zoneLabel(times.zone, t)}`;
}

/** Every clock of an activity: the viewer's, then Moscow's. */
export function clocksText(activity: PlanActivityView, t: Translate): string {
  return activity.localTimes.map((times) => clockSpan(times, t)).join(' · ');
}

/** The dates on the first clock: "14.04.2027", or "14.04.2027 – 15.04.2027". */
export function datesText(activity: PlanActivityView): string {
  const first = activity.localTimes[0];
  if (!first) return '';
  const date = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  const start = date(first.startAt);
  const end = date(first.endAt);
  return start === end ? start : `${start} – ${end}`;
}

/** The activity's title in the interface language (the other one when it is missing). */
export function titleOf(activity: PlanActivityView, lang: Language): string {
  return nameIn(activity.titles, lang);
}

/** The month (1–12) an activity starts in on Moscow's calendar. */
export function moscowMonth(activity: PlanActivityView): number {
  const moscow = activity.localTimes.find((x) => x.zone === MOSCOW);
  return Number((moscow?.startAt ?? zonedIso(Date.parse(activity.startAt), MOSCOW)).slice(5, 7));
}

/** A `datetime-local` value read on a zone's wall clock → ISO instant, or null. */
export function zonedInputToIso(value: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value.trim());
  if (!m) return null;
  try {
    return new Date(zonedInstant(+m[1], +m[2], +m[3], +m[4] * 3600 + +m[5] * 60 + +(m[6] ?? 0), zone)).toISOString();
  } catch {
    return null;
  }
}

/** An instant → the `datetime-local` value of a zone's wall clock (minutes). */
export function isoToZonedInput(iso: string, zone: string): string {
  return zonedIso(Date.parse(iso), zone).slice(0, 16);
}

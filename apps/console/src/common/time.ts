import type { ExerciseStatus, Language } from '@excon/domain';
import { formatScenarioTime, parseScenarioTime, scenarioMsAt, type ExerciseClock } from '@excon/domain/clock/exercise-clock';

export { formatScenarioTime, parseScenarioTime };

/** The CRC works on Moscow time. */
export const CRC_TIME_ZONE = 'Europe/Moscow';

/** This browser's zone: what a `datetime-local` input means. */
export const LOCAL_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → the value of a `datetime-local` input with seconds (`2026-12-20T09:00:00`), in this browser's zone. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of a `datetime-local` input (this browser's zone) → epoch ms, or null when it is not a full date and time. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const at = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0)).getTime();
  return Number.isNaN(at) ? null : at;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: Language, timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withDate}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      timeZone,
      ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formats.set(key, f);
  }
  return f;
}

/** `14:03:22 GMT+3`: a wall time always with its zone. */
export function formatTime(at: string | number | Date, timeZone: string, language: Language, withDate = false): string {
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return '—';
  return format(language, timeZone, withDate).format(date);
}

/** What the consoles know of an exercise clock: its state at a server time. */
export interface ClockReading {
  status: ExerciseStatus;
  speed: number;
  scenarioSeconds: number;
  /** Server time (epoch ms) at which scenarioSeconds was read. */
  at: number;
}

/** The exercise clock (scenario seconds) at server time `now`, run locally from the last reading. */
export function scenarioSecondsAt(reading: ClockReading, now: number): number {
  const clock: ExerciseClock = {
    status: reading.status,
    speed: reading.speed,
    anchorAt: reading.at,
    anchorScenarioMs: reading.scenarioSeconds * 1000,
  };
  return Math.floor(scenarioMsAt(clock, now) / 1000);
}

/** `2:05` / `-0:12` for a countdown in whole seconds. */
export function formatCountdown(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.abs(Math.trunc(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

import { PLAN_REFERENCE_ZONE } from '../vocabulary';
import { wallClock, zonedInstant, zonedIso } from '../clock/zoned-time';

/** An activity's start and end on one zone's wall clock, with the offset: what a participant there reads. */
export interface ZonedTimes {
  zone: string;
  startAt: string;
  endAt: string;
}

/** The plan year an instant belongs to: its year on Moscow's wall clock (the CRC's working time). */
export function planYear(epochMs: number): number {
  return wallClock(epochMs, PLAN_REFERENCE_ZONE).year;
}

/**
 * The instants a plan year, or one month of it (1–12), spans on Moscow's wall clock: from its first midnight
 * (inclusive) to the next period's (exclusive).
 */
export function planPeriod(year: number, month?: number): { from: Date; to: Date } {
  const [startMonth, endYear, endMonth] = month === undefined ? [1, year + 1, 1] : [month, month === 12 ? year + 1 : year, (month % 12) + 1];
  return {
    from: new Date(zonedInstant(year, startMonth, 1, 0, PLAN_REFERENCE_ZONE)),
    to: new Date(zonedInstant(endYear, endMonth, 1, 0, PLAN_REFERENCE_ZONE)),
  };
}

/** Start and end in each zone, once each, in the order given (the viewer's zone, then Moscow's). */
export function zonedTimes(startAt: Date, endAt: Date, zones: readonly string[]): ZonedTimes[] {
  return [...new Set(zones)].map((zone) => ({ zone, startAt: zonedIso(startAt.getTime(), zone), endAt: zonedIso(endAt.getTime(), zone) }));
}

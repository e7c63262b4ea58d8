import fc from 'fast-check';
import { planPeriod, planYear, zonedTimes } from './plan-times';

const ZONES = [
  'Europe/Moscow',
  'Asia/Bishkek',
  'Europe/Minsk',
  'Asia/Almaty',
  'Asia/Yerevan',
  'Asia/Dushanbe',
  'Europe/Berlin',
  'America/New_York',
  'UTC',
];

describe('zonedTimes', () => {
  it('shows a post in Asia/Bishkek and one in Europe/Minsk the same instant on their own clocks', () => {
    const start = new Date('2027-03-10T09:00:00Z');
    const end = new Date('2027-03-10T12:30:00Z');
    const [bishkek, minsk, moscow] = zonedTimes(start, end, ['Asia/Bishkek', 'Europe/Minsk', 'Europe/Moscow']);
    expect(bishkek).toEqual({ zone: 'Asia/Bishkek', startAt: '2027-03-10T15:00:00+06:00', endAt: '2027-03-10T18:30:00+06:00' });
    expect(minsk).toEqual({ zone: 'Europe/Minsk', startAt: '2027-03-10T12:00:00+03:00', endAt: '2027-03-10T15:30:00+03:00' });
    expect(moscow.startAt).toBe('2027-03-10T12:00:00+03:00');
    expect(Date.parse(bishkek.startAt)).toBe(Date.parse(minsk.startAt));
  });

  it('follows daylight saving time where a zone has it, and lists a zone once', () => {
    const winter = zonedTimes(new Date('2027-01-15T08:00:00Z'), new Date('2027-01-15T09:00:00Z'), ['Europe/Berlin', 'Europe/Berlin']);
    const summer = zonedTimes(new Date('2027-07-15T08:00:00Z'), new Date('2027-07-15T09:00:00Z'), ['Europe/Berlin']);
    expect(winter).toHaveLength(1);
    expect(winter[0].startAt).toBe('2027-01-15T09:00:00+01:00');
    expect(summer[0].startAt).toBe('2027-07-15T10:00:00+02:00');
  });

  it('gives back the instant in every zone (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }), fc.subarray(ZONES, { minLength: 1 }), (ms, zones) => {
        const at = new Date(Math.floor(ms / 1000) * 1000);
        for (const times of zonedTimes(at, at, zones)) expect(Date.parse(times.startAt)).toBe(at.getTime());
      }),
    );
  });
});

describe('planYear and planPeriod', () => {
  it('puts New Year in Moscow into the new plan year, though it is still the old one in UTC', () => {
    expect(planYear(Date.parse('2026-12-31T21:30:00Z'))).toBe(2027);
    expect(planYear(Date.parse('2026-12-31T20:59:59Z'))).toBe(2026);
  });

  it('spans the year and each month from Moscow midnight to Moscow midnight', () => {
    expect(planPeriod(2027)).toEqual({ from: new Date('2026-12-31T21:00:00Z'), to: new Date('2027-12-31T21:00:00Z') });
    expect(planPeriod(2027, 2)).toEqual({ from: new Date('2027-01-31T21:00:00Z'), to: new Date('2027-02-28T21:00:00Z') });
    expect(planPeriod(2027, 12)).toEqual({ from: new Date('2027-11-30T21:00:00Z'), to: new Date('2027-12-31T21:00:00Z') });
  });

  it('puts every instant in the month of its plan year it falls in (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }), (ms) => {
        const year = planYear(ms);
        const months = Array.from({ length: 12 }, (_, i) => planPeriod(year, i + 1)).filter((p) => p.from.getTime() <= ms && ms < p.to.getTime());
        expect(months).toHaveLength(1);
        const whole = planPeriod(year);
        expect(whole.from.getTime() <= ms && ms < whole.to.getTime()).toBe(true);
      }),
    );
  });
});

import fc from 'fast-check';
import { formatOffset, parseTime, resolveOffsets, type ParsedTime } from './time-value';

const offset = (seconds: number): ParsedTime => ({ kind: 'offset', seconds });
const clock = (h: number, m = 0, s = 0): ParsedTime => ({ kind: 'clock', secondsOfDay: h * 3600 + m * 60 + s });
const H = 3600;
const D = 86_400;

describe('parseTime: offsets from STARTEX', () => {
  it.each([
    ['T+01:30:00', 5400],
    ['T+01:30', 5400],
    ['T+90', 5400],
    ['T-00:05:00', -300],
    ['T+0', 0],
    ['T-0', 0],
    ['t + 01:30:15', 5415],
    ['T+720:00:00', 720 * H],
    ['+01:30', 5400],
    ['+01:30:15', 5415],
    ['-0:10', -600],
    ['Ч+00:05', 300],
    ['ч+2.30', 2 * H + 1800],
    ['Ч+2,30', 2 * H + 1800],
    ['Ч-0:10', -600],
    ['Ч+2', 2 * H],
    ['H+2', 2 * H],
    ['Т+15', 900], // Cyrillic Т, as a Russian keyboard types it
    ['T−00:05:00', -300], // Unicode minus
    ['D+1 H+2 M+30', D + 2 * H + 1800],
    ['M+30 D+1 H+2', D + 2 * H + 1800],
    ['D+1H+2M+30', D + 2 * H + 1800],
    ['J+1 H+2 M-5', D + 2 * H - 300],
    ['Д+1 Ч+2 М+30', D + 2 * H + 1800],
    ['д+1 ч+2 м+30', D + 2 * H + 1800],
    ['J-60', -60 * D],
    ['J', 0],
    ['j', 0],
    ['J+2', 2 * D],
    ['M-5', -300],
    ['S+10', 10],
    ['H+1 S-10', H - 10],
  ])('reads %j as an offset of %d s', (text, seconds) => {
    expect(parseTime(text)).toEqual({ kind: 'offset', seconds });
  });

  it.each([
    ['J 09h00', 0, 9 * H],
    ['J+1 09h00', 1, 9 * H],
    ['J-1 14h30', -1, 14 * H + 1800],
    ['Д+1 09:00', 1, 9 * H],
    ['j+1 9:30:15', 1, 9 * H + 1815],
  ])('reads %j as day %d at a clock time', (text, day, secondsOfDay) => {
    expect(parseTime(text)).toEqual({ kind: 'dayClock', day, secondsOfDay });
  });
});

describe('parseTime: clock times, dates and instants', () => {
  it.each([
    ['0930', 9 * H + 1800],
    ['0000', 0],
    ['2359', 23 * H + 59 * 60],
    ['09:30', 9 * H + 1800],
    ['9:30:15', 9 * H + 1815],
    ['9:30 AM', 9 * H + 1800],
    ['07:29 PM', 19 * H + 29 * 60],
    ['12:00 am', 0],
    ['12:15 PM', 12 * H + 900],
    ['9 pm', 21 * H],
    ['9h00', 9 * H],
    ['9ч00', 9 * H],
    ['09.30', 9 * H + 1800],
    ['  09:30  ', 9 * H + 1800],
  ])('reads %j as a clock time', (text, secondsOfDay) => {
    expect(parseTime(text)).toEqual({ kind: 'clock', secondsOfDay });
  });

  it.each([
    ['26/06/2024 09h00', 2024, 6, 26, 9 * H],
    ['26.06.2024 09:00', 2024, 6, 26, 9 * H],
    ['2024-06-26 09:00', 2024, 6, 26, 9 * H],
    ['2024-06-26T09:00:30', 2024, 6, 26, 9 * H + 30],
    ['1.2.2025 7:05 PM', 2025, 2, 1, 19 * H + 300],
    ['26.06.2024', 2024, 6, 26, 0],
  ])('reads %j as a local date-time', (text, year, month, day, secondsOfDay) => {
    expect(parseTime(text)).toEqual({ kind: 'local', year, month, day, secondsOfDay });
  });

  it.each([
    ['2023-03-23T04:00:00.000Z', Date.UTC(2023, 2, 23, 4)],
    ['2026-12-02T09:30:00+03:00', Date.UTC(2026, 11, 2, 6, 30)],
    ['2026-12-02 09:30:00+03:00', Date.UTC(2026, 11, 2, 6, 30)],
    ['2026-12-02t06:30z', Date.UTC(2026, 11, 2, 6, 30)],
  ])('reads %j as an instant', (text, epochMs) => {
    expect(parseTime(text)).toEqual({ kind: 'instant', epochMs });
  });

  it.each([
    [0.5, 12 * H],
    [0, 0],
    [0.3958333333, 9 * H + 1800], // 09:30 as Excel stores it
    [0.9999999, 86_399], // never 24:00
    [930, 9 * H + 1800],
    [1015, 10 * H + 900],
    [2359, 23 * H + 59 * 60],
  ])('reads the number cell %d as a clock time', (value, secondsOfDay) => {
    expect(parseTime(value)).toEqual({ kind: 'clock', secondsOfDay });
  });

  it('reads Excel time cells (dates on day 0) as clock times and other dates as local date-times', () => {
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 19, 29)))).toEqual(clock(19, 29));
    expect(parseTime(new Date(Date.UTC(1899, 11, 31, 7, 5, 9)))).toEqual(clock(7, 5, 9));
    expect(parseTime(new Date(Date.UTC(1899, 11, 30, 9, 29, 59, 700)))).toEqual(clock(9, 30));
    expect(parseTime(new Date(Date.UTC(2024, 5, 26, 9, 0, 15)))).toEqual({ kind: 'local', year: 2024, month: 6, day: 26, secondsOfDay: 9 * H + 15 });
    expect(parseTime(new Date(Date.UTC(2024, 5, 26, 23, 59, 59, 600)))).toEqual({ kind: 'local', year: 2024, month: 6, day: 27, secondsOfDay: 0 });
  });
});

describe('parseTime: refusals name the value and say why', () => {
  it.each([
    [null, /^no time$/],
    ['', /^no time$/],
    ['   ', /^no time$/],
    ['25:70', /^"25:70" is not a time: minutes must be 0-59$/],
    ['24:00', /"24:00" is not a time: hours must be 0-23/],
    ['13:00 PM', /with AM\/PM the hour must be 1-12/],
    ['T+01:75', /"T\+01:75" is not a time: minutes must be 0-59/],
    ['T+1.5', /after T\+ write minutes/],
    ['T+', /after T\+ write minutes/],
    ['Ч+2.75', /minutes must be 0-59/],
    ['+90', /after a bare sign write h:mm/],
    ['930', /"930" is not a time: write military time with four digits \(0930\)/],
    ['2460', /"2460" is not a time: minutes must be 0-59/],
    ['2400', /hours must be 0-23/],
    ['J+1 D+2', /gives the days twice/],
    ['H', /"H" is not a time/],
    ['Monday 9:30 AM', /"Monday 9:30 AM" is not a time: write e\.g\. T\+01:30:00/],
    ['31/02/2024 09:00', /there is no such date/],
    ['2024-13-01 09:00', /there is no such date/],
    ['2024-06-26 25:00', /hours must be 0-23/],
    ['2024-06-26 soon', /the time after the date is not a clock time/],
    ['2026-12-02T09:30:00+25:00', /not a valid ISO 8601 instant/],
    ['J+1 H+2 09:00', /is not a time/],
    ['T+' + '9'.repeat(400), /too large/],
    [1.5, /^1\.5 is not a time: a number must be an Excel time/],
    [1075, /"1075" is not a time: minutes must be 0-59/],
    [2360, /^2360 is not a time: a number must be an Excel time \(0 to 1\) or military time/],
    [-0.25, /is not a time/],
    [45469.375, /is not a time/],
    [true, /"true" is not a time/],
    [new Date(NaN), /no valid date/],
  ])('refuses %j', (cell, message) => {
    const result = parseTime(cell);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(message);
  });
});

describe('formatOffset', () => {
  it.each([
    [0, 'T+00:00:00'],
    [5400, 'T+01:30:00'],
    [-300, 'T-00:05:00'],
    [720 * H, 'T+720:00:00'],
    [59.6, 'T+00:01:00'],
    [-0.2, 'T+00:00:00'],
  ])('writes %d s as %s', (seconds, text) => {
    expect(formatOffset(seconds)).toBe(text);
  });

  it('is read back exactly by parseTime, for every second of 30 days either side of STARTEX', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30 * D, max: 30 * D }), (seconds) => {
        expect(parseTime(formatOffset(seconds))).toEqual(offset(seconds));
      }),
    );
  });
});

describe('parseTime: properties', () => {
  it('reads T+<n> as n minutes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), (minutes) => {
        expect(parseTime(`T+${minutes}`)).toEqual(offset(minutes * 60));
      }),
    );
  });

  const signedPart = fc.tuple(fc.constantFrom('+', '-'), fc.nat({ max: 999 }));
  const latin = { day: 'D', hour: 'H', minute: 'M', second: 'S' };
  const french = { day: 'J', hour: 'H', minute: 'M', second: 'S' };
  const russian = { day: 'Д', hour: 'Ч', minute: 'М', second: 'С' };

  it('reads signed day/hour/minute/second parts, in any letters, order and spacing, as their sum', () => {
    fc.assert(
      fc.property(
        fc.record({ day: signedPart, hour: signedPart, minute: signedPart, second: signedPart }, { requiredKeys: [] }),
        fc.constantFrom(latin, french, russian),
        fc.constantFrom('', ' ', '  '),
        fc.boolean(),
        (parts, letters, gap, lower) => {
          const entries = Object.entries(parts) as [keyof typeof latin, [string, number]][];
          fc.pre(entries.length > 0);
          const weight = { day: D, hour: H, minute: 60, second: 1 };
          const expected = entries.reduce((sum, [unit, [sign, n]]) => sum + (sign === '-' ? -n : n) * weight[unit], 0);
          const text = entries.map(([unit, [sign, n]]) => `${letters[unit]}${sign}${n}`).join(gap === '' ? '' : gap);
          expect(parseTime(lower ? text.toLowerCase() : text)).toEqual(offset(expected));
        },
      ),
    );
  });

  it('gives D+1 H+2 M+30 the same value in every order of its parts', () => {
    const parts = ['D+1', 'H+2', 'M+30'];
    fc.assert(
      fc.property(fc.shuffledSubarray(parts, { minLength: 3, maxLength: 3 }), (order) => {
        expect(parseTime(order.join(' '))).toEqual(offset(D + 2 * H + 1800));
      }),
    );
  });

  it('reads every clock time written as hh:mm:ss, as military hhmm and as an Excel fraction of a day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), (h, m, s) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        expect(parseTime(`${pad(h)}:${pad(m)}:${pad(s)}`)).toEqual(clock(h, m, s));
        expect(parseTime(`${pad(h)}${pad(m)}`)).toEqual(clock(h, m));
        expect(parseTime((h * H + m * 60 + s) / D)).toEqual(clock(h, m, s));
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const result = parseTime(text);
        expect('kind' in result || typeof result.error === 'string').toBe(true);
      }),
    );
  });
});

describe('resolveOffsets', () => {
  const utc = { timeZone: 'UTC' };
  const moscow = { timeZone: 'Europe/Moscow' };
  const startex = Date.UTC(2026, 11, 2, 6, 0); // 09:00 in Moscow

  it('keeps relative offsets as they are when none is negative', () => {
    expect(resolveOffsets([offset(300), offset(0), offset(5400)], utc)).toEqual({ offsets: [300, 0, 5400], shiftSeconds: 0, errors: [] });
  });

  it('shifts negative offsets so that the earliest is 0 (OpenAEV J-1, J, J+1 H+2 M-5)', () => {
    expect(resolveOffsets([offset(-D), offset(0), offset(D + 2 * H - 300)], utc)).toEqual({
      offsets: [0, D, 2 * D + 2 * H - 300],
      shiftSeconds: D,
      errors: [],
    });
  });

  it('relates instants, local date-times, clock times and day clocks to STARTEX in the import zone', () => {
    const times: ParsedTime[] = [
      offset(60),
      { kind: 'instant', epochMs: startex + 90_000 },
      { kind: 'local', year: 2026, month: 12, day: 2, secondsOfDay: 10 * H },
      clock(9, 30),
      { kind: 'dayClock', day: 1, secondsOfDay: 9 * H },
    ];
    expect(resolveOffsets(times, { startex, ...moscow })).toEqual({ offsets: [60, 90, H, 1800, D], shiftSeconds: 0, errors: [] });
  });

  it('takes STARTEX’s date in the import zone, not in UTC', () => {
    // 22:00 UTC on 1 December is 08:00 on 2 December in Vladivostok (+10:00).
    const lateStartex = Date.UTC(2026, 11, 1, 22, 0);
    const result = resolveOffsets([clock(9), { kind: 'dayClock', day: 0, secondsOfDay: 10 * H }], {
      startex: lateStartex,
      timeZone: 'Asia/Vladivostok',
    });
    expect(result.offsets).toEqual([H, 2 * H]);
  });

  it('shifts a clock time before STARTEX and says by how much', () => {
    expect(resolveOffsets([clock(9), clock(8, 45)], { startex, ...moscow })).toEqual({ offsets: [900, 0], shiftSeconds: 900, errors: [] });
  });

  it('reads local times across a DST change with the zone’s real offset', () => {
    // Berlin changed from +01:00 to +02:00 at 02:00 local on 2024-03-31.
    const berlinStartex = Date.UTC(2024, 2, 30, 23, 0); // 00:00 local, +01:00
    const local = (h: number, m = 0): ParsedTime => ({ kind: 'local', year: 2024, month: 3, day: 31, secondsOfDay: h * H + m * 60 });
    const result = resolveOffsets([local(1), local(3), local(2, 30)], { startex: berlinStartex, timeZone: 'Europe/Berlin' });
    // 03:00 CEST is one real hour after 01:00 CET; 02:30 does not exist and reads as 03:30 CEST.
    expect(result.offsets).toEqual([H, 2 * H, 2 * H + 1800]);
    // In the repeated hour (02:30 happens twice on 2024-10-27), the first of the two.
    const autumnStartex = Date.UTC(2024, 9, 26, 22, 0); // 00:00 CEST
    const autumn = resolveOffsets([{ kind: 'local', year: 2024, month: 10, day: 27, secondsOfDay: 2 * H + 1800 }], {
      startex: autumnStartex,
      timeZone: 'Europe/Berlin',
    });
    expect(autumn.offsets).toEqual([2 * H + 1800]);
  });

  it('without STARTEX places absolute times after the earliest of them', () => {
    // Blueprint: ISO instants, not in time order.
    const instants = [Date.UTC(2023, 2, 23, 5), Date.UTC(2023, 2, 23, 4), Date.UTC(2023, 2, 23, 4, 30, 15)].map((epochMs): ParsedTime => ({
      kind: 'instant',
      epochMs,
    }));
    expect(resolveOffsets(instants, utc)).toEqual({ offsets: [H, 0, 1815], shiftSeconds: 0, errors: [] });
    // T3SF: Excel time cells from 19:29 to 19:35.
    expect(resolveOffsets([clock(19, 29), clock(19, 35), clock(19, 30)], utc).offsets).toEqual([0, 360, 60]);
    // Clock times share the day of the earliest dated time, read in the zone (Paris is +02:00 in June).
    const mixed: ParsedTime[] = [
      clock(10, 30),
      { kind: 'instant', epochMs: Date.UTC(2024, 5, 26, 6) },
      { kind: 'local', year: 2024, month: 6, day: 26, secondsOfDay: 9 * H },
    ];
    expect(resolveOffsets(mixed, { timeZone: 'Europe/Paris' }).offsets).toEqual([2 * H + 1800, 0, H]);
  });

  it('without STARTEX takes STARTEX as 00:00 of day J for day clocks, beside relative offsets', () => {
    const times: ParsedTime[] = [
      offset(-D),
      offset(0),
      { kind: 'dayClock', day: 0, secondsOfDay: 9 * H },
      { kind: 'dayClock', day: 1, secondsOfDay: 9 * H },
    ];
    expect(resolveOffsets(times, utc)).toEqual({ offsets: [0, D, D + 9 * H, 2 * D + 9 * H], shiftSeconds: D, errors: [] });
  });

  it('without STARTEX refuses absolute times beside relative ones, naming the option', () => {
    const times: ParsedTime[] = [offset(-60), { kind: 'local', year: 2024, month: 6, day: 26, secondsOfDay: 9 * H }, offset(120), clock(9)];
    const result = resolveOffsets(times, utc);
    expect(result.errors.map((e) => e.index)).toEqual([1, 3]);
    expect(result.errors[0].error).toMatch(/STARTEX \(option startex\) is needed/);
    expect(result.offsets).toEqual([0, 0, 180, 0]);
    expect(result.shiftSeconds).toBe(60);
  });

  it('reports an unknown zone at each time that needs one, and an invalid STARTEX', () => {
    const result = resolveOffsets([offset(0), clock(9), { kind: 'instant', epochMs: startex + 1000 }], { startex, timeZone: 'Mars/Olympus' });
    expect(result.errors).toEqual([{ index: 1, error: expect.stringMatching(/"Mars\/Olympus" is not a known IANA time zone/) }]);
    expect(result.offsets).toEqual([0, 0, 1]);
    expect(resolveOffsets([offset(5), clock(9)], { startex: NaN, timeZone: 'UTC' }).errors).toEqual([
      { index: 1, error: expect.stringMatching(/STARTEX/) },
    ]);
  });

  it('rounds to whole seconds and returns no negative zero', () => {
    const result = resolveOffsets(
      [
        { kind: 'instant', epochMs: startex - 400 },
        { kind: 'instant', epochMs: startex + 1600 },
      ],
      { startex, ...utc },
    );
    expect(result.offsets).toEqual([0, 2]);
    expect(Object.is(result.offsets[0], 0)).toBe(true);
  });

  const anyTime: fc.Arbitrary<ParsedTime> = fc.oneof(
    fc.integer({ min: -30 * D, max: 30 * D }).map(offset),
    fc.record({ kind: fc.constant('dayClock' as const), day: fc.integer({ min: -30, max: 30 }), secondsOfDay: fc.integer({ min: 0, max: D - 1 }) }),
    fc.integer({ min: 0, max: D - 1 }).map((secondsOfDay): ParsedTime => ({ kind: 'clock', secondsOfDay })),
    fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((epochMs): ParsedTime => ({ kind: 'instant', epochMs })),
    fc.date({ min: new Date(Date.UTC(2020, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }).map((d): ParsedTime => ({
      kind: 'local',
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      secondsOfDay: d.getUTCHours() * H,
    })),
  );
  const context = fc.record(
    {
      startex: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      timeZone: fc.constantFrom('UTC', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
    },
    { requiredKeys: ['timeZone'] },
  );

  it('never returns a negative or fractional offset, one per input', () => {
    fc.assert(
      fc.property(fc.array(anyTime, { maxLength: 12 }), context, (times, ctx) => {
        const { offsets, shiftSeconds } = resolveOffsets(times, ctx);
        expect(offsets).toHaveLength(times.length);
        for (const o of offsets) expect(Number.isInteger(o) && o >= 0).toBe(true);
        expect(shiftSeconds).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('keeps the order of instants', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }).map((epochMs): ParsedTime => ({ kind: 'instant', epochMs }));
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 12 }), context, (times, ctx) => {
        const { offsets, errors } = resolveOffsets(times, ctx);
        expect(errors).toEqual([]);
        const ms = times.map((t) => (t.kind === 'instant' ? t.epochMs : 0));
        for (let i = 0; i < times.length; i++)
          for (let j = 0; j < times.length; j++) if (ms[i] < ms[j]) expect(offsets[i]).toBeLessThanOrEqual(offsets[j]);
      }),
    );
  });

  it('puts the earliest at 0 whenever an input came out negative, moving every time by the same amount', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -30 * D, max: 30 * D }), { minLength: 1, maxLength: 12 }), (seconds) => {
        const { offsets, shiftSeconds } = resolveOffsets(seconds.map(offset), { timeZone: 'UTC' });
        const min = Math.min(...seconds);
        if (min < 0) {
          expect(Math.min(...offsets)).toBe(0);
          expect(shiftSeconds).toBe(-min);
        } else expect(shiftSeconds).toBe(0);
        expect(offsets).toEqual(seconds.map((s) => s + shiftSeconds));
      }),
    );
  });
});

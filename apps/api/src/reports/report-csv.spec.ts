import type { ExerciseReport, ReportDelivery, ReportTimelineEntry } from '@excon/contracts';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvField, renderReportCsv } from './report-csv';

function delivery(code: string, fields: Partial<ReportDelivery> = {}): ReportDelivery {
  return {
    deliveryId: `d-${code}`,
    commandPostId: `p-${code}`,
    commandPostCode: code,
    seq: 1,
    status: 'sent',
    firedAt: '2026-12-20T06:00:00.000Z',
    deliveredAt: null,
    acknowledgedAt: null,
    respondedAt: null,
    response: null,
    ackDeadlineAt: null,
    overdue: false,
    secondsToAcknowledge: null,
    secondsToRespond: null,
    releasedByDeliveryId: null,
    readAt: null,
    secondsToRead: null,
    ...fields,
  };
}

function entry(ref: string, offsetSeconds: number, title: string, deliveries: ReportDelivery[]): ReportTimelineEntry {
  return {
    injectId: `i-${ref}`,
    ref,
    offsetSeconds,
    title,
    precedence: 'routine',
    from: '',
    expectedAction: '',
    status: deliveries.length ? 'fired' : 'pending',
    dueAt: null,
    firedAt: null,
    latenessMs: null,
    ackWithinSeconds: null,
    targets: [],
    targetCodes: [],
    contingency: false,
    adHoc: false,
    objectiveRefs: [],
    acknowledged: 0,
    acknowledgedInTime: 0,
    responded: 0,
    overdue: 0,
    deliveries,
  };
}

describe('csvField', () => {
  it('leaves plain text alone and writes null as an empty field', () => {
    expect(csvField('KZ-MES')).toBe('KZ-MES');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
  });

  it('defuses free text that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+7 701')).toBe("'+7 701");
    expect(csvField('-')).toBe("'-");
    expect(csvField('@all')).toBe("'@all");
    expect(csvField('T+00:00:01')).toBe('T+00:00:01');
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe(`"'\rx"`);
  });

  it('quotes a semicolon, so an Excel whose list separator is ";" (ru, kz, de) cannot start a cell with "="', () => {
    expect(csvField("Roger;=cmd|' /C calc'!A0")).toBe(`"Roger;'=cmd|' /C calc'!A0"`);
    expect(csvField('a,-b')).toBe(`"a,'-b"`);
  });

  it('reads back with "," as one field per value, and split on ";" (as a ru/kz/de Excel does) no cell starts a formula', () => {
    // Generated text holds no apostrophe of its own, so that the defusing one can be told apart on the way back.
    const hostile = fc.oneof(
      fc.string().map((text) => text.replace(/'/g, '')),
      fc.constantFrom(
        "Roger;=cmd|' /C calc'!A0",
        '=1+1',
        '+7',
        '-5',
        '@SUM(A1)',
        '\t=x',
        '\r=x',
        'a,b;c"d\ne',
        'Принято;=HYPERLINK("x")',
        ';',
        ',@x',
      ),
    );
    const formula = /^[=+\-@\t\r]/;
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 6 }), (values) => {
        const line = values.map((v) => csvField(v)).join(',');
        const rows: string[][] = parse(line, { delimiter: ',', record_delimiter: ['\r\n'] });
        const row = rows[0] ?? [''];
        // The comma reading gives each value back, defused where it could start a formula.
        if (row.length !== values.length) return false;
        if (row.some((cell, i) => cell.replace(/^'(?=[\t\r])/, '').replace(/(^|[,;])'(?=["\t\r\n ]*[=+\-@])/g, '$1') !== values[i])) return false;
        // The semicolon reading, taken at its worst (quotes ignored, opening quotes stripped): no formula.
        const cells: string[][] = parse(line, { delimiter: ';', quote: false, relax_column_count: true, record_delimiter: ['\r\n'] });
        return cells.flat().every((cell) => !formula.test(cell.replace(/^"+/, '').trimStart()));
      }),
    );
  });
});

describe('renderReportCsv', () => {
  it('writes a BOM, a header and one CRLF-ended row per delivery in timeline order', () => {
    const report = {
      timeline: [
        entry('R1', 3723, 'Паводок, "срочно"', [
          delivery('A', { acknowledgedAt: '2026-12-20T06:00:01.500Z', secondsToAcknowledge: 1.5, response: 'Принято,\nвыполняем' }),
          delivery('B', { overdue: true }),
        ]),
        entry('R2', 7200, 'Not fired yet', []),
      ],
    } as unknown as ExerciseReport;
    const text = renderReportCsv(report).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual([
      'inject_ref,offset,title,precedence,post_code,fired_at,delivered_at,acknowledged_at,responded_at,overdue,seconds_to_acknowledge,seconds_to_respond,response,seconds_to_receive,contingency_released_by,read_at,seconds_to_read',
      'R1,T+01:02:03,"Паводок, ""срочно""",routine,A,2026-12-20T06:00:00.000Z,,2026-12-20T06:00:01.500Z,,no,1.5,,"Принято,\nвыполняем",,,,',
      'R1,T+01:02:03,"Паводок, ""срочно""",routine,B,2026-12-20T06:00:00.000Z,,,,yes,,,,,,,',
      '',
    ]);
  });
});

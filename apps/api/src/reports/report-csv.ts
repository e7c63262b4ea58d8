import { formatScenarioTime } from '@excon/domain';
import type { ExerciseReport } from '@excon/contracts';

export const REPORT_CSV_COLUMNS = [
  'inject_ref',
  'offset',
  'title',
  'precedence',
  'post_code',
  'fired_at',
  'delivered_at',
  'acknowledged_at',
  'responded_at',
  'overdue',
  'seconds_to_acknowledge',
  'seconds_to_respond',
  'response',
] as const;

/** Byte order mark: without it Excel reads UTF-8 as the local code page and garbles Cyrillic. */
const BOM = '\uFEFF';

/**
 * One field as RFC 4180 wants it, safe in Excel whatever its list separator: quoted when it holds a
 * comma, a semicolon (the separator of ru, kz, de locales), a quote or a line break, quotes doubled.
 * Text that a spreadsheet would take for a formula gets an apostrophe in front: at the start of the
 * field (=, +, -, @, tab or CR first), and after every "," or ";" that (past white space) is followed by
 * =, +, - or @: an Excel that splits this comma file on semicolons (and does not honour the quotes across
 * them) still finds no cell that starts a formula.
 * Numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = value.replace(/^(?=[\t\r])/, "'").replace(/(^|[,;])(?=[\t\r\n ]*[=+\-@])/g, "$1'");
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV: one row per delivery, in timeline order; UTF-8 with a BOM, CRLF line ends. */
export function renderReportCsv(report: ExerciseReport): Buffer {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const entry of report.timeline) {
    for (const d of entry.deliveries) {
      lines.push(
        [
          csvField(entry.ref),
          csvField(formatScenarioTime(entry.offsetSeconds)),
          csvField(entry.title),
          csvField(entry.precedence),
          csvField(d.commandPostCode),
          csvField(d.firedAt),
          csvField(d.deliveredAt),
          csvField(d.acknowledgedAt),
          csvField(d.respondedAt),
          csvField(d.overdue ? 'yes' : 'no'),
          csvField(d.secondsToAcknowledge),
          csvField(d.secondsToRespond),
          csvField(d.response),
        ].join(','),
      );
    }
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

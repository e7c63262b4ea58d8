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
 * One field as RFC 4180 wants it: quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Free text that a spreadsheet would take for a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so an operator's response cannot run as a formula in the reviewer's Excel.
 */
export function csvField(value: string | number | null, freeText = false): string {
  if (value === null) return '';
  let text = String(value);
  if (freeText && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV: one row per delivery, in timeline order; UTF-8 with a BOM, CRLF line ends. */
export function renderReportCsv(report: ExerciseReport): Buffer {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const entry of report.timeline) {
    for (const d of entry.deliveries) {
      lines.push(
        [
          csvField(entry.ref, true),
          csvField(formatScenarioTime(entry.offsetSeconds)),
          csvField(entry.title, true),
          csvField(entry.precedence),
          csvField(d.commandPostCode, true),
          csvField(d.firedAt),
          csvField(d.deliveredAt),
          csvField(d.acknowledgedAt),
          csvField(d.respondedAt),
          csvField(d.overdue ? 'yes' : 'no'),
          csvField(d.secondsToAcknowledge),
          csvField(d.secondsToRespond),
          csvField(d.response, true),
        ].join(','),
      );
    }
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

import { stringify } from 'csv-stringify/sync';
import { EXCON_COLUMNS } from '../msel-fields';
import type { PortableScenario } from '../portable-scenario';
import { exconRow } from './excon-rows';
import { guardFormula } from './formula-guard';

/**
 * The scenario's injects as ExCon's CSV: UTF-8 with a BOM (so Excel opens it as UTF-8), `,`-separated, CRLF line
 * ends, fields quoted when they hold a delimiter, a quote or a line break. The first row is the
 * {@link EXCON_COLUMNS} headers; the title, description and objectives are not in a CSV (the XLSX and JSON carry
 * them). A cell a spreadsheet would run as a formula gets a leading `'`, which `readCsv` takes off again.
 */
export function writeCsv(scenario: PortableScenario): Buffer {
  const records = [
    EXCON_COLUMNS.map((column) => column.header),
    ...scenario.injects.map((inject) => exconRow(inject, scenario.language).map(guardFormula)),
  ];
  const text = stringify(records, { bom: true, delimiter: ',', record_delimiter: 'windows', quote_record_delimiter: true });
  return Buffer.from(text, 'utf-8');
}

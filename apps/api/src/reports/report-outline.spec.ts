import { OUTLINE_LIMITS, OUTLINE_SECTIONS, reportOutline, type OutlineBlock } from './report-outline';
import { largeReport, richReport } from './report-fixture.testing';

const tables = (blocks: OutlineBlock[]) => blocks.filter((b): b is Extract<OutlineBlock, { kind: 'table' }> => b.kind === 'table');
const texts = (blocks: OutlineBlock[]) =>
  blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : b.kind === 'bullets' ? b.items : []));
/** The table right after the heading with this text. */
function tableAfter(blocks: OutlineBlock[], heading: string): Extract<OutlineBlock, { kind: 'table' }> {
  const at = blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
  const found = tables(blocks.slice(at + 1))[0];
  if (at < 0 || !found) throw new Error(`no table after ${heading}`);
  return found;
}

describe('reportOutline', () => {
  it('puts the AAR/IP sections in order, every table row as wide as its header', () => {
    const blocks = reportOutline(richReport());
    const top = blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b.kind === 'heading' ? b.text : ''));
    expect(top).toEqual([...OUTLINE_SECTIONS]);
    for (const table of tables(blocks)) for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    expect(blocks.filter((b) => b.kind === 'chart')).toHaveLength(5);
  });

  it('rates each post by its final rating, else the worst current one, and ties the plan to its area for improvement', () => {
    const blocks = reportOutline(richReport());
    const o1 = tableAfter(blocks, 'Rating per command post');
    expect(o1.rows.map((r) => [r[0].text, r[1].text, r[2].text])).toEqual([
      ['KZ-MES', 'P', 'yes'],
      ['KZ-MOD', 'S', 'no'],
      ['KG-MES', 'M', 'yes'],
      ['RU-MES', 'P', 'no'],
      ['BY-CRC', 'U', 'no'],
      ['AM-MES', '–', 'no'],
    ]);
    const plan = tableAfter(blocks, 'Appendix A: Improvement plan');
    expect(plan.rows[1].map((c) => c.text)).toEqual([
      'O1',
      'Список контактов KG-MES устарел: два номера не отвечают.',
      'Update the contact list quarterly and test it monthly',
      'Planning',
      'MES of the Kyrgyz Republic · KG · Emergency',
      'A. Asanov',
      '–',
      '2026-12-01\noverdue',
      'Open',
    ]);
    const response = tableAfter(blocks, 'Response figures');
    expect(response.rows[5].map((c) => c.text)).toEqual(['AM-MES', '12', '0.90 / 1.90 / 7', '65 / 115 / 180', '– / – / –', '10/12', '2', '1']);
    expect(texts(blocks)).toContain('Список контактов KG-MES устарел: два номера не отвечают. (T+00:20:10, 06:20:10 UTC · Иванова А. С. · KG-MES)');
  });

  it('says which CRC duty shift handled what, with its watches', () => {
    const shifts = tableAfter(reportOutline(richReport()), 'CRC duty shifts');
    expect(shifts.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['B', 'Дежурная смена «Б» / Duty shift B', '40', '28', '6', '2026-11-28 05:00:00 UTC – 2026-11-28 17:00:00 UTC'],
      ['C', 'Дежурная смена «В» / Duty shift C', '32', '20', '3', '2026-11-28 17:00:00 UTC – 2026-11-29 05:00:00 UTC'],
    ]);
    expect(texts(reportOutline({ ...richReport(), dutyShifts: [] }))).not.toContain('CRC duty shifts');
  });

  it('lists the duty communications with channel, sender, shift on duty and readers', () => {
    const messages = tableAfter(reportOutline(richReport()), 'Duty communications');
    expect(messages.rows.map((r) => r.map((c) => c.text))).toEqual([
      [
        '2026-11-28 06:10:00 UTC (T+00:10:00)',
        'KG-MES',
        'Петров П. П. (controller, shift B)',
        'KG-MES, доложите уровень воды на посту Ала-Арча',
        'KG-MES 2026-11-28 06:11:00 UTC',
      ],
      ['2026-11-28 07:00:00 UTC (T+01:00:00)', 'all posts', 'Петров П. П. (controller, shift B)', 'All posts: ENDEX at 12:00 UTC', '—'],
    ]);
    expect(texts(reportOutline({ ...richReport(), dutyMessages: [] }))).not.toContain('Duty communications');
  });

  it('caps what it lists at scale and says how much it left out', () => {
    const blocks = reportOutline(largeReport(10_000, 100, 100_000));
    expect(tableAfter(blocks, 'Missed acknowledge deadlines').rows).toHaveLength(OUTLINE_LIMITS.missedDeadlines);
    expect(texts(blocks)).toContain('… and 99800 more missed deadlines (see the CSV export).');
    const buckets = tableAfter(blocks, 'Injects by exercise time');
    expect(buckets.rows.length).toBeLessThanOrEqual(48);
    expect(buckets.rows.reduce((n, r) => n + Number(r[2].text), 0)).toBe(10_000);
    const rows = tables(blocks).reduce((n, t) => n + t.rows.length, 0);
    expect(rows).toBeLessThan(1500);
  });
});

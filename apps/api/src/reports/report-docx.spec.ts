import JSZip from 'jszip';
import { renderReportDocx } from './report-docx';
import { OUTLINE_SECTIONS } from './report-outline';
import { largeReport, richReport } from './report-fixture.testing';

interface DocxParts {
  xml: string;
  /** Every w:t's text, one string. */
  text: string;
  media: string[];
  rels: string;
  zip: JSZip;
}

export async function readDocx(buffer: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
  return { xml, text, media, rels, zip };
}

/** The heading paragraphs' texts, by level. */
function headings(xml: string, level: number): string[] {
  return [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading(\d)"\/>(?:(?!<\/w:p>).)*?<\/w:p>/g)]
    .filter((m) => m[1] === String(level))
    .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));
}

describe('renderReportDocx', () => {
  it('writes the AAR/IP sections as Word headings, tables and chart images, Cyrillic included', async () => {
    const docx = await renderReportDocx(richReport());
    const { xml, text, media, rels, zip } = await readDocx(docx);
    expect(headings(xml, 1)).toEqual([...OUTLINE_SECTIONS]);
    expect(headings(xml, 2)).toEqual(
      expect.arrayContaining([
        'Scenario summary',
        'Participating command posts',
        '2.1 O1: Оповещение: дежурные смены оповещают все пункты управления',
        '2.2 O2: Coordination of resources across borders',
        '2.3 O3: Информирование населения',
        'Response figures',
        'Missed acknowledge deadlines',
      ]),
    );
    expect(headings(xml, 3)).toEqual(expect.arrayContaining(['Rating per command post', 'Strengths', 'Areas for improvement']));
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    // Tables: the posts, objectives, three rating tables, response figures, missed deadlines, injects, feedback, plan.
    expect(xml.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(10);
    expect(xml).toContain('<w:tblHeader/>');
    // Five charts: one per objective, response times, timeline; each a PNG the document references.
    expect(media).toHaveLength(5);
    for (const name of media) {
      const png = await zip.file(name)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(rels).toContain(`Target="media/${name.slice('word/media/'.length)}"`);
    }
    expect(xml.match(/<a:blip r:embed="/g)?.length).toBe(5);
    expect(xml).toContain('descr="Response times per command post (median and 90th percentile)"');
    for (const expected of [
      'Учения «Паводок-2026»',
      'KZ-MES',
      'BY-CRC',
      'Список контактов KG-MES устарел: два номера не отвечают.',
      'RU-MES offered two pumping units within 25 minutes',
      'Назначить резервный канал связи для дежурного BY-CRC',
      'Козлова Н. П.',
      'In progress',
      'Насколько реалистичным был сценарий?',
      '4.11',
      'Больше времени на подготовку ответа на запрос помощи.',
      'Within 15 minutes of notification',
      'Функциональные учения',
      'Response',
      '0.40 / 0.90 / 2',
      'P: performed without challenges',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/2026-12-01\s*overdue/);
    // Page numbers in the footer.
    const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
    const footerXml = (await Promise.all(footers.map((n) => zip.file(n)!.async('string')))).join('');
    expect(footerXml).toContain('PAGE');
    expect(footerXml).toContain('NUMPAGES');
  });

  it('renders a report at the benchmark’s scale (10,000 injects × 100 posts, 100,000 missed deadlines), capping its lists', async () => {
    const report = largeReport();
    const started = Date.now();
    const docx = await renderReportDocx(report);
    console.log(`DOCX of 10,000 injects × 100 posts and 100,000 missed deadlines: ${Date.now() - started} ms, ${docx.length} bytes`);
    const { text } = await readDocx(docx);
    expect(text).toContain('… and 99800 more missed deadlines (see the CSV export).');
    expect(text).toContain('10000 injects, grouped by exercise time');
  });
});

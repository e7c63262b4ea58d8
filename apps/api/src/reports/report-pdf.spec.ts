import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExerciseReport } from '@excon/contracts';
import { renderReportPdf } from './report-pdf';
import { OUTLINE_SECTIONS } from './report-outline';
import { largeReport, richReport } from './report-fixture.testing';

const empty: ExerciseReport = {
  schemaVersion: 2,
  overview: {
    exerciseId: '3f1c9a62-5d7e-4b8a-9c2d-7e6f5a4b3c21',
    title: 'Учения «Паводок»',
    scenarioId: 's',
    scenarioTitle: 'Паводок',
    scenarioDescription: '',
    status: 'running',
    speed: 1,
    startedAt: '2026-12-20T06:00:00.000Z',
    completedAt: null,
    scenarioSeconds: 10,
    posts: [
      {
        id: 'p1',
        code: 'KZ-MES',
        name: 'ДКП МЧС',
        memberState: 'KZ',
        ministry: 'emergency',
        timeZone: 'Asia/Almaty',
        names: { ru: 'ДКП МЧС', en: 'ДКП МЧС' },
        ministryId: 'ministry-1',
        active: true,
      },
    ],
    objectives: [],
    scope: '',
    missionArea: null,
  },
  totals: { injects: 0, fired: 0, held: 0, skipped: 0, pending: 0, deliveries: 0, delivered: 0, acknowledged: 0, responded: 0, overdue: 0 },
  timeline: [],
  postStatistics: [],
  missedDeadlines: [],
  auditTrail: [],
  dutyShifts: [],
  dutyMessages: [],
  objectives: [],
  observations: [],
  improvementPlan: [],
  feedback: { responses: 0, posts: 0, questions: [] },
  generatedAt: '2026-12-20T06:00:10.000Z',
};

/** Writes the PDF to a temporary directory and runs poppler's tools on it. */
function poppler(pdf: Buffer): { text: string; pages: string[]; images: string[][]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aar-pdf-'));
  const file = join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '50', file, join(dir, 'page')]);
  const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
  // pdfimages -list: a header of two lines, then one line per image: page num type width height ...
  const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/));
  return { text, pages, images, dir };
}

describe('renderReportPdf', () => {
  it('renders an empty report, with the system font and with the Helvetica fallback', async () => {
    for (const fonts of [undefined, { regular: null, bold: null }]) {
      const pdf = await renderReportPdf(empty, fonts);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    }
  });

  it('keeps a post code whole in its narrow column, up to its full length of 32 characters', async () => {
    // A-MES-VKMNA is a little wider than its cell at 8.5 pt: set exactly to the cell's width, PDFKit broke it after the hyphen.
    const codes = ['B-MOD-2NUYY', 'A-MES-VKMNA', 'B-MOD-VKMNA', 'WWWWWWWWWWWW', 'KZ-MES-ALMATY-REGIONAL-CENTRE-01'];
    const posts = codes.map((code, i) => ({ ...empty.overview.posts[0], id: `p${i}`, code, name: 'ЦКП Минобороны Кыргызстана' }));
    const { text, dir } = poppler(await renderReportPdf({ ...empty, overview: { ...empty.overview, posts } }));
    // pdftotext's default mode joins a line ending in a hyphen to the next, dropping the hyphen: a broken code reads A-MESVKMNA.
    const joined = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    for (const code of codes) {
      expect(text.split(/\s+/)).toContain(code);
      expect(joined.split(/\s+/)).toContain(code);
    }
  });

  it('holds the AAR/IP sections, ratings, Cyrillic texts and the charts as images', async () => {
    const { text, pages, images, dir } = poppler(await renderReportPdf(richReport()));
    try {
      const flat = text.replace(/\s+/g, ' ');
      for (const heading of OUTLINE_SECTIONS) expect(flat).toContain(heading);
      for (const expected of [
        'Учения «Паводок-2026»',
        '2.1 O1: Оповещение: дежурные смены оповещают все пункты управления',
        'Rating per command post',
        'Strengths',
        'Areas for improvement',
        'Список контактов KG-MES устарел: два номера не отвечают.',
        'Назначить резервный канал связи',
        'M: performed with major challenges',
        'Response figures',
        '0.40 / 0.90 / 2',
        'Missed acknowledge deadlines',
        'Насколько реалистичным был сценарий?',
        '4.11',
        '2026-12-01 overdue',
        'Функциональные учения',
        'Figure: Response times per command post',
        'Figure: Timeline',
      ])
        expect(flat).toContain(expected);
      for (const code of ['KZ-MES', 'KZ-MOD', 'KG-MES', 'RU-MES', 'BY-CRC', 'AM-MES']) expect(flat).toContain(code);
      // Every page renders; the five charts (three objectives, response times, timeline) are images of 1000 px width.
      expect(pages.length).toBeGreaterThanOrEqual(6);
      expect(pages.length).toBeLessThan(20);
      const charts = images.filter((columns) => columns[2] === 'image' && columns[3] === '1000');
      expect(charts).toHaveLength(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders a report at the benchmark’s scale (10,000 injects × 100 posts, 100,000 missed deadlines) in a sane number of pages', async () => {
    const report = largeReport();
    const started = Date.now();
    const pdf = await renderReportPdf(report);
    console.log(`PDF of 10,000 injects × 100 posts and 100,000 missed deadlines: ${Date.now() - started} ms, ${pdf.length} bytes`);
    const dir = mkdtempSync(join(tmpdir(), 'aar-pdf-'));
    try {
      writeFileSync(join(dir, 'large.pdf'), pdf);
      const info = execFileSync('pdfinfo', [join(dir, 'large.pdf')], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      console.log(`${pages} pages`);
      expect(pages).toBeLessThan(120);
      const text = execFileSync('pdftotext', [join(dir, 'large.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('… and 99800 more missed deadlines (see the CSV export).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

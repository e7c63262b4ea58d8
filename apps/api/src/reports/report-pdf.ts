import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatScenarioTime } from '@excon/domain';
import type { ExerciseReport, ReportPostStatistics, ReportTimelineEntry } from '@excon/contracts';

type Doc = PDFKit.PDFDocument;

/**
 * Where Debian (fonts-dejavu-core) and other distributions keep DejaVu Sans, a font with Cyrillic
 * glyphs under a free licence. It is not vendored: the server uses the system's copy, and without one
 * falls back to the PDF standard font Helvetica (Latin only) and says so on the title page.
 */
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF', '/usr/local/share/fonts/dejavu'];

export interface ReportFonts {
  regular: Buffer | null;
  bold: Buffer | null;
}

let cachedFonts: ReportFonts | undefined;

function loadFont(file: string): Buffer | null {
  for (const dir of FONT_DIRS) {
    const path = join(dir, file);
    if (existsSync(path)) return readFileSync(path);
  }
  return null;
}

/** DejaVu Sans (regular and bold), read once per process; nulls when it is not installed. */
export function systemReportFonts(): ReportFonts {
  if (!cachedFonts) {
    const regular = loadFont('DejaVuSans.ttf');
    cachedFonts = { regular, bold: regular ? (loadFont('DejaVuSans-Bold.ttf') ?? regular) : null };
  }
  return cachedFonts;
}

const COLOR = {
  text: '#1d2430',
  muted: '#5b6472',
  rule: '#c9ced6',
  headerFill: '#e8ecf2',
  zebra: '#f6f7f9',
  marking: '#b3261e',
  bar: '#2f6db5',
  marker: '#1d2430',
  overdue: '#b3261e',
};

const PAGE = { margin: 50, top: 62, bottom: 62 };

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

interface Cell {
  text: string;
  color?: string;
  bold?: boolean;
}

/** The drawing state of one report: the document and whether its font has Cyrillic. */
class ReportPdf {
  readonly doc: Doc;
  /** The font has Cyrillic (DejaVu Sans); false with the Helvetica fallback. */
  readonly unicode: boolean;

  constructor(
    private readonly report: ExerciseReport,
    fonts: ReportFonts,
  ) {
    this.unicode = fonts.regular !== null;
    this.doc = new PDFDocument({
      size: 'A4',
      bufferPages: true,
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin },
      info: {
        Title: `After-action report: ${report.overview.title}`,
        Author: 'ExCon',
        Subject: 'EXERCISE - after-action report',
        CreationDate: new Date(report.generatedAt),
      },
    });
    if (fonts.regular && fonts.bold) {
      this.doc.registerFont('body', fonts.regular);
      this.doc.registerFont('bold', fonts.bold);
    } else {
      this.doc.registerFont('body', 'Helvetica');
      this.doc.registerFont('bold', 'Helvetica-Bold');
    }
    this.doc.font('body').fillColor(COLOR.text);
  }

  /** Text as the font can show it: unchanged with DejaVu; with Helvetica, what WinAnsi lacks becomes '?'. */
  t(text: string): string {
    return this.unicode ? text : text.replace(/[^\x20-\x7e\xa0-\xff\n\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]/g, '?');
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points fit below the cursor. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string): void {
    this.ensureSpace(70);
    const { doc } = this;
    doc.moveDown(0.6);
    doc.font('bold').fontSize(14).fillColor(COLOR.text).text(this.t(text), this.left, doc.y, { width: this.width });
    const y = doc.y + 2;
    doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.7)
      .strokeColor(COLOR.rule)
      .stroke();
    doc.y = y + 8;
    doc.font('body').fontSize(9.5);
  }

  paragraph(text: string, options: { color?: string; size?: number; bold?: boolean } = {}): void {
    const { doc } = this;
    doc
      .font(options.bold ? 'bold' : 'body')
      .fontSize(options.size ?? 9.5)
      .fillColor(options.color ?? COLOR.text)
      .text(this.t(text), this.left, doc.y, { width: this.width });
    doc.fillColor(COLOR.text).font('body');
  }

  /** Label–value lines, the labels in a column of their own. */
  facts(rows: [string, string][], labelWidth = 130): void {
    const { doc } = this;
    for (const [label, value] of rows) {
      doc.font('body').fontSize(10);
      const height = Math.max(doc.heightOfString(this.t(value), { width: this.width - labelWidth }), 12) + 3;
      this.ensureSpace(height);
      const y = doc.y;
      doc.fillColor(COLOR.muted).text(this.t(label), this.left, y, { width: labelWidth - 8 });
      doc.fillColor(COLOR.text).text(this.t(value), this.left + labelWidth, y, { width: this.width - labelWidth });
      doc.y = y + height;
    }
  }

  /** A table that breaks across pages, repeating its header; cells wrap. */
  table(columns: Column[], rows: (string | Cell)[][], options: { size?: number } = {}): void {
    const { doc } = this;
    const size = options.size ?? 8;
    const pad = 3;
    const scale = this.width / columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    const drawRow = (cells: Cell[], fill: string | null, bold: boolean): void => {
      doc.fontSize(size);
      const heights = cells.map((cell, i) =>
        doc.font(bold || cell.bold ? 'bold' : 'body').heightOfString(this.t(cell.text) || ' ', { width: widths[i] - 2 * pad }),
      );
      const height = Math.max(...heights) + 2 * pad;
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (!bold)
          drawRow(
            columns.map((c) => ({ text: c.header })),
            COLOR.headerFill,
            true,
          );
      }
      const y = doc.y;
      if (fill) doc.rect(this.left, y, this.width, height).fill(fill);
      let x = this.left;
      cells.forEach((cell, i) => {
        doc
          .font(bold || cell.bold ? 'bold' : 'body')
          .fontSize(size)
          .fillColor(cell.color ?? COLOR.text)
          .text(this.t(cell.text), x + pad, y + pad, { width: widths[i] - 2 * pad, align: columns[i].align ?? 'left' });
        x += widths[i];
      });
      doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(0.4)
        .strokeColor(COLOR.rule)
        .stroke();
      doc.y = y + height;
    };
    this.ensureSpace(40);
    drawRow(
      columns.map((c) => ({ text: c.header })),
      COLOR.headerFill,
      true,
    );
    rows.forEach((row, r) =>
      drawRow(
        row.map((cell) => (typeof cell === 'string' ? { text: cell } : cell)),
        r % 2 ? COLOR.zebra : null,
        false,
      ),
    );
    doc.fillColor(COLOR.text).font('body');
    doc.x = this.left;
    doc.moveDown(0.5);
  }

  /**
   * Horizontal bars of each post's median time to acknowledge, a tick for its p90, on a scale with
   * round steps; a post without any acknowledgement says so instead of a bar.
   */
  ackChart(posts: ReportPostStatistics[]): void {
    const { doc } = this;
    const labelWidth = 95;
    const valueWidth = 62;
    const barArea = this.width - labelWidth - valueWidth;
    const rowHeight = 18;
    const max = niceCeiling(Math.max(0, ...posts.flatMap((p) => [p.medianSecondsToAcknowledge ?? 0, p.p90SecondsToAcknowledge ?? 0])));
    const scaleX = (seconds: number) => this.left + labelWidth + (seconds / max) * barArea;
    const drawAxis = (top: number, bottomY: number) => {
      doc.lineWidth(0.4).strokeColor(COLOR.rule);
      for (let k = 0; k <= 5; k += 1) {
        const x = scaleX((max * k) / 5);
        doc.moveTo(x, top).lineTo(x, bottomY).stroke();
        doc
          .font('body')
          .fontSize(7)
          .fillColor(COLOR.muted)
          .text(`${formatSeconds((max * k) / 5)} s`, x - 25, bottomY + 3, { width: 50, align: 'center' });
      }
    };
    this.ensureSpace(rowHeight * Math.min(posts.length, 3) + 40);
    let segmentTop = doc.y;
    for (const post of posts) {
      if (doc.y + rowHeight + 20 > this.bottom) {
        drawAxis(segmentTop, doc.y);
        doc.addPage();
        segmentTop = doc.y;
      }
      const y = doc.y;
      doc
        .font('bold')
        .fontSize(8.5)
        .fillColor(COLOR.text)
        .text(this.t(post.code), this.left, y + 4, { width: labelWidth - 6, ellipsis: true, height: 11, lineBreak: false });
      if (post.medianSecondsToAcknowledge === null) {
        doc
          .font('body')
          .fontSize(8)
          .fillColor(COLOR.muted)
          .text(post.injects === 0 ? 'nothing delivered' : 'no acknowledgement', this.left + labelWidth + 4, y + 4.5, {
            width: barArea,
            lineBreak: false,
          });
      } else {
        const width = Math.max(1.5, scaleX(post.medianSecondsToAcknowledge) - scaleX(0));
        doc.rect(scaleX(0), y + 3, width, rowHeight - 6).fill(COLOR.bar);
        if (post.p90SecondsToAcknowledge !== null) {
          const x = scaleX(post.p90SecondsToAcknowledge);
          doc
            .moveTo(x, y + 1)
            .lineTo(x, y + rowHeight - 1)
            .lineWidth(1.5)
            .strokeColor(COLOR.marker)
            .stroke();
        }
        doc
          .font('body')
          .fontSize(8)
          .fillColor(COLOR.text)
          .text(`${formatSeconds(post.medianSecondsToAcknowledge)} s`, this.left + labelWidth + barArea + 6, y + 4.5, {
            width: valueWidth - 6,
            lineBreak: false,
          });
      }
      doc.y = y + rowHeight;
    }
    drawAxis(segmentTop, doc.y);
    doc.y += 16;
    doc.x = this.left;
    const legendY = doc.y;
    doc.rect(this.left, legendY + 1, 14, 7).fill(COLOR.bar);
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor(COLOR.muted)
      .text('median time to acknowledge (seconds from firing)', this.left + 18, legendY, { lineBreak: false });
    doc
      .moveTo(this.left + 240, legendY - 1)
      .lineTo(this.left + 240, legendY + 10)
      .lineWidth(1.5)
      .strokeColor(COLOR.marker)
      .stroke();
    doc.text('90th percentile', this.left + 246, legendY, { lineBreak: false });
    doc.y = legendY + 16;
    doc.x = this.left;
    doc.fillColor(COLOR.text);
  }

  /** EXERCISE marking at the top and bottom of every page, with the page number. */
  markPages(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    const marking = this.unicode ? 'EXERCISE EXERCISE EXERCISE · УЧЕНИЯ' : 'EXERCISE EXERCISE EXERCISE';
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const { margins } = doc.page;
      const savedBottom = margins.bottom;
      margins.bottom = 0;
      doc.font('bold').fontSize(9).fillColor(COLOR.marking).text(marking, margins.left, 28, { width: this.width, align: 'center', lineBreak: false });
      const footerY = doc.page.height - 40;
      doc
        .font('bold')
        .fontSize(8)
        .fillColor(COLOR.marking)
        .text(this.unicode ? 'EXERCISE · УЧЕНИЯ' : 'EXERCISE', margins.left, footerY, { width: this.width / 3, lineBreak: false });
      doc
        .font('body')
        .fontSize(8)
        .fillColor(COLOR.muted)
        .text(this.t(this.report.overview.title), margins.left + this.width / 3, footerY, {
          width: this.width / 3,
          align: 'center',
          lineBreak: false,
          ellipsis: true,
          height: 10,
        });
      doc.text(`page ${i + 1 - range.start} of ${range.count}`, margins.left + (2 * this.width) / 3, footerY, {
        width: this.width / 3,
        align: 'right',
        lineBreak: false,
      });
      margins.bottom = savedBottom;
    }
  }
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `value` (and at least 1). */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatSeconds(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(seconds < 10 ? 2 : 1);
}

function seconds(value: number | null): string {
  return value === null ? '–' : formatSeconds(value);
}

/** 2026-11-28 06:00:01 UTC */
function dateTime(value: string | null): string {
  return value === null ? '–' : `${value.slice(0, 10)} ${value.slice(11, 19)} UTC`;
}

/** 06:00:01.004 (UTC) */
function clockTime(value: string | null): string {
  return value === null ? '–' : value.slice(11, 23);
}

/** 06:00:01 (UTC) */
function wallClock(value: string): string {
  return value.slice(11, 19);
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 3)}...`;
}

const MINISTRY: Record<string, string> = { defense: 'Defence', emergency: 'Emergency', crc: 'CRC' };

function titlePage(pdf: ReportPdf, report: ExerciseReport): void {
  const { doc } = pdf;
  const { overview, totals } = report;
  doc.y = 120;
  doc.font('bold').fontSize(22).fillColor(COLOR.marking).text('EXERCISE EXERCISE EXERCISE', pdf.left, doc.y, { width: pdf.width, align: 'center' });
  if (pdf.unicode) doc.fontSize(16).text('УЧЕНИЯ · УЧЕНИЯ · УЧЕНИЯ', { width: pdf.width, align: 'center' });
  doc.moveDown(2.5);
  doc.font('body').fontSize(12).fillColor(COLOR.muted).text('AFTER-ACTION REPORT', { width: pdf.width, align: 'center', characterSpacing: 1.5 });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(24).fillColor(COLOR.text).text(pdf.t(overview.title), { width: pdf.width, align: 'center' });
  doc.moveDown(0.4);
  doc
    .font('body')
    .fontSize(12)
    .fillColor(COLOR.muted)
    .text(pdf.t(`Scenario: ${overview.scenarioTitle}`), { width: pdf.width, align: 'center' });
  doc.moveDown(3);
  doc.x = pdf.left;
  pdf.facts(
    [
      ['Status', overview.status],
      ['STARTEX', dateTime(overview.startedAt)],
      ['ENDEX', dateTime(overview.completedAt)],
      ['Exercise clock', `${formatScenarioTime(overview.scenarioSeconds)} at speed ${overview.speed}×`],
      ['Command posts', String(overview.posts.length)],
      ['Injects', `${totals.injects}: ${totals.fired} fired, ${totals.held} held, ${totals.skipped} skipped, ${totals.pending} pending`],
      [
        'Deliveries',
        `${totals.deliveries}: ${totals.acknowledged} acknowledged, ${totals.responded} responded, ${totals.overdue} missed the acknowledge deadline`,
      ],
      ['Generated', dateTime(report.generatedAt)],
      ['Exercise id', overview.exerciseId],
    ],
    120,
  );
  if (!pdf.unicode) {
    doc.moveDown(2);
    pdf.paragraph(
      'Notice: the server has no font with Cyrillic letters (DejaVu Sans; Debian package fonts-dejavu-core), so text outside the Latin alphabet is shown as "?". The JSON and CSV forms of this report carry the full text.',
      { color: COLOR.marking, size: 9 },
    );
  }
}

function overviewSection(pdf: ReportPdf, report: ExerciseReport): void {
  const { overview } = report;
  pdf.doc.addPage();
  pdf.heading('1. Exercise overview');
  pdf.facts([
    ['Exercise', overview.title],
    ['Scenario', overview.scenarioTitle],
    ...(overview.scenarioDescription ? ([['Description', overview.scenarioDescription]] as [string, string][]) : []),
    ['STARTEX / ENDEX', `${dateTime(overview.startedAt)}  /  ${dateTime(overview.completedAt)}`],
  ]);
  pdf.doc.moveDown(0.6);
  pdf.paragraph('Participating command posts', { bold: true, size: 10.5 });
  pdf.doc.moveDown(0.3);
  pdf.table(
    [
      { header: 'Code', width: 70 },
      { header: 'Name', width: 190 },
      { header: 'State', width: 40 },
      { header: 'Ministry', width: 70 },
      { header: 'Time zone', width: 95 },
    ],
    overview.posts.map((p) => [p.code, p.name, p.memberState, MINISTRY[p.ministry] ?? p.ministry, p.timeZone]),
    { size: 8.5 },
  );
  pdf.paragraph('Objectives', { bold: true, size: 10.5 });
  pdf.doc.moveDown(0.3);
  if (overview.objectives.length === 0) pdf.paragraph('The scenario names no objectives.', { color: COLOR.muted });
  else
    pdf.table(
      [
        { header: 'Ref', width: 60 },
        { header: 'Objective', width: 435 },
      ],
      overview.objectives.map((o) => [o.ref, o.title]),
      { size: 8.5 },
    );
}

function statisticsSection(pdf: ReportPdf, report: ExerciseReport): void {
  pdf.heading('2. Time to acknowledge per command post');
  if (report.postStatistics.length === 0) pdf.paragraph('No command post takes part.', { color: COLOR.muted });
  else pdf.ackChart(report.postStatistics);
  pdf.heading('3. Statistics per command post');
  pdf.table(
    [
      { header: 'Post', width: 60 },
      { header: 'Injects', width: 38, align: 'right' },
      { header: 'Received', width: 48, align: 'right' },
      { header: 'Ack.', width: 30, align: 'right' },
      { header: 'In time', width: 40, align: 'right' },
      { header: 'Resp.', width: 32, align: 'right' },
      { header: 'Overdue', width: 46, align: 'right' },
      { header: 'Ack. median s', width: 52, align: 'right' },
      { header: 'Ack. p90 s', width: 44, align: 'right' },
      { header: 'Resp. median s', width: 56, align: 'right' },
      { header: 'Resp. p90 s', width: 49, align: 'right' },
    ],
    report.postStatistics.map((p) => [
      { text: p.code, bold: true },
      String(p.injects),
      String(p.delivered),
      String(p.acknowledged),
      String(p.acknowledgedInTime),
      String(p.responded),
      { text: String(p.overdue), color: p.overdue > 0 ? COLOR.overdue : COLOR.text, bold: p.overdue > 0 },
      seconds(p.medianSecondsToAcknowledge),
      seconds(p.p90SecondsToAcknowledge),
      seconds(p.medianSecondsToRespond),
      seconds(p.p90SecondsToRespond),
    ]),
  );
  pdf.paragraph('Times in seconds from the firing of the inject. Received: receipt confirmed by the console. Overdue: acknowledge deadline missed.', {
    color: COLOR.muted,
    size: 7.5,
  });
}

function missedDeadlinesSection(pdf: ReportPdf, report: ExerciseReport): void {
  pdf.heading('4. Missed acknowledge deadlines');
  pdf.paragraph('Clock times in UTC.', { color: COLOR.muted, size: 8 });
  pdf.doc.moveDown(0.3);
  if (report.missedDeadlines.length === 0) {
    pdf.paragraph('No acknowledge deadline was missed.', { color: COLOR.muted });
    return;
  }
  pdf.table(
    [
      { header: 'Offset', width: 56 },
      { header: 'Ref', width: 42 },
      { header: 'Inject', width: 145 },
      { header: 'Post', width: 60 },
      { header: 'Fired', width: 50 },
      { header: 'Deadline', width: 50 },
      { header: 'Acknowledged (UTC)', width: 92 },
    ],
    report.missedDeadlines.map((m) => [
      formatScenarioTime(m.offsetSeconds),
      { text: m.ref, bold: true },
      m.title,
      { text: m.commandPostCode, color: COLOR.overdue, bold: true },
      wallClock(m.firedAt),
      wallClock(m.deadlineAt),
      m.acknowledgedAt === null ? { text: 'never', color: COLOR.overdue } : `${wallClock(m.acknowledgedAt)} (${seconds(m.secondsLate)} s late)`,
    ]),
  );
}

function timelineEntry(pdf: ReportPdf, entry: ReportTimelineEntry): void {
  const { doc } = pdf;
  pdf.ensureSpace(60);
  const y = doc.y;
  doc
    .font('bold')
    .fontSize(9.5)
    .fillColor(COLOR.text)
    .text(`${formatScenarioTime(entry.offsetSeconds)}   ${pdf.t(entry.ref)}   ${entry.precedence.toUpperCase()}`, pdf.left, y, {
      width: 190,
      lineBreak: false,
    });
  doc.text(pdf.t(entry.title), pdf.left + 190, y, { width: pdf.width - 190 });
  const fired =
    entry.firedAt === null
      ? entry.status
      : `fired ${clockTime(entry.firedAt)} UTC${entry.latenessMs === null ? '' : ` (${entry.latenessMs >= 0 ? '+' : ''}${entry.latenessMs} ms)`}`;
  const parts = [
    fired,
    `targets ${entry.targetCodes.join(', ')}`,
    entry.ackWithinSeconds === null ? 'no acknowledge deadline' : `acknowledge within ${entry.ackWithinSeconds} s`,
    entry.deliveries.length ? `acknowledged in time ${entry.acknowledgedInTime}/${entry.deliveries.length}` : '',
    entry.contingency ? 'contingency inject' : '',
    entry.adHoc ? 'added during the run' : '',
  ].filter(Boolean);
  doc
    .font('body')
    .fontSize(8)
    .fillColor(COLOR.muted)
    .text(pdf.t(parts.join(' · ')), pdf.left, doc.y + 1, { width: pdf.width });
  doc.moveDown(0.3);
  if (entry.deliveries.length) {
    pdf.table(
      [
        { header: 'Post', width: 60 },
        { header: 'Received', width: 60 },
        { header: 'Acknowledged', width: 72 },
        { header: 'Responded', width: 60 },
        { header: 'Ack. s', width: 36, align: 'right' },
        { header: 'Overdue', width: 42, align: 'center' },
        { header: 'Response', width: 165 },
      ],
      entry.deliveries.map((d) => [
        { text: d.commandPostCode, bold: true },
        clockTime(d.deliveredAt),
        clockTime(d.acknowledgedAt),
        clockTime(d.respondedAt),
        seconds(d.secondsToAcknowledge),
        d.overdue ? { text: 'yes', color: COLOR.overdue, bold: true } : 'no',
        truncate(d.response ?? '', 400),
      ]),
      { size: 7.5 },
    );
  } else {
    doc.moveDown(0.4);
  }
}

function timelineSection(pdf: ReportPdf, report: ExerciseReport): void {
  pdf.heading('5. Timeline');
  pdf.paragraph('Each inject in order of its scenario time; clock times in UTC.', { color: COLOR.muted, size: 8 });
  pdf.doc.moveDown(0.4);
  if (report.timeline.length === 0) pdf.paragraph('The exercise has no injects.', { color: COLOR.muted });
  for (const entry of report.timeline) timelineEntry(pdf, entry);
}

function auditSection(pdf: ReportPdf, report: ExerciseReport): void {
  pdf.heading('6. Audit trail');
  if (report.auditTrail.length === 0) {
    pdf.paragraph('No control action was recorded.', { color: COLOR.muted });
    return;
  }
  pdf.table(
    [
      { header: 'Time (UTC)', width: 100 },
      { header: 'Actor', width: 70 },
      { header: 'Action', width: 110 },
      { header: 'Details', width: 215 },
    ],
    report.auditTrail.map((e) => [dateTime(e.at), e.actorName, e.action, truncate(JSON.stringify(e.details), 300)]),
    { size: 7 },
  );
}

/**
 * The report as a PDF: title page, overview, chart, statistics, missed deadlines, timeline, audit trail.
 * `fonts` defaults to the system's DejaVu Sans (Helvetica when it is missing).
 */
export function renderReportPdf(report: ExerciseReport, fonts: ReportFonts = systemReportFonts()): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new ReportPdf(report, fonts);
    const chunks: Buffer[] = [];
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
    try {
      titlePage(pdf, report);
      overviewSection(pdf, report);
      statisticsSection(pdf, report);
      missedDeadlinesSection(pdf, report);
      timelineSection(pdf, report);
      auditSection(pdf, report);
      pdf.markPages();
      pdf.doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

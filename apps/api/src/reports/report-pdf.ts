import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { ExerciseReport } from '@excon/contracts';
import { chartPng, type Chart } from './report-charts';
import { reportOutline, titleFacts, type OutlineBlock } from './report-outline';

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
  heading2: '#1f4b7a',
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
  fill?: string;
}

/**
 * What an outline document (the AAR, a consultation's minutes) draws on every page and says of itself; the PDF
 * (renderOutlinePdf) and the DOCX (renderOutlineDocx in report-docx.ts) take the same.
 */
export interface OutlinePage {
  /** The document's name, in the middle of every page's footer. */
  title: string;
  /** Centred at the top of every page, in red (the AAR: the EXERCISE marking); '' for none. */
  marking: string;
  /** At the left of every page's footer, in red; '' for none. */
  footerMarking: string;
  /** The two markings for a PDF font without Cyrillic (the Helvetica fallback); by default they are shown as it can. */
  latinMarkings?: { marking: string; footerMarking: string };
  /** The words of the page number at the right of the footer, "page 2 of 9"; English by default. */
  pageNumber?: { page: string; of: string };
  /** The document's properties. */
  properties: { title: string; subject: string; description?: string; created?: Date };
}

/** The page options of an outline PDF: `cover` draws a first page of its own (the AAR's title page) before the blocks. */
export interface OutlinePdfPage extends OutlinePage {
  cover?: (pdf: OutlinePdf) => void;
}

/** The drawing state of one outline PDF: the document and whether its font has Cyrillic. */
export class OutlinePdf {
  readonly doc: Doc;
  /** The font has Cyrillic (DejaVu Sans); false with the Helvetica fallback. */
  readonly unicode: boolean;

  constructor(
    private readonly page: OutlinePage,
    fonts: ReportFonts,
  ) {
    this.unicode = fonts.regular !== null;
    this.doc = new PDFDocument({
      size: 'A4',
      bufferPages: true,
      margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin },
      info: {
        Title: page.properties.title,
        Author: 'ExCon',
        Subject: page.properties.subject,
        // PDFKit's own default is the time of rendering.
        ...(page.properties.created ? { CreationDate: page.properties.created } : {}),
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

  /** A section heading: level 1 with a rule under it, 2 and 3 smaller; each a PDF outline (bookmark) entry. */
  heading(text: string, level: 1 | 2 | 3 = 1): void {
    this.ensureSpace(level === 1 ? 90 : 60);
    const { doc } = this;
    doc.moveDown(level === 3 ? 0.4 : 0.6);
    const size = level === 1 ? 15 : level === 2 ? 12 : 10.5;
    doc
      .font('bold')
      .fontSize(size)
      .fillColor(level === 2 ? COLOR.heading2 : COLOR.text)
      .text(this.t(text), this.left, doc.y, { width: this.width });
    if (level === 1) {
      this.outline = doc.outline.addItem(this.t(text));
      const y = doc.y + 2;
      doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.7)
        .strokeColor(COLOR.rule)
        .stroke();
      doc.y = y + 8;
    } else {
      (level === 2 ? this.outline : null)?.addItem(this.t(text));
      doc.y += 3;
    }
    doc.font('body').fontSize(9.5);
  }

  /** Items with a bullet, each wrapping under itself. */
  bullets(items: readonly string[]): void {
    const { doc } = this;
    doc.font('body').fontSize(9);
    for (const item of items) {
      const height = doc.heightOfString(this.t(item), { width: this.width - 14 }) + 3;
      this.ensureSpace(height);
      const y = doc.y;
      doc.fillColor(COLOR.muted).text('•', this.left + 2, y, { lineBreak: false });
      doc.fillColor(COLOR.text).text(this.t(item), this.left + 14, y, { width: this.width - 14 });
      doc.y = y + height;
    }
    doc.x = this.left;
    doc.moveDown(0.3);
  }

  /** A chart as a PNG (drawn at twice its size for print), the page's width at most, with its caption. */
  chart(chart: Chart): void {
    const { doc } = this;
    // The page's width at most, and a page's height (less the caption): a tall chart (many posts) shrinks to fit.
    // On what is left of this page when that is at least half a page, so a heading is not left alone.
    const pageHeight = this.bottom - doc.page.margins.top - 24;
    const left = this.bottom - doc.y - 24;
    const maxHeight = left >= pageHeight / 2 ? left : pageHeight;
    let width = Math.min(this.width, chart.width);
    let height = (chart.height / chart.width) * width;
    if (height > maxHeight) {
      height = maxHeight;
      width = (chart.width / chart.height) * height;
    }
    this.ensureSpace(height + 20);
    const y = doc.y;
    doc.image(chartPng(chart, 2), this.left + (this.width - width) / 2, y, { width, height });
    doc.y = y + height + 3;
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor(COLOR.muted)
      .text(this.t(`Figure: ${chart.title}`), this.left, doc.y, { width: this.width, align: 'center' });
    doc.fillColor(COLOR.text);
    doc.moveDown(0.6);
  }

  private outline: PDFKit.PDFOutline | null = null;

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
  facts(rows: readonly (readonly [string, string])[], labelWidth = 130): void {
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
  table(columns: readonly Column[], rows: readonly (readonly (string | Cell)[])[], options: { size?: number } = {}): void {
    const { doc } = this;
    const size = options.size ?? 8;
    const pad = 3;
    const scale = this.width / columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => c.width * scale);
    /**
     * A cell's font size: a single word (a post code, a figure) that is wider than its cell is set smaller, down to
     * 30 % (a 32-character code in the narrowest column), rather than broken across lines, where a reader (or pdftotext) would no longer see it whole.
     */
    const fitted = (text: string, width: number, font: 'bold' | 'body'): number => {
      if (!text || /\s/.test(text)) return size;
      const wide = doc.font(font).fontSize(size).widthOfString(text);
      // 3 % short of the exact fit: at exactly the cell's width, PDFKit's line wrapper (its own rounding) still breaks after a hyphen.
      return wide <= width ? size : Math.max(size * 0.3, (0.97 * size * width) / wide);
    };
    const drawRow = (cells: Cell[], fill: string | null, bold: boolean): void => {
      const fonts = cells.map((cell) => (bold || cell.bold ? 'bold' : 'body'));
      const sizes = cells.map((cell, i) => fitted(this.t(cell.text), widths[i] - 2 * pad, fonts[i]));
      const heights = cells.map((cell, i) =>
        doc
          .font(fonts[i])
          .fontSize(sizes[i])
          .heightOfString(this.t(cell.text) || ' ', { width: widths[i] - 2 * pad }),
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
        if (cell.fill) doc.rect(x, y, widths[i], height).fill(cell.fill);
        doc
          .font(fonts[i])
          .fontSize(sizes[i])
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

  /** The page's marking at the top and bottom of every page, with its title and the page number. */
  markPages(): void {
    const { doc, page } = this;
    const range = doc.bufferedPageRange();
    const markings = this.unicode ? page : (page.latinMarkings ?? { marking: this.t(page.marking), footerMarking: this.t(page.footerMarking) });
    const words = page.pageNumber ?? { page: 'page', of: 'of' };
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const { margins } = doc.page;
      const savedBottom = margins.bottom;
      margins.bottom = 0;
      if (markings.marking)
        doc
          .font('bold')
          .fontSize(9)
          .fillColor(COLOR.marking)
          .text(markings.marking, margins.left, 28, { width: this.width, align: 'center', lineBreak: false });
      const footerY = doc.page.height - 40;
      if (markings.footerMarking)
        doc
          .font('bold')
          .fontSize(8)
          .fillColor(COLOR.marking)
          .text(markings.footerMarking, margins.left, footerY, { width: this.width / 3, lineBreak: false });
      doc
        .font('body')
        .fontSize(8)
        .fillColor(COLOR.muted)
        .text(this.t(page.title), margins.left + this.width / 3, footerY, {
          width: this.width / 3,
          align: 'center',
          lineBreak: false,
          ellipsis: true,
          height: 10,
        });
      doc.text(this.t(`${words.page} ${i + 1 - range.start} ${words.of} ${range.count}`), margins.left + (2 * this.width) / 3, footerY, {
        width: this.width / 3,
        align: 'right',
        lineBreak: false,
      });
      margins.bottom = savedBottom;
    }
  }
}

function titlePage(pdf: OutlinePdf, report: ExerciseReport): void {
  const { doc } = pdf;
  const { overview } = report;
  doc.y = 120;
  doc.font('bold').fontSize(22).fillColor(COLOR.marking).text('EXERCISE EXERCISE EXERCISE', pdf.left, doc.y, { width: pdf.width, align: 'center' });
  if (pdf.unicode) doc.fontSize(16).text('УЧЕНИЯ · УЧЕНИЯ · УЧЕНИЯ', { width: pdf.width, align: 'center' });
  doc.moveDown(2.5);
  doc
    .font('body')
    .fontSize(12)
    .fillColor(COLOR.muted)
    .text('AFTER-ACTION REPORT / IMPROVEMENT PLAN', { width: pdf.width, align: 'center', characterSpacing: 1.5 });
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
  pdf.facts(titleFacts(report), 120);
  if (!pdf.unicode) {
    doc.moveDown(2);
    pdf.paragraph(
      'Notice: the server has no font with Cyrillic letters (DejaVu Sans; Debian package fonts-dejavu-core), so text outside the Latin alphabet is shown as "?". The JSON and CSV forms of this report carry the full text.',
      { color: COLOR.marking, size: 9 },
    );
  }
}

function drawBlock(pdf: OutlinePdf, block: OutlineBlock): void {
  switch (block.kind) {
    case 'heading':
      return pdf.heading(block.text, block.level);
    case 'paragraph':
      pdf.paragraph(block.text, {
        color: block.tone === 'muted' ? COLOR.muted : block.tone === 'warning' ? COLOR.marking : undefined,
        size: block.tone === 'muted' ? 8 : undefined,
        bold: block.tone === 'bold',
      });
      pdf.doc.moveDown(0.3);
      return;
    case 'facts':
      pdf.facts(block.rows);
      pdf.doc.moveDown(0.3);
      return;
    case 'bullets':
      return pdf.bullets(block.items);
    case 'table':
      return pdf.table(block.columns, block.rows, { size: block.size === 'small' ? 7.5 : 8.5 });
    case 'chart':
      return pdf.chart(block.chart);
    case 'pageBreak':
      pdf.doc.addPage();
      return;
  }
}

/**
 * Outline blocks (report-outline.ts) as an A4 PDF: the cover, if any, on a page of its own, then the blocks, with
 * bookmarks for the headings of levels 1 and 2, the charts as images, and on every page the marking, the title and
 * the page number of `page`. `fonts` defaults to the system's DejaVu Sans (Helvetica when it is missing).
 */
export function renderOutlinePdf(blocks: readonly OutlineBlock[], page: OutlinePdfPage, fonts: ReportFonts = systemReportFonts()): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new OutlinePdf(page, fonts);
    const chunks: Buffer[] = [];
    pdf.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.doc.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.doc.on('error', reject);
    try {
      if (page.cover) {
        page.cover(pdf);
        pdf.doc.addPage();
      }
      for (const block of blocks) drawBlock(pdf, block);
      pdf.markPages();
      pdf.doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** What the AAR draws on every page: the EXERCISE marking (shared with the DOCX) and the exercise's title. */
export function reportPage(report: ExerciseReport): OutlinePage {
  return {
    title: report.overview.title,
    marking: 'EXERCISE EXERCISE EXERCISE · УЧЕНИЯ',
    footerMarking: 'EXERCISE · УЧЕНИЯ',
    latinMarkings: { marking: 'EXERCISE EXERCISE EXERCISE', footerMarking: 'EXERCISE' },
    properties: {
      title: `After-action report: ${report.overview.title}`,
      subject: 'EXERCISE - after-action report',
      description: `ExCon after-action report of exercise ${report.overview.exerciseId}, generated ${report.generatedAt}`,
      created: new Date(report.generatedAt),
    },
  };
}

/**
 * The report as a PDF in HSEEP's AAR/IP structure (report-outline.ts): a title page, then the overview,
 * the analysis per objective, the response per post, the timeline, the participants' feedback and the
 * improvement plan, with the charts (report-charts.ts) as images; bookmarks for the sections.
 * `fonts` defaults to the system's DejaVu Sans (Helvetica when it is missing).
 */
export async function renderReportPdf(report: ExerciseReport, fonts: ReportFonts = systemReportFonts()): Promise<Buffer> {
  return renderOutlinePdf(reportOutline(report), { ...reportPage(report), cover: (pdf) => titlePage(pdf, report) }, fonts);
}

import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { ExerciseReport } from '@excon/contracts';
import { chartPng } from './report-charts';
import { reportOutline, titleFacts, type OutlineBlock, type OutlineCell, type OutlineColumn } from './report-outline';
import { reportPage, type OutlinePage } from './report-pdf';

/**
 * The after-action report as a Word document (OOXML through the `docx` library), from the same outline as
 * the PDF: real Heading 1–3 paragraphs (Word's navigation pane and table of contents see them), Word tables
 * with a repeated header row, the charts as PNG images with alternative text, the EXERCISE marking in the
 * header and the page number in the footer. A reviewer edits it in Word or LibreOffice.
 */

/** A4 portrait with 2 cm margins, in twentieths of a point. */
const PAGE = { width: 11_906, height: 16_838, margin: 1_134 };
const CONTENT_TWIPS = PAGE.width - 2 * PAGE.margin;
/** The content width in pixels at 96 per inch, which is how `docx` sizes images. */
const CONTENT_PIXELS = Math.floor((CONTENT_TWIPS / 1440) * 96);
/** The height a chart may take, in pixels: the page less its margins, header, footer and the caption. */
const CONTENT_HEIGHT_PIXELS = Math.floor(((PAGE.height - 2 * PAGE.margin) / 1440) * 96) - 120;
const FONT = 'Arial';
const MUTED = '5B6472';
const MARKING = 'B3261E';
const RULE = 'C9CED6';

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function hex(color: string | undefined): string | undefined {
  return color?.replace(/^#/, '').toUpperCase();
}

/** Runs of one text, a line break for each '\n'. */
function runs(text: string, options: { bold?: boolean; color?: string; size?: number } = {}): TextRun[] {
  return text
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, bold: options.bold, color: hex(options.color), size: options.size }));
}

function cell(content: OutlineCell, column: OutlineColumn, width: number, size: number, header: boolean, zebra: boolean): TableCell {
  const fill = header ? 'E8ECF2' : (hex(content.fill) ?? (zebra ? 'F6F7F9' : undefined));
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
    margins: { top: 40, bottom: 40, left: 70, right: 70 },
    children: [
      new Paragraph({
        alignment: column.align === 'right' ? AlignmentType.RIGHT : column.align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: runs(content.text, { bold: header || content.bold, color: content.color, size }),
      }),
    ],
  });
}

function table(block: Extract<OutlineBlock, { kind: 'table' }>): Table {
  const total = block.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = block.columns.map((c) => Math.floor((c.width / total) * CONTENT_TWIPS));
  const size = block.size === 'small' ? 15 : 17;
  const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.columns.map((c, i) => cell({ text: c.header }, c, widths[i], size, true, false)),
      }),
      ...block.rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: row.map((content, i) => cell(content, block.columns[i], widths[i], size, false, r % 2 === 1)),
          }),
      ),
    ],
  });
}

function blockChildren(block: OutlineBlock): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADING[block.level], children: [new TextRun(block.text)] })];
    case 'paragraph':
      return [
        new Paragraph({
          spacing: { after: 120 },
          children: runs(block.text, {
            bold: block.tone === 'bold',
            color: block.tone === 'muted' ? MUTED : block.tone === 'warning' ? MARKING : undefined,
            size: block.tone === 'muted' ? 17 : undefined,
          }),
        }),
      ];
    case 'facts':
      return block.rows.map(
        ([label, value]) =>
          new Paragraph({
            spacing: { after: 40 },
            tabStops: [{ type: 'left', position: 2400 }],
            indent: { left: 2400, hanging: 2400 },
            children: [new TextRun({ text: `${label}\t`, color: MUTED }), ...runs(value)],
          }),
      );
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 60 }, children: runs(item) }));
    case 'table':
      return [table(block), new Paragraph({ spacing: { after: 120 }, children: [] })];
    case 'chart': {
      const { chart } = block;
      // The content's width at most, and most of a page's height: a tall chart (many posts) shrinks to fit one page.
      const width = Math.round(Math.min(CONTENT_PIXELS, chart.width * 1.3, (CONTENT_HEIGHT_PIXELS * chart.width) / chart.height));
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: chartPng(chart, 2),
              transformation: { width, height: Math.round((chart.height / chart.width) * width) },
              altText: { name: chart.title, title: chart.title, description: chart.title },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 200 },
          children: [new TextRun({ text: `Figure: ${chart.title}`, italics: true, size: 16, color: MUTED })],
        }),
      ];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function titlePage(report: ExerciseReport): Paragraph[] {
  const centered = (children: ParagraphChild[], after = 200) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children });
  return [
    new Paragraph({ spacing: { before: 1800 }, children: [] }),
    centered([new TextRun({ text: 'EXERCISE EXERCISE EXERCISE', bold: true, size: 40, color: MARKING })], 80),
    centered([new TextRun({ text: 'УЧЕНИЯ · УЧЕНИЯ · УЧЕНИЯ', bold: true, size: 30, color: MARKING })], 600),
    centered([new TextRun({ text: 'AFTER-ACTION REPORT / IMPROVEMENT PLAN', size: 24, color: MUTED, characterSpacing: 30 })]),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(report.overview.title)] }),
    centered([new TextRun({ text: `Scenario: ${report.overview.scenarioTitle}`, size: 24, color: MUTED })], 900),
    ...blockChildren({ kind: 'facts', rows: titleFacts(report) }).filter((c): c is Paragraph => c instanceof Paragraph),
  ];
}

/** The page options of an outline DOCX: `cover` is put before the blocks, on a page of its own (the AAR's title page). */
export interface OutlineDocxPage extends OutlinePage {
  cover?: readonly (Paragraph | Table)[];
}

/**
 * Outline blocks (report-outline.ts) as a Word document: the cover, if any, then the blocks, with `page`'s marking
 * in the header and its marking, title and page number in the footer.
 */
export async function renderOutlineDocx(blocks: readonly OutlineBlock[], page: OutlineDocxPage): Promise<Buffer> {
  const words = page.pageNumber ?? { page: 'page', of: 'of' };
  const header = page.marking
    ? new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: page.marking, bold: true, size: 18, color: MARKING })],
          }),
        ],
      })
    : undefined;
  const document = new Document({
    creator: 'ExCon',
    title: page.properties.title,
    subject: page.properties.subject,
    description: page.properties.description,
    styles: {
      default: {
        document: { run: { font: FONT, size: 19 } },
        heading1: { run: { font: FONT, size: 30, bold: true, color: '1D2430' }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 25, bold: true, color: '1F4B7A' }, paragraph: { spacing: { before: 280, after: 120 }, keepNext: true } },
        heading3: { run: { font: FONT, size: 21, bold: true, color: '1D2430' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        title: { run: { font: FONT, size: 44, bold: true, color: '1D2430' }, paragraph: { spacing: { after: 160 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: header ? { default: header } : undefined,
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  ...(page.footerMarking ? [new TextRun({ text: `${page.footerMarking}    `, bold: true, size: 16, color: MARKING })] : []),
                  new TextRun({ text: `${page.title}    `, size: 16, color: MUTED }),
                  new TextRun({ children: [`${words.page} `, PageNumber.CURRENT, ` ${words.of} `, PageNumber.TOTAL_PAGES], size: 16, color: MUTED }),
                ],
              }),
            ],
          }),
        },
        children: [...(page.cover?.length ? [...page.cover, new Paragraph({ children: [new PageBreak()] })] : []), ...blocks.flatMap(blockChildren)],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The report as a .docx file. */
export async function renderReportDocx(report: ExerciseReport): Promise<Buffer> {
  return renderOutlineDocx(reportOutline(report), { ...reportPage(report), cover: titlePage(report) });
}

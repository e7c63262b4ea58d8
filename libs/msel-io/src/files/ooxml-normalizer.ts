import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type JSZip from 'jszip';
import { columnIndex, columnLetter } from '../sheet-table';

/** The SpreadsheetML namespace whose prefixed spelling exceljs cannot read. */
const SPREADSHEETML_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A node of fast-xml-parser's `preserveOrder` tree: one key naming the element (or `#text`, `#comment`…), plus `:@` for attributes. */
type XmlNode = Record<string, unknown>;
type Attributes = Record<string, string>;

const ATTRIBUTES = ':@';
const ATTR_PREFIX = '@_';

// Text and attribute values pass through untouched (entities stay encoded, nothing is trimmed or typed):
// the rewrite changes element names and adds `r` attributes, nothing else.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  ignoreDeclaration: false,
  ignorePiTags: false,
});
const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  processEntities: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  suppressEmptyNode: true,
});

/**
 * Whether an XML part spells SpreadsheetML elements with a namespace prefix (`<x:workbook xmlns:x=…>`), as the
 * .NET Open XML SDK writes them. exceljs matches element names literally and reads such a workbook as empty.
 */
export function hasPrefixedSpreadsheetMl(xml: string): boolean {
  return spreadsheetMlPrefixes(xml).length > 0;
}

function spreadsheetMlPrefixes(xml: string): string[] {
  const prefixes: string[] = [];
  for (const match of xml.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*(["'])([^"']*)\2/g)) {
    if (match[3] === SPREADSHEETML_MAIN) prefixes.push(match[1]);
  }
  return prefixes;
}

/**
 * Rewrites, in place, the parts of an XLSX package into the spelling exceljs reads: SpreadsheetML elements lose
 * their prefix (whose declaration becomes the default namespace), rows and cells without an `r` attribute get
 * the position the format gives them (the row after the previous one, the column after the previous cell).
 * Everything else is kept as it was. (Such packages often have no styles or shared-strings part either; exceljs
 * reads them without one, so none is added.)
 */
export async function normalizeOoxmlPackage(zip: JSZip): Promise<void> {
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.xml$/i.test(entry.name)) continue;
    const xml = stripBom(await entry.async('string'));
    const prefixes = spreadsheetMlPrefixes(xml);
    const worksheet = /<(?:[\w.-]+:)?worksheet[\s>]/.test(xml);
    if (prefixes.length === 0 && !worksheet) continue;
    const tree = parser.parse(xml) as XmlNode[];
    rewriteNodes(tree, new Set(prefixes));
    zip.file(entry.name, builder.build(tree));
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function elementName(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => key !== ATTRIBUTES && !key.startsWith('#') && !key.startsWith('?'));
}

function rewriteNodes(nodes: XmlNode[], prefixes: ReadonlySet<string>): void {
  for (const node of nodes) {
    const name = elementName(node);
    if (name === undefined) continue;
    const children = node[name] as XmlNode[];
    const local = localName(name, prefixes);
    if (local !== name) {
      delete node[name];
      // Re-insert so the element name stays the node's first key, as the builder expects.
      const attributes = node[ATTRIBUTES];
      delete node[ATTRIBUTES];
      node[local] = children;
      if (attributes !== undefined) node[ATTRIBUTES] = attributes;
    }
    const attributes = node[ATTRIBUTES] as Attributes | undefined;
    if (attributes) renameNamespaceDeclarations(attributes, prefixes);
    if (local === 'sheetData') numberRowsAndCells(children, prefixes);
    rewriteNodes(children, prefixes);
  }
}

function localName(name: string, prefixes: ReadonlySet<string>): string {
  const colon = name.indexOf(':');
  return colon > 0 && prefixes.has(name.slice(0, colon)) ? name.slice(colon + 1) : name;
}

function renameNamespaceDeclarations(attributes: Attributes, prefixes: ReadonlySet<string>): void {
  for (const prefix of prefixes) {
    const key = `${ATTR_PREFIX}xmlns:${prefix}`;
    if (!(key in attributes)) continue;
    const uri = attributes[key];
    delete attributes[key];
    attributes[`${ATTR_PREFIX}xmlns`] = uri;
  }
}

/** Gives `<row>` and `<c>` elements of a sheet's data the `r` the format implies when they have none. */
function numberRowsAndCells(rows: XmlNode[], prefixes: ReadonlySet<string>): void {
  let rowNumber = 0;
  for (const row of rows) {
    const rowName = elementName(row);
    if (rowName === undefined || localName(rowName, prefixes) !== 'row') continue;
    const rowAttributes = attributesOf(row);
    const givenRow = Number(rowAttributes[`${ATTR_PREFIX}r`]);
    rowNumber = Number.isInteger(givenRow) && givenRow > 0 ? givenRow : rowNumber + 1;
    rowAttributes[`${ATTR_PREFIX}r`] = String(rowNumber);
    let column = -1;
    for (const cell of row[rowName] as XmlNode[]) {
      const cellName = elementName(cell);
      if (cellName === undefined || localName(cellName, prefixes) !== 'c') continue;
      const cellAttributes = attributesOf(cell);
      const given = /^([A-Z]{1,3})\d+$/.exec(cellAttributes[`${ATTR_PREFIX}r`] ?? '');
      column = given ? (columnIndex(given[1]) ?? column + 1) : column + 1;
      cellAttributes[`${ATTR_PREFIX}r`] = `${columnLetter(column)}${rowNumber}`;
    }
  }
}

function attributesOf(node: XmlNode): Attributes {
  if (node[ATTRIBUTES] === undefined) node[ATTRIBUTES] = {};
  return node[ATTRIBUTES] as Attributes;
}

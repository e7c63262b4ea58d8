import JSZip from 'jszip';
import { hasPrefixedSpreadsheetMl, normalizeOoxmlPackage } from './ooxml-normalizer';
import { readXlsx } from './xlsx-reader';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package as the .NET Open XML SDK writes it: `s:` prefixes, rows and cells partly without `r`. */
function prefixedPackage(): JSZip {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '\uFEFF<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Type="${RELS}/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="utf-8"?><s:workbook xmlns:s="${MAIN}"><s:sheets>` +
      `<s:sheet name="План &amp; цели" sheetId="1" r:id="R2" xmlns:r="${RELS}"/></s:sheets></s:workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Type="${RELS}/worksheet" Target="/xl/worksheets/sheet1.xml" Id="R2"/>` +
      `<Relationship Type="${RELS}/sharedStrings" Target="/xl/sharedStrings.xml" Id="R3"/></Relationships>`,
  );
  zip.file(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="utf-8"?><s:sst xmlns:s="${MAIN}" count="1" uniqueCount="1"><s:si><s:t xml:space="preserve"> Ч+00:05 &lt;H&gt; </s:t></s:si></s:sst>`,
  );
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="utf-8"?><s:worksheet xmlns:s="${MAIN}"><s:sheetData>` +
      '<s:row><s:c t="str"><s:v>№</s:v></s:c><s:c r="C1" t="str"><s:v>Время</s:v></s:c><s:c t="str"><s:v>Кому</s:v></s:c></s:row>' +
      '<s:row r="3"><s:c><s:v>1</s:v></s:c><s:c t="s"><s:v>0</s:v></s:c></s:row>' +
      '<s:row><s:c t="inlineStr"><s:is><s:t>строка\nдве</s:t></s:is></s:c></s:row>' +
      '</s:sheetData></s:worksheet>',
  );
  return zip;
}

describe('normalizeOoxmlPackage', () => {
  it('recognises a prefixed SpreadsheetML part and leaves an unprefixed one alone', () => {
    expect(hasPrefixedSpreadsheetMl(`<x:workbook xmlns:x="${MAIN}"/>`)).toBe(true);
    expect(hasPrefixedSpreadsheetMl(`<workbook xmlns="${MAIN}" xmlns:r="${RELS}"/>`)).toBe(false);
  });

  it('drops the prefixes and numbers the rows and cells that have no position, keeping text and entities', async () => {
    const zip = prefixedPackage();
    await normalizeOoxmlPackage(zip);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain(`<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c t="str" r="A1"><v>№</v></c><c r="C1" t="str"><v>Время</v></c>`);
    expect(sheet).toContain('<c t="str" r="D1"><v>Кому</v></c></row><row r="3"><c r="A3"><v>1</v></c><c t="s" r="B3">');
    expect(sheet).toContain('<row r="4"><c t="inlineStr" r="A4"><is><t>строка\nдве</t></is></c></row>');
    expect(await zip.file('xl/sharedStrings.xml')!.async('string')).toContain('<si><t xml:space="preserve"> Ч+00:05 &lt;H&gt; </t></si>');
    expect(await zip.file('xl/workbook.xml')!.async('string')).toContain('<sheet name="План &amp; цели" sheetId="1" r:id="R2"');
  });

  it('makes such a package readable by readXlsx, positions as the format implies', async () => {
    const zip = prefixedPackage();
    const [sheet] = await readXlsx(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(sheet.name).toBe('План & цели');
    expect(sheet.rows).toEqual([
      ['№', null, 'Время', 'Кому'],
      [null, null, null, null],
      [1, ' Ч+00:05 <H> ', null, null],
      ['строка\nдве', null, null, null],
    ]);
  });
});

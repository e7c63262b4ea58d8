import fc from 'fast-check';
import { readCsv } from './csv-reader';
import { guardFormula, unguardFormula } from './formula-guard';
import { MselFileError } from './msel-file-error';
import { sample } from './msel-samples.testing';

/** Windows-1251 bytes of a text (Cyrillic and ASCII only), as a Russian Excel saves a CSV. */
function cp1251(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const code = char.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (char === 'Ё') return 0xa8;
      if (char === 'ё') return 0xb8;
      if (char === '№') return 0xb9;
      if (char === '«') return 0xab;
      if (char === '»') return 0xbb;
      throw new Error(`no Windows-1251 byte for ${char}`);
    }),
  );
}

describe('readCsv', () => {
  it("reads asapcyber's UTF-8 CSV: `,` despite the `;` in unquoted text, quoted commas kept in their cell", () => {
    const { table, encoding, delimiter } = readCsv(sample('asapcyber-msel.csv'), 'asapcyber-msel.csv');
    expect({ encoding, delimiter }).toEqual({ encoding: 'utf-8', delimiter: ',' });
    expect(table.name).toBe('asapcyber-msel.csv');
    expect(table.rows[0]).toEqual(['T+min', 'Inject#', 'Delivery', 'Description', 'Artifacts', 'Expected Actions', 'Evaluation Notes/Hints']);
    expect(table.rows[1][0]).toBe('T+5');
    expect(table.rows[1][5]).toBe('Triage identity, list recent actions & regions; start scoping.');
    expect(table.rows[2][3]).toBe('FinOps cost anomaly: EC2 spike in us-east-1 starting 02:10Z; GuardDuty flags CryptoMining:EC2');
    expect(table.rows).toHaveLength(7);
    for (const row of table.rows) expect(row).toHaveLength(7);
  });

  it("reads a Russian Excel's CSV: Windows-1251, `;`-separated, commas in the text, a quoted line break", () => {
    const text =
      'План учения «Гроза»;;;\r\n' +
      '№;Время;Содержание;Кому\r\n' +
      '1;Ч+00:05;Обнаружен пожар, эвакуация;ЦУКС\r\n' +
      '2;Ч+00:10;"Первая строка\r\nвторая, ""цитата""";ЦУКС, ДДС\r\n' +
      ';;;\r\n';
    const { table, encoding, delimiter } = readCsv(cp1251(text));
    expect({ encoding, delimiter }).toEqual({ encoding: 'windows-1251', delimiter: ';' });
    expect(table.rows).toEqual([
      ['План учения «Гроза»', null, null, null],
      ['№', 'Время', 'Содержание', 'Кому'],
      ['1', 'Ч+00:05', 'Обнаружен пожар, эвакуация', 'ЦУКС'],
      ['2', 'Ч+00:10', 'Первая строка\r\nвторая, "цитата"', 'ЦУКС, ДДС'],
    ]);
  });

  it('takes a UTF-8 BOM off and reports it; reads TAB-separated text', () => {
    const read = readCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('№\tВремя\tКому\n1\tT+90\tall\n2\t\t\n')]));
    expect({ encoding: read.encoding, delimiter: read.delimiter }).toEqual({ encoding: 'utf-8-bom', delimiter: '\t' });
    expect(read.table.rows).toEqual([
      ['№', 'Время', 'Кому'],
      ['1', 'T+90', 'all'],
      ['2', null, null],
    ]);
  });

  it('pads short rows to the widest and keeps leading empty rows', () => {
    const { table } = readCsv(Buffer.from('\na,b\nc\nd,e,f\n'));
    expect(table.rows).toEqual([
      [null, null, null],
      ['a', 'b', null],
      ['c', null, null],
      ['d', 'e', 'f'],
    ]);
  });

  it('reads a file with a single column as one column', () => {
    expect(readCsv(Buffer.from('Содержание\nпервое\nвторое\n')).table.rows).toEqual([['Содержание'], ['первое'], ['второе']]);
  });

  it("takes one protective `'` off before a formula character or another `'`, and only then", () => {
    const { table } = readCsv(Buffer.from("a,b,c,d,e\n'=1+1,''quoted,'plain,'-5,'\n"));
    expect(table.rows[1]).toEqual(['=1+1', "'quoted", "'plain", '-5', "'"]);
  });

  it('refuses an empty file and a file that is only blank lines', () => {
    expect(() => readCsv(Buffer.alloc(0))).toThrow(new MselFileError('the CSV is empty'));
    expect(() => readCsv(Buffer.from('\r\n\r\n  \r\n'))).toThrow(new MselFileError('the CSV is empty'));
  });

  it('refuses an unterminated quoted field with a MselFileError naming the problem', () => {
    const error: unknown = (() => {
      try {
        return readCsv(Buffer.from('a,b\n1,"open\n'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(MselFileError);
    expect((error as Error).message).toMatch(/^the CSV cannot be read \(delimiter «,»\): .*quote/i);
  });

  it('refuses a file over 20 MB', () => {
    expect(() => readCsv(Buffer.alloc(20 * 1024 * 1024 + 1, 0x61))).toThrow(/larger than 20 MB/);
  });

  it('refuses a row wider than 200 columns', () => {
    expect(() => readCsv(Buffer.from(`${Array.from({ length: 201 }, (_, index) => `c${index}`).join(',')}\n`))).toThrow(/beyond column 200/);
  });
});

describe('guardFormula and unguardFormula', () => {
  it('guard what a spreadsheet would run and leave other text alone', () => {
    expect(['=SUM(A1)', '+7', '-1', '@x', '\tx', '\rx', "'x", 'x=1', ''].map(guardFormula)).toEqual([
      "'=SUM(A1)",
      "'+7",
      "'-1",
      "'@x",
      "'\tx",
      "'\rx",
      "''x",
      'x=1',
      '',
    ]);
  });

  it('give back any text after a guard', () => {
    const text = fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", 'a', 'Я', ' ', ',', ';', '"', '\n'), maxLength: 8 });
    fc.assert(fc.property(text, (value) => unguardFormula(guardFormula(value)) === value));
  });

  it('make every guarded text start with something other than a formula character', () => {
    fc.assert(fc.property(fc.string(), (value) => !/^[=+\-@\t\r]/.test(guardFormula(value))));
  });
});

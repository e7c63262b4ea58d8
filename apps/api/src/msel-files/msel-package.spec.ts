import JSZip from 'jszip';
import { MselFileError } from '@excon/msel-io';
import { readPackage, writePackage } from './msel-package';

const XLSX = Buffer.from('PK workbook');
const JSON_MSEL = Buffer.from('{"format":"excon-msel"}');

describe('MSEL package', () => {
  it('reads back what it wrote: the JSON first, and each file for its ref, with refs that hold "/" and non-Latin names', async () => {
    const files = [
      { ref: 'INJ-1/a', name: 'Карта паводка.png', bytes: Buffer.from([1, 2, 3]), logo: true },
      { ref: 'В-1.2', name: 'order.pdf', bytes: Buffer.from('%PDF-1.4'), logo: false },
    ];
    const zip = await writePackage(XLSX, JSON_MSEL, files);
    const read = await readPackage(zip, 1024);
    expect(read.msel).toEqual({ name: 'msel.json', bytes: JSON_MSEL });
    expect(read.files).toEqual(files);
  });

  it('falls back to the workbook, and reads a package without files', async () => {
    const zip = new JSZip();
    zip.file('msel.xlsx', XLSX);
    const read = await readPackage(await zip.generateAsync({ type: 'nodebuffer' }), 1024);
    expect(read).toEqual({ msel: { name: 'msel.xlsx', bytes: XLSX }, files: [] });
  });

  it('refuses a package whose manifest and files disagree, or a file over the limit', async () => {
    const good = await JSZip.loadAsync(
      await writePackage(XLSX, JSON_MSEL, [{ ref: 'R-1', name: 'a.pdf', bytes: Buffer.from('%PDF-1.4'), logo: false }]),
    );
    const variant = async (change: (zip: JSZip) => void) => {
      const zip = await JSZip.loadAsync(await good.generateAsync({ type: 'nodebuffer' }));
      change(zip);
      return zip.generateAsync({ type: 'nodebuffer' });
    };
    await expect(readPackage(await variant((z) => z.file('files/0001-a.pdf', 'changed')), 1024)).rejects.toThrow(/does not match its SHA-256/);
    await expect(readPackage(await variant((z) => z.remove('files/0001-a.pdf')), 1024)).rejects.toThrow(/which the .zip does not hold/);
    await expect(readPackage(await variant((z) => z.file('attachments.json', '{"not": "a list"}')), 1024)).rejects.toThrow(/must be a list/);
    await expect(readPackage(await variant((z) => z.remove('msel.json').remove('msel.xlsx')), 1024)).rejects.toThrow(
      /neither msel.json nor msel.xlsx/,
    );
    await expect(readPackage(await good.generateAsync({ type: 'nodebuffer' }), 4)).rejects.toThrow(/larger than 4 bytes/);
    await expect(readPackage(Buffer.from('not a zip'), 1024)).rejects.toBeInstanceOf(MselFileError);
  });
});

import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { MselFileError } from '@excon/msel-io';

/** The manifest of an MSEL package: which file belongs to which inject (refs may hold "/", so no path is parsed). */
export const PACKAGE_MANIFEST = 'attachments.json';
/** The MSEL inside: ExCon's JSON (every field, media injects included) and the same MSEL as a workbook for people. */
export const PACKAGE_JSON = 'msel.json';
export const PACKAGE_XLSX = 'msel.xlsx';

export interface PackageFile {
  /** The inject's ref. */
  ref: string;
  name: string;
  bytes: Buffer;
  /** The media inject's outlet logo. */
  logo: boolean;
}

interface ManifestEntry {
  ref: string;
  name: string;
  path: string;
  sha256: string;
  logo?: boolean;
}

/** A ZIP holding msel.xlsx, msel.json and each inject's files under files/, named in attachments.json. */
export async function writePackage(xlsx: Buffer, json: Buffer, files: readonly PackageFile[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(PACKAGE_XLSX, xlsx);
  zip.file(PACKAGE_JSON, json);
  const manifest: ManifestEntry[] = files.map((file, index) => ({
    ref: file.ref,
    name: file.name,
    path: `files/${String(index + 1).padStart(4, '0')}-${file.name.replace(/[^\p{L}\p{N} ._-]+/gu, '_')}`,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    ...(file.logo ? { logo: true } : {}),
  }));
  manifest.forEach((entry, index) => zip.file(entry.path, files[index].bytes));
  zip.file(PACKAGE_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * Reads a package: the MSEL (its JSON, else its workbook) and the files, each checked against the manifest's
 * SHA-256. `maxFileBytes` bounds each file as an upload would be bounded; a declared size over it is refused
 * before the entry is inflated.
 */
export async function readPackage(bytes: Buffer, maxFileBytes: number): Promise<{ msel: { name: string; bytes: Buffer }; files: PackageFile[] }> {
  const zip = await JSZip.loadAsync(bytes).catch(() => {
    throw new MselFileError('the .zip is not a readable ZIP archive');
  });
  const entry = zip.file(PACKAGE_JSON) ?? zip.file(PACKAGE_XLSX);
  if (!entry) throw new MselFileError(`the .zip holds neither ${PACKAGE_JSON} nor ${PACKAGE_XLSX}`);
  const msel = { name: entry.name, bytes: await entry.async('nodebuffer') };
  const manifestEntry = zip.file(PACKAGE_MANIFEST);
  if (!manifestEntry) return { msel, files: [] };
  let manifest: unknown;
  try {
    manifest = JSON.parse(await manifestEntry.async('string'));
  } catch {
    throw new MselFileError(`${PACKAGE_MANIFEST} is not valid JSON`);
  }
  if (!Array.isArray(manifest)) throw new MselFileError(`${PACKAGE_MANIFEST} must be a list`);
  const files: PackageFile[] = [];
  for (const [index, raw] of manifest.entries()) {
    const item = raw as Partial<ManifestEntry> | null;
    const at = `${PACKAGE_MANIFEST}[${index}]`;
    if (!item || typeof item.ref !== 'string' || typeof item.name !== 'string' || typeof item.path !== 'string' || typeof item.sha256 !== 'string')
      throw new MselFileError(`${at} needs ref, name, path and sha256`);
    const file = zip.file(item.path);
    if (!file) throw new MselFileError(`${at} names ${item.path}, which the .zip does not hold`);
    const declared = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (declared !== undefined && declared > maxFileBytes) throw new MselFileError(`${item.path} is larger than ${maxFileBytes} bytes`);
    const content = await file.async('nodebuffer');
    if (content.length > maxFileBytes) throw new MselFileError(`${item.path} is larger than ${maxFileBytes} bytes`);
    if (createHash('sha256').update(content).digest('hex') !== item.sha256.toLowerCase())
      throw new MselFileError(`${item.path} does not match its SHA-256 in ${PACKAGE_MANIFEST}`);
    files.push({ ref: item.ref, name: item.name, bytes: content, logo: item.logo === true });
  }
  return { msel, files };
}

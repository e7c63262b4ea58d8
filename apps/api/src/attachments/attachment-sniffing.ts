import JSZip from 'jszip';
import { filetypeinfo } from 'magic-bytes.js';
import { ATTACHMENT_TYPES, extensionOf } from '@excon/domain';

/** What an upload turned out to be: its content type, or why it is refused. */
export type Identified = { ok: true; contentType: string } | { ok: false; message: string };

/** The part that makes a ZIP an office document of each kind (any ZIP renamed .docx is not one). */
const OFFICE_PARTS: Readonly<Record<string, string>> = {
  docx: 'word/document.xml',
  xlsx: 'xl/workbook.xml',
  pptx: 'ppt/presentation.xml',
};
/** OpenDocument files name their type in a first entry called `mimetype`. */
const OPEN_DOCUMENT = new Set(['odt', 'ods', 'odp']);

const ACCEPTED = Object.keys(ATTACHMENT_TYPES).join(', ');

/**
 * Identifies an upload from its bytes and checks it is what its name claims: the extension picks the type, the
 * magic bytes (magic-bytes.js) must agree, and an office document must be a ZIP holding that kind's main part.
 * Plain text must be UTF-8 without control bytes. What the browser said the type was is not trusted.
 */
export async function identifyAttachment(name: string, bytes: Buffer): Promise<Identified> {
  const extension = extensionOf(name);
  const claimed = ATTACHMENT_TYPES[extension];
  if (!claimed) return { ok: false, message: `«${name}» is not a kind of file an inject may carry (accepted: ${ACCEPTED})` };
  const sniffed = filetypeinfo(bytes.subarray(0, 4100));
  if (claimed.contentType === 'text/plain') {
    return sniffed.length === 0 && isPlainText(bytes)
      ? { ok: true, contentType: claimed.contentType }
      : { ok: false, message: `«${name}» is not plain UTF-8 text` };
  }
  if (!sniffed.some((candidate) => candidate.mime === claimed.contentType)) {
    const found = sniffed[0]?.mime ?? 'unrecognised content';
    return { ok: false, message: `«${name}» claims to be ${claimed.contentType} but holds ${found}` };
  }
  if (OFFICE_PARTS[extension] || OPEN_DOCUMENT.has(extension)) {
    const zip = await JSZip.loadAsync(bytes).catch(() => null);
    const part = OFFICE_PARTS[extension];
    const mimetype = zip && OPEN_DOCUMENT.has(extension) ? await zip.file('mimetype')?.async('string') : undefined;
    const holds = zip !== null && (part ? zip.file(part) !== null : mimetype?.trim() === claimed.contentType);
    if (!holds) return { ok: false, message: `«${name}» is a ZIP archive, not a .${extension} document` };
  }
  return { ok: true, contentType: claimed.contentType };
}

/** UTF-8 that decodes, with no control characters but tab, line feed, carriage return and form feed. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
}

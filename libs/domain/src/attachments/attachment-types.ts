import { DomainError } from '../domain-error';

/** An attachment as an inject lists it: enough to show it and fetch it from `GET /api/attachments/:id`. */
export interface AttachmentSummary {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** What a browser may open in place (images, PDFs in its viewer, plain text); anything else is downloaded. */
export type AttachmentDisplay = 'image' | 'pdf' | 'text' | 'download';

/**
 * The files an inject may carry, by extension: maps, photos, scanned orders, office documents. The content type
 * stored is this table's, once the bytes were found to be what the extension claims.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, { contentType: string; display: AttachmentDisplay }>> = {
  png: { contentType: 'image/png', display: 'image' },
  jpg: { contentType: 'image/jpeg', display: 'image' },
  jpeg: { contentType: 'image/jpeg', display: 'image' },
  gif: { contentType: 'image/gif', display: 'image' },
  webp: { contentType: 'image/webp', display: 'image' },
  pdf: { contentType: 'application/pdf', display: 'pdf' },
  txt: { contentType: 'text/plain', display: 'text' },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', display: 'download' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', display: 'download' },
  pptx: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', display: 'download' },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', display: 'download' },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', display: 'download' },
  odp: { contentType: 'application/vnd.oasis.opendocument.presentation', display: 'download' },
};

/** The lower-case extension of a file name ('' without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** How a stored content type is shown. */
export function attachmentDisplay(contentType: string): AttachmentDisplay {
  return Object.values(ATTACHMENT_TYPES).find((t) => t.contentType === contentType)?.display ?? 'download';
}

/** A media inject's logo is one of its own images (a new inject has none yet: attach, then set the logo). */
export function assertMediaLogo(media: { outletLogoAttachmentId: string | null } | null, files: readonly AttachmentSummary[]): void {
  const logo = media?.outletLogoAttachmentId ?? null;
  if (logo === null) return;
  const file = files.find((f) => f.id === logo);
  if (!file) throw DomainError.invalid([{ field: 'media.outletLogoAttachmentId', message: 'names no attachment of this inject' }]);
  if (!file.contentType.startsWith('image/'))
    throw DomainError.invalid([{ field: 'media.outletLogoAttachmentId', message: `«${file.name}» is not an image` }]);
}

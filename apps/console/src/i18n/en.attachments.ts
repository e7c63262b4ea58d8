/** English strings of inject attachments (MSEL editor, operator console); merged into en.ts. `ru.attachments.ts` carries the same keys. */
export const attachmentsEn = {
  'attachment.heading': 'Attachments',
  'attachment.none': 'No files attached.',
  'attachment.open': 'Open',
  'attachment.openLabel': 'Open {name}',
  'attachment.download': 'Download',
  'attachment.downloadLabel': 'Download {name}',
  'attachment.remove': 'Remove',
  'attachment.removeLabel': 'Remove {name}',
  'attachment.add': 'Attach a file',
  'attachment.hint': 'Maps, photos, scans and documents: PNG, JPEG, GIF, WebP, PDF, text, Word, Excel, PowerPoint or OpenDocument.',
  'attachment.uploading': 'Uploading {name}…',
  'attachment.added': '{name} attached.',
  'attachment.removed': '{name} removed.',
  'attachment.unavailable': 'The file could not be fetched.',
  'attachment.afterSave': 'Save the inject first, then attach files to it.',
  'attachment.count': 'Files: {count}',
};

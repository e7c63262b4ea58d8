import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentSummary } from '@excon/contracts';
import { ATTACHMENT_TYPES, attachmentDisplay } from '@excon/domain/attachments/attachment-types';
import { api } from '../api/api';
import { useI18n } from '../i18n/i18n';
import { ErrorMessage, Field } from './ui';

const ACCEPT = Object.keys(ATTACHMENT_TYPES)
  .map((extension) => `.${extension}`)
  .join(',');

/** 482113 → "471 KB", 1572864 → "1.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * An image's preview: the server's thumbnail (a few KB, for slow links), fetched with the session's token (an
 * `<img src>` could not send it) when it is shown, and released when it goes.
 */
export function AttachmentImage({ attachment, class: className = 'attachment-thumb' }: { attachment: AttachmentSummary; class?: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let gone = false;
    api.attachmentThumbnail(attachment.id).then(
      ({ blob }) => {
        if (gone) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      gone = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [attachment.id]);
  return url ? (
    <img class={className} src={url} alt={attachment.name} data-testid="attachment-thumb" />
  ) : (
    <span class={className} aria-hidden="true" />
  );
}

/**
 * The files of an inject: images with a preview, each openable in place (a PDF in the browser's viewer) or
 * downloaded; `onRemove` adds a remove button (the MSEL editor).
 */
export function AttachmentList({
  attachments,
  onRemove,
}: {
  attachments: AttachmentSummary[];
  onRemove?: (attachment: AttachmentSummary) => Promise<void>;
}) {
  const { t } = useI18n();
  const [failure, setFailure] = useState<unknown>(null);
  if (attachments.length === 0) return onRemove ? <p class="hint">{t('attachment.none')}</p> : null;
  const open = async (attachment: AttachmentSummary) => {
    // The tab is opened inside the click (a pop-up blocker allows that), then given the file.
    const tab = window.open('', '_blank');
    try {
      const { blob } = await api.attachmentFile(attachment.id);
      const url = URL.createObjectURL(blob);
      if (tab) tab.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setFailure(null);
    } catch (error) {
      tab?.close();
      setFailure(error);
    }
  };
  const save = (attachment: AttachmentSummary) => api.downloadAttachment(attachment.id, attachment.name).then(() => setFailure(null), setFailure);
  return (
    <div class="attachments">
      <ul class="attachment-list" aria-label={t('attachment.heading')}>
        {attachments.map((attachment) => {
          const display = attachmentDisplay(attachment.contentType);
          return (
            <li
              key={attachment.id}
              class="attachment"
              data-testid="attachment"
              data-name={attachment.name}
              data-content-type={attachment.contentType}
            >
              {display === 'image' && <AttachmentImage attachment={attachment} />}
              <span class="attachment-name">{attachment.name}</span>
              <span class="hint">{formatBytes(attachment.size)}</span>
              <span class="attachment-actions">
                {display !== 'download' && (
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={t('attachment.openLabel', { name: attachment.name })}
                    onClick={() => void open(attachment)}
                  >
                    {t('attachment.open')}
                  </button>
                )}
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={t('attachment.downloadLabel', { name: attachment.name })}
                  onClick={() => void save(attachment)}
                >
                  {t('attachment.download')}
                </button>
                {onRemove && (
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={t('attachment.removeLabel', { name: attachment.name })}
                    onClick={() => void onRemove(attachment).catch(setFailure)}
                  >
                    {t('attachment.remove')}
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {failure !== null && <ErrorMessage error={failure} />}
    </div>
  );
}

/** A file picker that uploads what is picked at once and says how it went. */
export function AttachmentUpload({ onUpload }: { onUpload: (file: File) => Promise<void> }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const picked = async () => {
    const file = input.current?.files?.[0];
    if (!file) return;
    setFailure(null);
    setStatus(t('attachment.uploading', { name: file.name }));
    try {
      await onUpload(file);
      setStatus(t('attachment.added', { name: file.name }));
    } catch (error) {
      setStatus(null);
      setFailure(error);
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div class="attachment-upload">
      <Field label={t('attachment.add')} hint={t('attachment.hint')}>
        {(control) => <input type="file" {...control} ref={input} accept={ACCEPT} data-testid="attachment-input" onChange={() => void picked()} />}
      </Field>
      {status && (
        <p role="status" class="notice">
          {status}
        </p>
      )}
      {failure !== null && <ErrorMessage error={failure} />}
    </div>
  );
}

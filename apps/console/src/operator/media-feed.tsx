import type { InjectMessage } from '@excon/contracts';
import { AttachmentImage } from '../common/attachment-list';
import { CRC_TIME_ZONE, formatTime } from '../common/time';
import { useI18n } from '../i18n/i18n';
import { localText } from './inject-view';

/**
 * The post's media injects as a news feed, newest first: each item under its outlet's name and logo, marked as
 * exercise material. Opening one shows it as the inject it is (acknowledged and answered like any other).
 */
export function MediaFeed({ items, timeZone, onOpen }: { items: InjectMessage[]; timeZone?: string; onOpen: (message: InjectMessage) => void }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <p class="empty">{t('media.empty')}</p>;
  return (
    <ul class="media-feed" aria-label={t('media.feed')} data-testid="media-feed">
      {items.map((message) => {
        const local = localText(message, lang);
        const logoId = message.media?.outletLogoAttachmentId ?? null;
        const logo = logoId ? (message.attachments ?? []).find((a) => a.id === logoId) : undefined;
        const format = message.media?.format ?? 'article';
        return (
          <li key={message.deliveryId} class={`media-item media-${format}`} data-testid="media-item" data-ref={message.ref}>
            <article aria-label={`${message.media?.outlet ?? ''}: ${local.title}`}>
              <p class="media-marking">{t('media.exerciseMarking')}</p>
              <header class="media-source">
                {logo ? <AttachmentImage attachment={logo} class="media-logo" /> : <span class="media-logo media-logo-empty" aria-hidden="true" />}
                <span>
                  <strong class="media-outlet" data-testid="media-outlet">
                    {message.media?.outlet}
                  </strong>
                  <span class="hint">
                    {' '}
                    · {t(`media.format.${format}`)} ·{' '}
                    <time dateTime={message.firedAt}>{formatTime(message.firedAt, timeZone ?? CRC_TIME_ZONE, lang)}</time>
                  </span>
                </span>
              </header>
              <h3 class="media-title">{local.title}</h3>
              <p class="media-body">{local.body}</p>
              <button type="button" class="btn btn-small" onClick={() => onOpen(message)}>
                {t('media.openInject')}
              </button>
            </article>
          </li>
        );
      })}
    </ul>
  );
}

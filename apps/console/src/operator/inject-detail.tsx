import { useRef, useState } from 'preact/hooks';
import type { InjectMessage } from '@excon/contracts';
import { isDeliveryAtLeast } from '@excon/domain';
import { MSEL_LIMITS } from '@excon/domain/vocabulary';
import { AttachmentList } from '../common/attachment-list';
import { CRC_TIME_ZONE, formatCountdown, formatTime } from '../common/time';
import { Field, PrecedenceBadge } from '../common/ui';
import { useNow } from '../common/use-now';
import { useI18n } from '../i18n/i18n';
import { ackDeadline, localText } from './inject-view';

function AckCountdown({ deadline }: { deadline: number }) {
  const { t } = useI18n();
  const now = useNow();
  const left = Math.ceil((deadline - now) / 1000);
  return (
    <p class={`countdown${left <= 0 ? ' overdue' : left <= 60 ? ' soon' : ''}`} role="timer" aria-live="off" data-testid="ack-countdown">
      {left > 0 ? t('operator.ackWithin', { time: formatCountdown(left) }) : t('operator.ackOverdue', { time: formatCountdown(-left) })}
    </p>
  );
}

/** One inject: its text, deadline, acknowledgement and answer. */
export function InjectDetail({
  message,
  timeZone,
  online,
  unsent,
  onAcknowledge,
  onRespond,
}: {
  message: InjectMessage;
  timeZone?: string;
  /** Without a link, acknowledging and answering still work: they are queued (OperatorFeed) and marked. */
  online: boolean;
  /** The actions on this delivery that the server has not confirmed yet. */
  unsent: readonly ('acknowledge' | 'respond')[];
  onAcknowledge: () => Promise<void>;
  onRespond: (text: string) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<'ack' | 'respond' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | undefined>();
  const local = localText(message, lang);
  const acknowledged = isDeliveryAtLeast(message.status, 'acknowledged');
  const deadline = ackDeadline(message);
  const zone = timeZone ?? CRC_TIME_ZONE;
  const responseForm = useRef<HTMLFormElement>(null);

  const run = (kind: 'ack' | 'respond', action: () => Promise<void>) => {
    setBusy(kind);
    setError(null);
    action().then(
      () => setBusy(null),
      (e: Error) => {
        setBusy(null);
        setError(e.message);
      },
    );
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return setTextError(t('operator.responseRequired'));
    if (trimmed.length > MSEL_LIMITS.responseMaxLength) return setTextError(t('validation.tooLong', { max: MSEL_LIMITS.responseMaxLength }));
    setTextError(undefined);
    if (busy !== null) return;
    run('respond', () => onRespond(trimmed).then(() => setText('')));
  };

  return (
    <article class={`inject-detail precedence-frame-${message.precedence}`} data-testid="inject-detail" data-delivery-id={message.deliveryId}>
      <p class="marking-inline">{t('marking.short')}</p>
      <header>
        <PrecedenceBadge precedence={message.precedence} />
        <h2>{local.title}</h2>
      </header>
      <dl class="meta">
        <div>
          <dt>{t('inject.ref')}</dt>
          <dd>{message.ref}</dd>
        </div>
        <div>
          <dt>{t('inject.from')}</dt>
          <dd>{message.from || '—'}</dd>
        </div>
        {message.kind === 'media' && message.media && (
          <div>
            <dt>{t('media.outlet')}</dt>
            <dd data-testid="detail-outlet">
              {message.media.outlet} · {t(`media.format.${message.media.format}`)}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('operator.received')}</dt>
          <dd>
            <time dateTime={message.firedAt}>{formatTime(message.firedAt, zone, lang, true)}</time>
            {zone !== CRC_TIME_ZONE && (
              <span class="secondary-time">
                {' '}
                · {t('clock.crc')} {formatTime(message.firedAt, CRC_TIME_ZONE, lang)}
              </span>
            )}
          </dd>
        </div>
        {message.acknowledgedAt && (
          <div>
            <dt>{t('operator.acknowledgedAt')}</dt>
            <dd>{formatTime(message.acknowledgedAt, zone, lang)}</dd>
          </div>
        )}
      </dl>
      <div class="body">{local.body}</div>
      {/* A message kept in IndexedDB by an older console has no list. */}
      {(message.attachments ?? []).length > 0 && (
        <section class="inject-attachments" aria-label={t('attachment.heading')}>
          <h3>{t('attachment.heading')}</h3>
          <AttachmentList attachments={message.attachments} />
        </section>
      )}
      {deadline !== null && !acknowledged && <AckCountdown deadline={deadline} />}
      <div class="actions">
        {acknowledged ? (
          <p class="done" data-testid="acknowledged" role="status">
            ✓ {t('injectState.acknowledged')}
            {unsent.includes('acknowledge') && (
              <span class="unsent-badge" data-testid="unsent-acknowledge">
                {t('operator.unsent')}
              </span>
            )}
          </p>
        ) : (
          <button
            type="button"
            class="btn btn-primary"
            aria-disabled={busy !== null ? 'true' : undefined}
            onClick={() =>
              busy === null &&
              run('ack', () =>
                onAcknowledge().then(() => {
                  // The button gives way to "Acknowledged": the next step, the response, takes the focus.
                  requestAnimationFrame(() => responseForm.current?.querySelector<HTMLElement>('textarea')?.focus());
                }),
              )
            }
            data-testid="acknowledge"
          >
            {busy === 'ack' ? t('common.sending') : t('operator.acknowledge')}
          </button>
        )}
        {!online && (
          <span class="hint" data-testid="offline-hint">
            {t('operator.offlineHint')}
          </span>
        )}
      </div>
      {error && (
        <p class="error-message" role="alert">
          {error}
        </p>
      )}
      {message.status === 'responded' && message.response !== null && (
        <section class="response-done" aria-label={t('operator.yourResponse')}>
          <h3>
            {t('operator.yourResponse')}{' '}
            {message.respondedAt && <time dateTime={message.respondedAt}>{formatTime(message.respondedAt, zone, lang)}</time>}
            {unsent.includes('respond') && (
              <span class="unsent-badge" data-testid="unsent-respond">
                {t('operator.unsent')}
              </span>
            )}
          </h3>
          <p class="body">{message.response}</p>
        </section>
      )}
      <form class="response-form" onSubmit={submit} noValidate ref={responseForm}>
        <Field label={message.status === 'responded' ? t('operator.responseMore') : t('operator.response')} error={textError}>
          {(control) => (
            <textarea
              {...control}
              name="response"
              rows={4}
              maxLength={MSEL_LIMITS.responseMaxLength}
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="btn" aria-disabled={busy !== null ? 'true' : undefined}>
          {busy === 'respond' ? t('common.sending') : t('operator.send')}
        </button>
      </form>
    </article>
  );
}

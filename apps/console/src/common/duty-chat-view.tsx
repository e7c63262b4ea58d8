import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { DutyMessage } from '@excon/contracts';
import { BROADCAST_CHANNEL } from '@excon/domain/vocabulary';
import { useI18n } from '../i18n/i18n';
import { formatTime } from './time';
import './duty-chat.css';

/** A channel's messages, oldest first, each marked EXERCISE; `onShown` runs for every message shown (to mark it read). */
export function DutyMessageList({
  messages,
  timeZone,
  own,
  receipt,
  onShown,
}: {
  messages: readonly DutyMessage[];
  timeZone: string;
  /** Sent from this console's side (the post's own, or the duty shift's). */
  own: (message: DutyMessage) => boolean;
  /** The read line under a message, if any. */
  receipt: (message: DutyMessage) => string | null;
  onShown: (message: DutyMessage) => void;
}) {
  const { t, lang } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  const last = messages[messages.length - 1]?.id;
  useEffect(() => {
    for (const message of messages) if (!own(message)) onShown(message);
  });
  useEffect(() => {
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [last]);
  if (messages.length === 0) return <p class="empty">{t('dutyChat.empty')}</p>;
  return (
    <ol class="duty-messages" ref={list} role="log" aria-label={t('dutyChat.messages')} data-testid="duty-messages" tabIndex={0}>
      {messages.map((m) => {
        const read = receipt(m);
        const sender = [m.from.displayName, t(`role.${m.from.role}`), m.from.dutyShift && t('dutyChat.shift', { code: m.from.dutyShift.code })]
          .filter(Boolean)
          .join(' · ');
        return (
          <li key={m.id} class={`duty-message${own(m) ? ' own' : ''}`} data-seq={m.seq} data-channel={m.channel} data-message-id={m.id}>
            <div class="duty-head">
              <span class="marking-inline">{t('marking.short')}</span> <strong>{sender}</strong> ·{' '}
              <time dateTime={m.sentAt}>{formatTime(m.sentAt, timeZone, lang)}</time>
              {m.channel === BROADCAST_CHANNEL && <span class="duty-broadcast">{t('dutyChat.broadcast')}</span>}
            </div>
            <p class="body">{m.text}</p>
            {read && (
              <small class="duty-read" data-testid="duty-read">
                {read}
              </small>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The text box of a channel: Enter sends, Shift+Enter starts a new line; a refusal is shown under it. */
export function DutySendBox({ onSend, blocked }: { onSend: (text: string) => Promise<void>; blocked: string | null }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = () => {
    if (busy) return;
    if (blocked) return setError(blocked);
    if (!text.trim()) return setError(t('dutyChat.required'));
    setBusy(true);
    setError(null);
    onSend(text.trim())
      .then(() => setText(''))
      .catch((e: Error) => setError(t('dutyChat.sendFailed', { reason: e.message })))
      .finally(() => setBusy(false));
  };
  const described = [`${id}-hint`, error || blocked ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form
      class="duty-send"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for={id}>{t('dutyChat.message')}</label>
      <textarea
        id={id}
        name="dutyText"
        rows={2}
        maxLength={4000}
        value={text}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <small id={`${id}-hint`} class="hint">
        {t('dutyChat.hint')}
      </small>
      {(error || blocked) && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error ?? blocked}
        </small>
      )}
      <button type="submit" class="btn btn-primary" aria-disabled={busy || blocked ? 'true' : undefined}>
        {busy ? t('dutyChat.sending') : t('dutyChat.send')}
      </button>
    </form>
  );
}

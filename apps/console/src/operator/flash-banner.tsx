import { useEffect, useRef, useState } from 'preact/hooks';
import type { InjectMessage } from '@excon/contracts';
import { useI18n } from '../i18n/i18n';
import { localText } from './inject-view';

/** True while the operator is writing (a response): a FLASH must not swallow the keystrokes. */
function isTyping(element: Element | null): boolean {
  if (element instanceof HTMLTextAreaElement) return element.value !== '';
  if (element instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(element.type) && element.value !== '';
  return element instanceof HTMLElement && element.isContentEditable;
}

/**
 * The FLASH interrupt: a banner that stays until the inject is opened or acknowledged. It takes the
 * keyboard focus when it arrives (unless the operator is typing: then it is announced instead), keeps
 * Tab on its own buttons, and gives the focus back where it was on Escape or once acknowledged.
 */
export function FlashBanner({
  message,
  onOpen,
  onAcknowledge,
  online,
}: {
  message: InjectMessage;
  onOpen: () => void;
  onAcknowledge: () => Promise<void>;
  online: boolean;
}) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  /** Where the focus was before the banner took it. */
  const previous = useRef<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState(false);

  useEffect(() => {
    const banner = ref.current;
    const active = document.activeElement;
    if (isTyping(active)) {
      setAnnounce(true);
      return;
    }
    setAnnounce(false);
    if (!banner?.contains(active)) previous.current = active instanceof HTMLElement && active !== document.body ? active : null;
    banner?.focus({ preventScroll: true });
  }, [message.deliveryId]);

  /** Back to where the operator was, or to this inject in the list. */
  const giveBack = () => {
    const target = previous.current?.isConnected
      ? previous.current
      : document.querySelector<HTMLElement>(`li[data-delivery-id="${message.deliveryId}"] button`);
    target?.focus({ preventScroll: true });
  };
  // Gone (acknowledged, or opened elsewhere) while it held the focus: the focus must not drop to the page start.
  const giveBackRef = useRef(giveBack);
  giveBackRef.current = giveBack;
  useEffect(
    () => () => {
      const active = document.activeElement;
      if (ref.current?.contains(active) || active === document.body || active === null) giveBackRef.current();
    },
    [],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      giveBack();
      return;
    }
    if (event.key !== 'Tab') return;
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    if (!buttons.length) return;
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const text = localText(message, lang);
  return (
    <div
      class="flash-banner"
      role="alertdialog"
      aria-labelledby="flash-title"
      aria-describedby="flash-ref flash-hint"
      aria-keyshortcuts="Escape"
      tabIndex={-1}
      ref={ref}
      onKeyDown={onKeyDown}
      data-testid="flash-banner"
      data-delivery-id={message.deliveryId}
    >
      <div class="flash-text">
        <strong id="flash-title">
          ⚡ {t('precedence.flash')}: {text.title}
        </strong>
        <span id="flash-ref">{[t('marking.short'), message.ref, message.from].filter(Boolean).join(' · ')}</span>
        <small id="flash-hint" class="flash-hint">
          {t('operator.flashHint')}
        </small>
      </div>
      <div class="flash-actions">
        <button type="button" class="btn btn-plain" onClick={onOpen} data-testid="flash-open">
          {t('operator.open')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          // Not `disabled` while sending: a disabled button drops the keyboard focus.
          disabled={!online}
          aria-disabled={busy ? 'true' : undefined}
          data-testid="flash-acknowledge"
          onClick={() => {
            if (busy) return;
            setBusy(true);
            setError(null);
            onAcknowledge().then(
              () => setBusy(false),
              (e: Error) => {
                setBusy(false);
                setError(e.message);
              },
            );
          }}
        >
          {t('operator.acknowledge')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {announce && (
        <p class="visually-hidden" role="alert">
          {t('operator.flashArrived', { title: text.title })}
        </p>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { InjectMessage } from '@excon/contracts';
import { useI18n } from '../i18n/i18n';
import { localText } from './inject-view';

/**
 * The FLASH interrupt: a banner that stays until the inject is opened or acknowledged. It never takes the
 * keyboard focus (the operator may be typing a response): the console's assertive live region, in the page
 * before any FLASH, reads it out. Tab reaches it right after the header; once there, Tab stays on its own
 * buttons, and Escape (or the acknowledgement) gives the focus back to where it came from.
 */
export function FlashBanner({
  message,
  onOpen,
  onAcknowledge,
}: {
  message: InjectMessage;
  onOpen: () => void;
  /** Without a link the acknowledgement is queued (OperatorFeed): the banner goes either way. */
  onAcknowledge: () => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  /** Where the focus was before it came into the banner. */
  const previous = useRef<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      role="region"
      aria-labelledby="flash-title"
      aria-describedby="flash-ref flash-hint"
      aria-keyshortcuts="Escape"
      tabIndex={-1}
      ref={ref}
      onKeyDown={onKeyDown}
      onFocusIn={(event) => {
        const from = event.relatedTarget;
        if (from instanceof HTMLElement && !ref.current?.contains(from)) previous.current = from;
      }}
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
    </div>
  );
}

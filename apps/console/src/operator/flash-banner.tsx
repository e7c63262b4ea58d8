import { useEffect, useRef, useState } from 'preact/hooks';
import type { InjectMessage } from '@excon/contracts';
import { useI18n } from '../i18n/i18n';
import { localText } from './inject-view';

/** The FLASH interrupt: a banner that takes the focus and stays until the inject is opened or acknowledged. */
export function FlashBanner({ message, onOpen, onAcknowledge, online }: { message: InjectMessage; onOpen: () => void; onAcknowledge: () => Promise<void>; online: boolean }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => ref.current?.focus({ preventScroll: true }), [message.deliveryId]);
  const text = localText(message, lang);
  return (
    <div class="flash-banner" role="alertdialog" aria-labelledby="flash-title" aria-describedby="flash-ref" tabIndex={-1} ref={ref} data-testid="flash-banner">
      <div class="flash-text">
        <strong id="flash-title">
          ⚡ {t('precedence.flash')}: {text.title}
        </strong>
        <span id="flash-ref">
          {[t('marking.short'), message.ref, message.from].filter(Boolean).join(' · ')}
        </span>
      </div>
      <div class="flash-actions">
        <button type="button" class="btn btn-plain" onClick={onOpen}>
          {t('operator.open')}
        </button>
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy || !online}
          onClick={() => {
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

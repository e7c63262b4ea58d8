import type { InjectMessage } from '@excon/contracts';
import { CRC_TIME_ZONE, formatTime } from '../common/time';
import { PrecedenceBadge } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { localText, operatorState } from './inject-view';

/** The post's injects, newest first, each with its precedence and state. */
export function InjectList({
  injects,
  read,
  unsent,
  selected,
  timeZone,
  exerciseTitle,
  onOpen,
}: {
  injects: InjectMessage[];
  read: ReadonlySet<string>;
  /** Deliveries with an action made here that the server has not confirmed yet. */
  unsent: ReadonlySet<string>;
  selected: string | null;
  timeZone?: string;
  /** Names the exercise of each inject when the list mixes exercises. */
  exerciseTitle?: (exerciseId: string) => string;
  onOpen: (message: InjectMessage) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <ul class="inject-list" data-testid="inject-list">
      {injects.map((message) => {
        const state = operatorState(message, read.has(message.deliveryId));
        return (
          <li
            key={message.deliveryId}
            data-delivery-id={message.deliveryId}
            data-exercise-id={message.exerciseId}
            data-ref={message.ref}
            data-seq={message.seq}
            data-state={state}
            class={`inject-item precedence-row-${message.precedence} state-${state}`}
          >
            <button type="button" aria-current={selected === message.deliveryId ? 'true' : undefined} onClick={() => onOpen(message)}>
              <span class="item-top">
                <PrecedenceBadge precedence={message.precedence} />
                <span class="ref">{message.ref}</span>
                <time dateTime={message.firedAt}>{formatTime(message.firedAt, timeZone ?? CRC_TIME_ZONE, lang)}</time>
              </span>
              <span class="item-title">{localText(message, lang).title}</span>
              {exerciseTitle && <span class="item-exercise">{exerciseTitle(message.exerciseId)}</span>}
              <span class={`state-badge state-badge-${state}`}>{t(`injectState.${state}`)}</span>
              {unsent.has(message.deliveryId) && (
                <span class="unsent-badge" data-testid="unsent-badge">
                  {t('operator.unsent')}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandPostView, DeliveryView, ExerciseInjectView } from '@excon/contracts';
import { DELIVERY_STATUSES, isDeliveryAtLeast, type DeliveryStatus, type ExerciseInjectStatus } from '@excon/domain';
import { CRC_TIME_ZONE, formatScenarioTime, formatTime, parseScenarioTime } from '../common/time';
import { PrecedenceBadge } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { postName } from '../common/post-names';
import type { InjectControl } from '../api/api';

/** What a matrix cell shows: the delivery's status, overdue, or why there is none yet. */
export type CellState = 'none' | Exclude<ExerciseInjectStatus, 'fired'> | DeliveryStatus | 'overdue';

export function cellState(inject: ExerciseInjectView, delivery: DeliveryView | undefined): CellState {
  if (!delivery) return inject.status === 'fired' ? 'sent' : inject.status;
  if (delivery.overdueAt && !isDeliveryAtLeast(delivery.status, 'acknowledged')) return 'overdue';
  return delivery.status;
}

function RetimeForm({
  inject,
  onRetime,
  onClose,
}: {
  inject: ExerciseInjectView;
  onRetime: (seconds: number) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(formatScenarioTime(inject.offsetSeconds));
  const [error, setError] = useState<string | null>(null);
  const inputId = `retime-${inject.id}`;
  const input = useRef<HTMLInputElement>(null);
  // `autofocus` only works once per page load: focus the field when the form opens.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <form
      class="retime-form"
      noValidate
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const seconds = parseScenarioTime(value);
        if (seconds === null) return setError(t('validation.offset'));
        onRetime(seconds).then(onClose, (e: Error) => setError(e.message));
      }}
    >
      <label for={inputId} class="visually-hidden">
        {t('run.retimeTo', { ref: inject.ref })}
      </label>
      <input
        id={inputId}
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        size={11}
        ref={input}
      />
      <button type="submit" class="btn btn-small btn-primary">
        {t('common.ok')}
      </button>
      <button type="button" class="btn btn-small" onClick={onClose}>
        {t('common.cancel')}
      </button>
      {error && (
        <small id={`${inputId}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </form>
  );
}

/** A compact per-inject control: a symbol on screen, the full action as its accessible name and tooltip. */
function ActionButton({
  action,
  label,
  symbol,
  onClick,
  primary = false,
}: {
  action: InjectControl | 'retime';
  label: string;
  symbol: string;
  onClick: () => void;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      class={`btn btn-small${primary ? ' btn-primary' : ''}`}
      onClick={onClick}
      aria-label={label}
      title={label}
      data-action={action}
    >
      <span aria-hidden="true">{symbol}</span>
    </button>
  );
}

/** The live matrix: injects × command posts, each cell the delivery status, with per-inject control. */
export function DeliveryMatrix({
  injects,
  posts,
  deliveries,
  canControl,
  onControl,
  onRetime,
}: {
  injects: ExerciseInjectView[];
  posts: CommandPostView[];
  deliveries: ReadonlyMap<string, DeliveryView>;
  canControl: boolean;
  onControl: (inject: ExerciseInjectView, action: InjectControl) => void;
  onRetime: (inject: ExerciseInjectView, seconds: number) => Promise<void>;
}) {
  const { t, lang } = useI18n();
  const [retiming, setRetiming] = useState<string | null>(null);
  /**
   * The row whose control the keyboard user just used: the pressed button may vanish (a fired or skipped
   * inject has no controls left; the retime form closes), and the focus must not fall back to the page start.
   */
  const lastUsed = useRef<{ injectId: string; prefer: string; until: number } | null>(null);
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    const used = lastUsed.current;
    if (!used) return;
    if (Date.now() > used.until) {
      lastUsed.current = null;
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) return;
    const row = table.current?.querySelector<HTMLElement>(`tr[data-inject-id="${used.injectId}"]`);
    const target =
      row?.querySelector<HTMLElement>(`button[data-action="${used.prefer}"]`) ??
      row?.querySelector<HTMLElement>('.row-actions button') ??
      row?.querySelector<HTMLElement>('th');
    if (target) {
      lastUsed.current = null;
      target.focus();
    }
  });
  const used = (inject: ExerciseInjectView, prefer: string) => (lastUsed.current = { injectId: inject.id, prefer, until: Date.now() + 5000 });
  const act = (inject: ExerciseInjectView, action: InjectControl) => {
    used(inject, action === 'hold' ? 'release' : action === 'release' ? 'hold' : 'fire');
    onControl(inject, action);
  };
  const byCell = new Map<string, DeliveryView>();
  for (const d of deliveries.values()) byCell.set(`${d.injectId}|${d.commandPostId}`, d);
  const rows = [...injects].sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.ref.localeCompare(b.ref));

  return (
    <div class="table-wrap matrix-wrap">
      <table class="matrix" data-testid="matrix" ref={table}>
        <caption class="visually-hidden">{t('run.matrix')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inject.offsetShort')}</th>
            <th scope="col">{t('inject.ref')}</th>
            <th scope="col" class="title-col">
              {t('inject.titleShort')}
            </th>
            {posts.map((post) => (
              <th scope="col" key={post.id} class="post-col" title={`${postName(post, lang)} (${post.timeZone})`}>
                <abbr title={postName(post, lang)}>{post.code}</abbr>
              </th>
            ))}
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((inject) => {
            const open = inject.status === 'pending' || inject.status === 'held';
            return (
              <tr
                key={inject.id}
                data-ref={inject.ref}
                data-inject-id={inject.id}
                data-inject-status={inject.status}
                class={`inject-status-${inject.status}`}
              >
                <td class="mono">
                  {formatScenarioTime(inject.offsetSeconds)}
                  {inject.dueAt && inject.status === 'pending' && <div class="hint">{formatTime(inject.dueAt, CRC_TIME_ZONE, lang)}</div>}
                </td>
                <th scope="row" class="mono" tabIndex={-1}>
                  {inject.ref}
                  {inject.adHoc && <span class="tag">{t('run.adHocTag')}</span>}
                </th>
                <td class="title-col">
                  <PrecedenceBadge precedence={inject.precedence} /> <span class="title-text">{inject.title}</span>
                  <div class="hint">{t(`injectStatus.${inject.status}`)}</div>
                </td>
                {posts.map((post) => {
                  if (!inject.targets.includes(post.id))
                    return (
                      <td
                        key={post.id}
                        class="cell cell-untargeted"
                        aria-label={t('run.notTargeted')}
                        data-post={post.code}
                        data-status="untargeted"
                      />
                    );
                  const delivery = byCell.get(`${inject.id}|${post.id}`);
                  const state = cellState(inject, delivery);
                  const when = delivery?.respondedAt ?? delivery?.acknowledgedAt ?? delivery?.deliveredAt ?? delivery?.firedAt;
                  const label = `${post.code}: ${t(`cell.${state}`)}${when ? ` ${formatTime(when, CRC_TIME_ZONE, lang)}` : ''}`;
                  return (
                    <td key={post.id} class={`cell cell-${state}`} data-post={post.code} data-status={state} title={label}>
                      <span aria-hidden="true">{t(`cellShort.${state}`)}</span>
                      <span class="visually-hidden">{label}</span>
                    </td>
                  );
                })}
                <td class="row-actions">
                  {canControl && retiming === inject.id ? (
                    <RetimeForm
                      inject={inject}
                      onRetime={(s) => onRetime(inject, s)}
                      onClose={() => {
                        used(inject, 'retime');
                        setRetiming(null);
                      }}
                    />
                  ) : (
                    canControl &&
                    open && (
                      <>
                        <ActionButton
                          primary
                          action="fire"
                          label={t('run.fireRef', { ref: inject.ref })}
                          symbol="▶"
                          onClick={() => act(inject, 'fire')}
                        />
                        {inject.status === 'pending' ? (
                          <ActionButton action="hold" label={t('run.holdRef', { ref: inject.ref })} symbol="‖" onClick={() => act(inject, 'hold')} />
                        ) : (
                          <ActionButton
                            action="release"
                            label={t('run.releaseRef', { ref: inject.ref })}
                            symbol="▷"
                            onClick={() => act(inject, 'release')}
                          />
                        )}
                        <ActionButton action="skip" label={t('run.skipRef', { ref: inject.ref })} symbol="»" onClick={() => act(inject, 'skip')} />
                        <ActionButton
                          action="retime"
                          label={t('run.retimeRef', { ref: inject.ref })}
                          symbol="±"
                          onClick={() => setRetiming(inject.id)}
                        />
                      </>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="legend hint" aria-hidden="true">
        ▶ {t('run.fire')} · ‖ {t('run.hold')} · ▷ {t('run.release')} · » {t('run.skip')} · ± {t('run.retime')} —{' '}
        {[...DELIVERY_STATUSES, 'overdue' as const].map((state) => (
          <span key={state} class={`legend-cell cell-${state}`}>
            {t(`cellShort.${state}`)} {t(`cell.${state}`)}
          </span>
        ))}
      </p>
    </div>
  );
}

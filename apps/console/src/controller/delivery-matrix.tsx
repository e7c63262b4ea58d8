import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CommandPostView, DeliveryView, ExerciseInjectView } from '@excon/contracts';
import { DELIVERY_STATUSES, isDeliveryAtLeast, type DeliveryStatus, type ExerciseInjectStatus } from '@excon/domain';
import { CRC_TIME_ZONE, formatScenarioTime, formatTime, parseScenarioTime } from '../common/time';
import { useVirtualRows, VirtualPad } from '../common/virtual-rows';
import type { Language } from '@excon/domain';
import { PrecedenceBadge } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { postName } from '../common/post-names';
import type { InjectControl } from '../api/api';
import type { Translate } from '../i18n/i18n';
import './delivery-matrix.css';

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

/** What a row's buttons call: one object per matrix, its functions replaced on every render (rows need not re-render). */
interface RowActions {
  act(inject: ExerciseInjectView, action: InjectControl): void;
  retime(inject: ExerciseInjectView | null): void;
  onRetime(inject: ExerciseInjectView, seconds: number): Promise<void>;
  closeRetime(inject: ExerciseInjectView): void;
}

interface RowProps {
  inject: ExerciseInjectView;
  index: number;
  posts: CommandPostView[];
  /** The row's delivery per post (same order as `posts`). */
  cells: (DeliveryView | undefined)[];
  canControl: boolean;
  retiming: boolean;
  lang: Language;
  t: Translate;
  actions: { current: RowActions };
}

function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.inject !== b.inject || a.index !== b.index || a.posts !== b.posts || a.canControl !== b.canControl) return false;
  if (a.retiming !== b.retiming || a.lang !== b.lang || a.cells.length !== b.cells.length) return false;
  return a.cells.every((cell, i) => cell === b.cells[i]);
}

/** One inject's row; it renders again only when its inject, its deliveries or its controls change. */
class MatrixRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return !sameRow(this.props, next);
  }

  override render({ inject, index, posts, cells, canControl, retiming, lang, t, actions }: RowProps) {
    const open = inject.status === 'pending' || inject.status === 'held';
    const act = (action: InjectControl) => actions.current.act(inject, action);
    return (
      <tr
        data-virtual-row
        aria-rowindex={index + 2}
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
        {posts.map((post, i) => {
          if (!inject.targets.includes(post.id))
            return (
              <td
                key={post.id}
                class="cell cell-untargeted"
                aria-label={t('run.notTargeted')}
                data-post={post.code}
                data-post-id={post.id}
                data-status="untargeted"
              />
            );
          const delivery = cells[i];
          const state = cellState(inject, delivery);
          const when = delivery?.respondedAt ?? delivery?.acknowledgedAt ?? delivery?.deliveredAt ?? delivery?.firedAt;
          const readAt = delivery?.readAt ?? null;
          // Received and opened by an operator of the post, not acknowledged yet: shown read (the status stays received).
          const shownRead = readAt !== null && state === 'delivered';
          const label =
            `${post.code}: ${t(`cell.${state}`)}${when ? ` ${formatTime(when, CRC_TIME_ZONE, lang)}` : ''}` +
            (readAt ? `, ${t('cell.read')} ${formatTime(readAt, CRC_TIME_ZONE, lang)}` : '');
          return (
            <td
              key={post.id}
              class={`cell cell-${state}${shownRead ? ' cell-read' : ''}`}
              data-post={post.code}
              data-post-id={post.id}
              data-status={state}
              data-read-at={readAt ?? undefined}
              title={label}
            >
              <span aria-hidden="true">{t(shownRead ? 'cellShort.read' : `cellShort.${state}`)}</span>
              <span class="visually-hidden">{label}</span>
            </td>
          );
        })}
        <td class="row-actions">
          {canControl && retiming ? (
            <RetimeForm inject={inject} onRetime={(s) => actions.current.onRetime(inject, s)} onClose={() => actions.current.closeRetime(inject)} />
          ) : (
            canControl &&
            open && (
              <>
                <ActionButton primary action="fire" label={t('run.fireRef', { ref: inject.ref })} symbol="▶" onClick={() => act('fire')} />
                {inject.status === 'pending' ? (
                  <ActionButton action="hold" label={t('run.holdRef', { ref: inject.ref })} symbol="‖" onClick={() => act('hold')} />
                ) : (
                  <ActionButton action="release" label={t('run.releaseRef', { ref: inject.ref })} symbol="▷" onClick={() => act('release')} />
                )}
                <ActionButton action="skip" label={t('run.skipRef', { ref: inject.ref })} symbol="»" onClick={() => act('skip')} />
                <ActionButton
                  action="retime"
                  label={t('run.retimeRef', { ref: inject.ref })}
                  symbol="±"
                  onClick={() => actions.current.retime(inject)}
                />
              </>
            )
          )}
        </td>
      </tr>
    );
  }
}

const NO_CELLS: (DeliveryView | undefined)[] = [];

/**
 * The live matrix: injects × command posts, each cell the delivery status, with per-inject control. Only the rows
 * in view (and a few either side) are in the DOM; the counts per status above it cover every delivery.
 */
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
  const scroller = useRef<HTMLDivElement>(null);
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
  const actions = useRef<RowActions>(null as unknown as RowActions);
  actions.current = {
    act(inject, action) {
      used(inject, action === 'hold' ? 'release' : action === 'release' ? 'hold' : 'fire');
      onControl(inject, action);
    },
    retime: (inject) => setRetiming(inject?.id ?? null),
    onRetime,
    closeRetime(inject) {
      used(inject, 'retime');
      setRetiming(null);
    },
  };

  const rows = useMemo(() => [...injects].sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.ref.localeCompare(b.ref)), [injects]);
  /** Each inject's deliveries in column order, and how many deliveries are in each state. */
  const { byInject, counts } = useMemo(() => {
    const column = new Map(posts.map((p, i) => [p.id, i]));
    const injectById = new Map(injects.map((i) => [i.id, i]));
    const byInject = new Map<string, (DeliveryView | undefined)[]>();
    const counts: Record<string, number> = {};
    for (const d of deliveries.values()) {
      const inject = injectById.get(d.injectId);
      const state = inject ? cellState(inject, d) : d.status;
      counts[state] = (counts[state] ?? 0) + 1;
      const i = column.get(d.commandPostId);
      if (i === undefined) continue;
      let cells = byInject.get(d.injectId);
      if (!cells) byInject.set(d.injectId, (cells = new Array<DeliveryView | undefined>(posts.length)));
      cells[i] = d;
    }
    return { byInject, counts };
  }, [deliveries, posts, injects]);
  /** Rows keep their cell arrays while nothing in them changed, so that memoised rows skip rendering. */
  const previous = useRef(new Map<string, (DeliveryView | undefined)[]>());
  const cellsOf = (injectId: string) => {
    const next = byInject.get(injectId) ?? NO_CELLS;
    const before = previous.current.get(injectId);
    if (before && before.length === next.length && before.every((d, i) => d === next[i])) return before;
    previous.current.set(injectId, next);
    return next;
  };
  const view = useVirtualRows(scroller, rows.length, { estimate: 46, overscan: 10 });
  const columns = posts.length + 4;

  return (
    <div class="matrix-wrap">
      <p class="matrix-counts hint" data-testid="matrix-model" data-injects={rows.length} data-deliveries={deliveries.size} aria-live="off">
        {[...DELIVERY_STATUSES, 'overdue' as const].map((state) => (
          <span key={state} class={`legend-cell cell-${state}`} data-count-state={state}>
            {t(`cell.${state}`)} <strong>{counts[state] ?? 0}</strong>
          </span>
        ))}
      </p>
      <div class="table-wrap matrix-scroll" data-testid="matrix-scroll" ref={scroller}>
        <table class="matrix" data-testid="matrix" ref={table} aria-rowcount={rows.length + 1}>
          <caption class="visually-hidden">{t('run.matrix')}</caption>
          <thead>
            <tr aria-rowindex={1}>
              <MatrixHeadCells posts={posts} />
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            <VirtualPad height={view.before} columns={columns} />
            {rows.slice(view.start, view.end).map((inject, i) => (
              <MatrixRow
                key={inject.id}
                inject={inject}
                index={view.start + i}
                posts={posts}
                cells={cellsOf(inject.id)}
                canControl={canControl}
                retiming={retiming === inject.id}
                lang={lang}
                t={t}
                actions={actions}
              />
            ))}
            <VirtualPad height={view.after} columns={columns} />
          </tbody>
        </table>
      </div>
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

/** The header cells the live matrix and the replay share: time, ref, title, then one column per post. */
export function MatrixHeadCells({ posts }: { posts: CommandPostView[] }) {
  const { t, lang } = useI18n();
  return (
    <>
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
    </>
  );
}

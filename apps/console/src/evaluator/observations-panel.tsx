import { useState } from 'preact/hooks';
import type { ObservationView } from '@excon/contracts';
import { OBSERVATION_KINDS, type ObservationKind } from '@excon/domain';
import { evaluationApi } from '../api/evaluation-api';
import { useStore } from '../common/store';
import { formatScenarioTime, formatTime } from '../common/time';
import { ErrorMessage } from '../common/ui';
import { ConfirmButton } from '../controller/confirm-button';
import { useI18n } from '../i18n/i18n';
import type { EvaluationLive } from './evaluation-live';
import { countKinds, filterObservations, type ObservationListFilter } from './observation-list';
import { parseQuickEntry, withKind, type QuickEntryContext } from './quick-entry';
import { KindChip } from './quick-entry-bar';

/** An observation written back as a quick-entry line, so that it is edited in the same syntax it was typed in. */
function asLine(o: ObservationView, context: QuickEntryContext): string {
  const posts = o.commandPostIds.map((id) => context.posts.find((p) => p.id === id)?.code).filter(Boolean);
  const inject = context.injects.find((i) => i.id === o.exerciseInjectId)?.ref;
  const tokens = [...o.objectiveRefs.map((r) => `#${r}`), ...posts.map((c) => `@${c}`), ...(inject ? [`!${inject}`] : [])];
  return withKind([o.text, ...tokens].join(' '), o.kind);
}

function ObservationItem({
  observation: o,
  mine,
  context,
  zone,
  live,
}: {
  observation: ObservationView;
  mine: boolean;
  context: QuickEntryContext;
  zone: string;
  live: EvaluationLive;
}) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const postCode = (id: string) => context.posts.find((p) => p.id === id)?.code ?? '?';
  const injectRef = context.injects.find((i) => i.id === o.exerciseInjectId)?.ref;

  const save = async () => {
    if (editing === null) return;
    const entry = parseQuickEntry(editing, context);
    if (!entry.text) return;
    setBusy(true);
    setFailure(null);
    try {
      live.putObservation(
        await evaluationApi.updateObservation(o.exerciseId, o.id, {
          text: entry.text,
          kind: entry.kind,
          objectiveRefs: entry.objectiveRefs,
          commandPostIds: entry.commandPostIds,
          exerciseInjectId: entry.exerciseInjectId,
        }),
      );
      setEditing(null);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await evaluationApi.deleteObservation(o.exerciseId, o.id);
      live.dropObservation(o.id);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <li class={`observation observation-${o.kind}`} data-observation={o.id} data-author={o.authorName}>
      <div class="observation-meta">
        <KindChip kind={o.kind} />
        <span class="mono" title={t('evaluation.obs.exerciseTime')}>
          {formatScenarioTime(o.scenarioSeconds)}
        </span>
        <time class="mono" dateTime={o.observedAt} title={t('evaluation.obs.wallTime')}>
          {formatTime(o.observedAt, zone, lang)}
        </time>
        <span class="observation-author">{o.authorName}</span>
        {o.updatedAt !== o.createdAt && <span class="hint">{t('evaluation.obs.edited')}</span>}
      </div>
      {editing === null ? (
        <p class="observation-text" data-testid="observation-text">
          {o.text}
        </p>
      ) : (
        <div class="observation-edit">
          <input
            aria-label={t('evaluation.obs.editLabel')}
            type="text"
            value={editing}
            disabled={busy}
            data-testid="observation-edit"
            onInput={(e) => setEditing(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              } else if (e.key === 'Escape') setEditing(null);
            }}
            ref={(el) => el?.focus()}
          />
          <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void save()}>
            {t('common.save')}
          </button>
          <button type="button" class="btn" disabled={busy} onClick={() => setEditing(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      <div class="chips">
        {o.objectiveRefs.map((ref) => (
          <span key={ref} class="chip chip-objective" data-chip="objective" data-value={ref}>
            #{ref}
          </span>
        ))}
        {o.commandPostIds.map((id) => (
          <span key={id} class="chip chip-post" data-chip="post" data-value={postCode(id)}>
            @{postCode(id)}
          </span>
        ))}
        {injectRef && (
          <span class="chip chip-inject" data-chip="inject" data-value={injectRef}>
            !{injectRef}
          </span>
        )}
        {mine && editing === null && (
          <span class="observation-actions">
            <button type="button" class="btn btn-small" disabled={busy} onClick={() => setEditing(asLine(o, context))}>
              {t('common.edit')}
            </button>
            <ConfirmButton
              class="btn-small"
              label={t('common.delete')}
              confirmLabel={t('evaluation.obs.confirmDelete')}
              disabled={busy}
              onConfirm={() => void remove()}
            />
          </span>
        )}
      </div>
      <ErrorMessage error={failure} />
    </li>
  );
}

/** The exercise's observations, newest first, live; filters by kind, objective, post and author. */
export function ObservationsPanel({ live, me, context, zone }: { live: EvaluationLive; me: string; context: QuickEntryContext; zone: string }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ObservationListFilter>({});
  const all = useStore(live.observations);
  const shown = filterObservations(all, filter, me);
  const counts = countKinds(all);
  return (
    <section class="panel observations-panel" aria-labelledby="observations-heading">
      <div class="panel-head">
        <h2 id="observations-heading">
          {t('evaluation.obs.heading')} <span class="count">{shown.length === all.length ? all.length : `${shown.length}/${all.length}`}</span>
        </h2>
        <div class="filters">
          <label class="inline-field">
            {t('evaluation.obs.kind')}
            <select value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: e.currentTarget.value as ObservationKind | '' })}>
              <option value="">{t('evaluation.obs.allKinds')}</option>
              {OBSERVATION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`evaluation.kind.${kind}`)} ({counts[kind]})
                </option>
              ))}
            </select>
          </label>
          <label class="inline-field">
            {t('evaluation.objective')}
            <select value={filter.objectiveRef ?? ''} onChange={(e) => setFilter({ ...filter, objectiveRef: e.currentTarget.value })}>
              <option value="">{t('evaluation.obs.allObjectives')}</option>
              {context.objectiveRefs.map((ref) => (
                <option key={ref} value={ref}>
                  {ref}
                </option>
              ))}
            </select>
          </label>
          <label class="inline-field">
            {t('timeline.post')}
            <select value={filter.commandPostId ?? ''} onChange={(e) => setFilter({ ...filter, commandPostId: e.currentTarget.value })}>
              <option value="">{t('timeline.allPosts')}</option>
              {context.posts.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code}
                </option>
              ))}
            </select>
          </label>
          <label class="inline-field">
            <input type="checkbox" checked={filter.mineOnly ?? false} onChange={(e) => setFilter({ ...filter, mineOnly: e.currentTarget.checked })} />
            {t('evaluation.obs.mineOnly')}
          </label>
        </div>
      </div>
      {shown.length === 0 ? (
        <p class="empty">{t('evaluation.obs.empty')}</p>
      ) : (
        <ol class="observation-list" data-testid="observations" aria-live="polite">
          {shown.map((o) => (
            <ObservationItem key={o.id} observation={o} mine={o.authorId === me} context={context} zone={zone} live={live} />
          ))}
        </ol>
      )}
    </section>
  );
}

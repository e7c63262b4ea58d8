import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView, EvaluatorAssignmentView, RatingView } from '@excon/contracts';
import { RATINGS, summariseRatings, type Objective, type Rating } from '@excon/domain';
import { evaluationApi } from '../api/evaluation-api';
import { useStore } from '../common/store';
import { ErrorMessage, ScrollRegion } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import type { EvaluationLive, EvaluationPanelProps } from './evaluation-live';
import { countsText, mayRate, maySetFinal, ratingCell, scoped } from './rating-grid';

/** Arrow keys move through a radio group and check each letter in turn: the rating is sent once they rest. */
const SETTLE_MS = 600;

interface CellAt {
  objectiveRef: string;
  commandPostId: string;
}

export function RatingBadge({ rating, final = false }: { rating: Rating | null; final?: boolean }) {
  if (!rating) return <span class="rating-badge rating-none">—</span>;
  return <span class={`rating-badge rating-${rating}${final ? ' rating-final' : ''}`}>{rating}</span>;
}

function GridCell({
  exerciseId,
  cell: at,
  ratings,
  me,
  canRate,
  selected,
  onSelect,
  label,
  live,
}: {
  exerciseId: string;
  cell: CellAt;
  ratings: RatingView[];
  me: string;
  canRate: boolean;
  selected: boolean;
  onSelect: () => void;
  label: string;
  live: EvaluationLive;
}) {
  const { t } = useI18n();
  const cell = ratingCell(ratings, at.objectiveRef, at.commandPostId, me);
  const [pending, setPending] = useState<Rating | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (pending === null || pending === cell.mine?.rating) return;
    const timer = setTimeout(() => {
      evaluationApi
        .setRating(exerciseId, { ...at, rating: pending, rationale: cell.mine?.rationale ?? '' })
        .then((saved) => {
          live.putRating(saved);
          setFailure(null);
        }, setFailure)
        .finally(() => setPending(null));
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  const shown = pending ?? cell.mine?.rating ?? null;
  const name = `rate-${at.objectiveRef}-${at.commandPostId}`;
  return (
    <td
      class={`rating-cell${selected ? ' selected' : ''}`}
      data-objective={at.objectiveRef}
      data-post={at.commandPostId}
      onFocusIn={onSelect}
      onClick={onSelect}
    >
      {canRate ? (
        <div class="rating-radios" role="radiogroup" aria-label={label}>
          {RATINGS.map((r) => (
            <label key={r} class={`rating-choice rating-${r}${shown === r ? ' checked' : ''}`} title={t(`evaluation.rating.${r}`)}>
              <input type="radio" name={name} value={r} checked={shown === r} onChange={() => setPending(r)} />
              {r}
            </label>
          ))}
        </div>
      ) : (
        <span class="hint">
          {t('evaluation.rating.mine')}: <RatingBadge rating={cell.mine?.rating ?? null} />
        </span>
      )}
      <div class="rating-cell-foot">
        <span class="rating-others" data-testid="rating-others" title={t('evaluation.rating.others')}>
          {cell.othersTotal ? countsText(cell.others) : ''}
        </span>
        {cell.final && (
          <span class="rating-final-mark" data-testid="rating-final" title={t('evaluation.rating.final')}>
            {t('evaluation.rating.finalShort')} <RatingBadge rating={cell.final.rating} final />
          </span>
        )}
      </div>
      {pending !== null && <span class="hint">{t('common.saving')}</span>}
      <ErrorMessage error={failure} />
    </td>
  );
}

function CellDetail({
  exerciseId,
  objective,
  post,
  ratings,
  me,
  canRate,
  canFinal,
  live,
}: {
  exerciseId: string;
  objective: Objective;
  post: CommandPostView;
  ratings: RatingView[];
  me: string;
  canRate: boolean;
  canFinal: boolean;
  live: EvaluationLive;
}) {
  const { t } = useI18n();
  const cell = ratingCell(ratings, objective.ref, post.id, me);
  const others = ratings.filter((r) => r.objectiveRef === objective.ref && r.commandPostId === post.id && !r.final && r.evaluatorId !== me);
  const [rationale, setRationale] = useState(cell.mine?.rationale ?? '');
  const [finalRating, setFinalRating] = useState<Rating | null>(cell.final?.rating ?? null);
  const [finalRationale, setFinalRationale] = useState(cell.final?.rationale ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setRationale(cell.mine?.rationale ?? '');
    setFinalRating(cell.final?.rating ?? null);
    setFinalRationale(cell.final?.rationale ?? '');
  }, [objective.ref, post.id, cell.mine?.updatedAt, cell.final?.updatedAt]);

  const save = async (rating: Rating, text: string, final: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      live.putRating(
        await evaluationApi.setRating(exerciseId, { objectiveRef: objective.ref, commandPostId: post.id, rating, rationale: text, final }),
      );
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="rating-detail" aria-labelledby="rating-detail-heading" data-testid="rating-detail">
      <h3 id="rating-detail-heading">
        {objective.ref} · {post.code}
      </h3>
      <p>{objective.title}</p>
      {canRate && (
        <div class="field">
          <label for="rating-rationale">
            {t('evaluation.rating.rationale')} ({t('evaluation.rating.mine')}: {cell.mine?.rating ?? '—'})
          </label>
          <textarea id="rating-rationale" rows={2} value={rationale} disabled={busy} onInput={(e) => setRationale(e.currentTarget.value)} />
          <button
            type="button"
            class="btn"
            disabled={busy || !cell.mine || rationale === cell.mine.rationale}
            onClick={() => cell.mine && void save(cell.mine.rating, rationale, false)}
          >
            {t('evaluation.rating.saveRationale')}
          </button>
        </div>
      )}
      <h4>{t('evaluation.rating.others')}</h4>
      {others.length === 0 ? (
        <p class="empty">{t('evaluation.rating.noOthers')}</p>
      ) : (
        <ul class="rating-others-list">
          {others.map((r) => (
            <li key={r.evaluatorId}>
              <RatingBadge rating={r.rating} /> {r.evaluatorName}
              {r.rationale && <span class="hint"> — {r.rationale}</span>}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('evaluation.rating.final')}</h4>
      {cell.final ? (
        <p data-testid="final-detail">
          <RatingBadge rating={cell.final.rating} final /> {cell.final.evaluatorName}
          {cell.final.rationale && <span class="hint"> — {cell.final.rationale}</span>}
        </p>
      ) : (
        <p class="empty">{t('evaluation.rating.noFinal')}</p>
      )}
      {canFinal && (
        <div class="rating-final-form">
          <div class="rating-radios" role="radiogroup" aria-label={t('evaluation.rating.setFinal')}>
            {RATINGS.map((r) => (
              <label key={r} class={`rating-choice rating-${r}${finalRating === r ? ' checked' : ''}`} title={t(`evaluation.rating.${r}`)}>
                <input type="radio" name="final-rating" value={r} checked={finalRating === r} onChange={() => setFinalRating(r)} />
                {r}
              </label>
            ))}
          </div>
          <textarea
            aria-label={t('evaluation.rating.finalRationale')}
            rows={2}
            value={finalRationale}
            disabled={busy}
            onInput={(e) => setFinalRationale(e.currentTarget.value)}
          />
          <button
            type="button"
            class="btn btn-primary"
            data-testid="set-final"
            disabled={busy || !finalRating}
            onClick={() => finalRating && void save(finalRating, finalRationale, true)}
          >
            {t('evaluation.rating.setFinal')}
          </button>
        </div>
      )}
      <ErrorMessage error={failure} />
    </section>
  );
}

/**
 * The rating grid: objectives × posts, P/S/M/U per cell (a radio group: arrows move, the rating is sent once
 * they rest), the other evaluators' counts and the final rating; the selected cell's rationale, the others'
 * ratings and (for a controller or the lead evaluator) the final below.
 */
export function RatingsPanel({ exerciseId, objectives, posts, me, role, live }: EvaluationPanelProps) {
  const { t } = useI18n();
  const ratings = useStore(live.ratings);
  const assignments = useStore(live.assignments);
  const assignment: EvaluatorAssignmentView | null = assignments.find((a) => a.evaluatorId === me) ?? null;
  const [mineOnly, setMineOnly] = useState(true);
  const [selected, setSelected] = useState<CellAt | null>(null);
  const limited = mineOnly && assignment !== null;
  const rows = limited ? scoped(objectives, assignment.objectiveRefs, (o) => o.ref) : objectives;
  const columns = limited ? scoped(posts, assignment.commandPostIds, (p) => p.id) : posts;
  const summary = new Map(
    summariseRatings(
      objectives.map((o) => o.ref),
      ratings,
    ).map((s) => [s.objectiveRef, s]),
  );
  const selectedObjective = selected && objectives.find((o) => o.ref === selected.objectiveRef);
  const selectedPost = selected && posts.find((p) => p.id === selected.commandPostId);
  const canFinal = maySetFinal(role, assignment);

  return (
    <section class="panel ratings-panel" aria-labelledby="ratings-heading">
      <div class="panel-head">
        <h2 id="ratings-heading">{t('evaluation.rating.heading')}</h2>
        <div class="filters">
          {assignment && (
            <label class="inline-field">
              <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.currentTarget.checked)} />
              {t('evaluation.rating.myAssignment')}
            </label>
          )}
        </div>
      </div>
      <p class="hint">{t('evaluation.rating.legend')}</p>
      {rows.length === 0 || columns.length === 0 ? (
        <p class="empty">{objectives.length === 0 ? t('evaluation.rating.noObjectives') : t('evaluation.rating.noPosts')}</p>
      ) : (
        <ScrollRegion labelledBy="ratings-heading">
          <table class="rating-grid" data-testid="rating-grid">
            <thead>
              <tr>
                <th scope="col">{t('evaluation.objective')}</th>
                {columns.map((p) => (
                  <th key={p.id} scope="col">
                    {p.code}
                  </th>
                ))}
                <th scope="col">{t('evaluation.rating.overall')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.ref} data-objective={o.ref}>
                  <th scope="row" class="rating-objective">
                    <span class="mono">{o.ref}</span> {o.title}
                    {(o.capabilityTarget || (o.criticalTasks?.length ?? 0) > 0) && (
                      <details>
                        <summary>{t('evaluation.rating.target')}</summary>
                        {o.capabilityTarget && <p>{o.capabilityTarget}</p>}
                        {o.criticalTasks && o.criticalTasks.length > 0 && (
                          <ol class="critical-tasks" aria-label={t('evaluation.rating.criticalTasks')}>
                            {o.criticalTasks.map((task, i) => (
                              <li key={i}>{task}</li>
                            ))}
                          </ol>
                        )}
                      </details>
                    )}
                  </th>
                  {columns.map((p) => (
                    <GridCell
                      key={p.id}
                      exerciseId={exerciseId}
                      cell={{ objectiveRef: o.ref, commandPostId: p.id }}
                      ratings={ratings}
                      me={me}
                      canRate={mayRate(role, assignment, o.ref, p.id)}
                      selected={selected?.objectiveRef === o.ref && selected.commandPostId === p.id}
                      onSelect={() =>
                        (selected?.objectiveRef !== o.ref || selected.commandPostId !== p.id) &&
                        setSelected({ objectiveRef: o.ref, commandPostId: p.id })
                      }
                      label={t('evaluation.rating.cellLabel', { objective: o.ref, post: p.code })}
                      live={live}
                    />
                  ))}
                  <td class="rating-overall" data-testid="rating-overall">
                    <RatingBadge rating={summary.get(o.ref)?.overall ?? null} />
                    <small class="hint">{countsText(summary.get(o.ref)?.counts ?? { P: 0, S: 0, M: 0, U: 0 })}</small>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {selectedObjective && selectedPost && (
        <CellDetail
          key={`${selectedObjective.ref}|${selectedPost.id}`}
          exerciseId={exerciseId}
          objective={selectedObjective}
          post={selectedPost}
          ratings={ratings}
          me={me}
          canRate={mayRate(role, assignment, selectedObjective.ref, selectedPost.id)}
          canFinal={canFinal}
          live={live}
        />
      )}
    </section>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { EvaluatorAssignmentInput, EvaluatorAssignmentView } from '@excon/contracts';
import { ApiRequestError } from '../api/client';
import { evaluationApi } from '../api/evaluation-api';
import { useStore } from '../common/store';
import { ErrorMessage } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import type { EvaluationLive, EvaluationPanelProps } from './evaluation-live';

interface Draft {
  evaluatorId: string;
  evaluatorName: string;
  commandPostIds: string[];
  objectiveRefs: string[];
  lead: boolean;
}

function toggle(list: string[], value: string, on: boolean): string[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

/**
 * Who could be assigned: an admin picks from every evaluator account (`GET /api/users` is admin-only); a
 * controller, who cannot list accounts, from the evaluators already assigned or who observed or rated in this
 * exercise.
 */
function useCandidates(role: string, me: string, live: EvaluationLive): { id: string; name: string }[] {
  const observations = useStore(live.observations);
  const ratings = useStore(live.ratings);
  const assignments = useStore(live.assignments);
  const [accounts, setAccounts] = useState<{ id: string; name: string }[] | null>(null);
  useEffect(() => {
    if (role !== 'admin') return;
    evaluationApi.users().then(
      (users) => setAccounts(users.filter((u) => u.role === 'evaluator').map((u) => ({ id: u.id, name: u.displayName || u.username }))),
      () => setAccounts(null),
    );
  }, [role]);
  const seen = new Map<string, string>();
  for (const a of assignments) seen.set(a.evaluatorId, a.evaluatorName);
  for (const o of observations) if (!seen.has(o.authorId)) seen.set(o.authorId, o.authorName);
  // A final rating may be a controller's: only current ones name evaluators.
  for (const r of ratings) if (!r.final && !seen.has(r.evaluatorId)) seen.set(r.evaluatorId, r.evaluatorName);
  if (accounts) return accounts;
  // The caller is a controller, not an evaluator (another controller's observations may still be offered: the API then answers 400).
  seen.delete(me);
  return [...seen].map(([id, name]) => ({ id, name }));
}

function ChecklistField({
  legend,
  options,
  chosen,
  onChange,
  disabled,
}: {
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
  onChange: (next: string[]) => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="checklist" disabled={disabled}>
      <legend>
        {legend} <small class="hint">{chosen.length === 0 ? t('evaluation.assign.all') : chosen.length}</small>
      </legend>
      {options.map((o) => (
        <label key={o.value} class="inline-field">
          <input type="checkbox" checked={chosen.includes(o.value)} onChange={(e) => onChange(toggle(chosen, o.value, e.currentTarget.checked))} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The caller's own assignment (an evaluator), or every assignment of the exercise and, for staff, a form to change them. */
export function AssignmentsPanel({ exerciseId, objectives, posts, me, role, live }: EvaluationPanelProps) {
  const { t } = useI18n();
  const assignments = useStore(live.assignments);
  const canEdit = role === 'controller' || role === 'admin';
  const candidates = useCandidates(role, me, live);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [adding, setAdding] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const postCode = (id: string) => posts.find((p) => p.id === id)?.code ?? '?';
  const describe = (a: EvaluatorAssignmentView) => ({
    posts: a.commandPostIds.length ? a.commandPostIds.map(postCode).join(', ') : t('evaluation.assign.all'),
    objectives: a.objectiveRefs.length ? a.objectiveRefs.join(', ') : t('evaluation.assign.all'),
  });
  const mine = assignments.find((a) => a.evaluatorId === me);

  const rows = drafts ?? assignments.map((a) => ({ ...a }));
  const change = (evaluatorId: string, patch: Partial<Draft>) => {
    setSaved(false);
    setDrafts(rows.map((d) => (d.evaluatorId === evaluatorId ? { ...d, ...patch } : d)));
  };
  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const body: EvaluatorAssignmentInput[] = rows.map((d) => ({
        evaluatorId: d.evaluatorId,
        commandPostIds: d.commandPostIds,
        objectiveRefs: d.objectiveRefs,
        lead: d.lead,
      }));
      live.setAssignments(await evaluationApi.setEvaluators(exerciseId, body));
      setDrafts(null);
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const unassigned = candidates.filter((c) => !rows.some((d) => d.evaluatorId === c.id));
  const errors = failure instanceof ApiRequestError ? failure.fieldErrors() : {};

  return (
    <section class="panel assignments-panel" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">{t('evaluation.assign.heading')}</h2>
      {role === 'evaluator' && (
        <p data-testid="my-assignment">
          {mine
            ? t('evaluation.assign.mine', { ...describe(mine), lead: mine.lead ? t('evaluation.assign.leadYes') : '' })
            : t('evaluation.assign.none')}
        </p>
      )}
      {!canEdit ? (
        assignments.length > 0 && (
          <table class="list-table compact">
            <thead>
              <tr>
                <th scope="col">{t('evaluation.assign.evaluator')}</th>
                <th scope="col">{t('evaluation.assign.posts')}</th>
                <th scope="col">{t('evaluation.assign.objectives')}</th>
                <th scope="col">{t('evaluation.assign.lead')}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.evaluatorId}>
                  <th scope="row">{a.evaluatorName}</th>
                  <td>{describe(a).posts}</td>
                  <td>{describe(a).objectives}</td>
                  <td>{a.lead ? '✓' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : (
        <form
          class="assignments-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {rows.length === 0 && <p class="empty">{t('evaluation.assign.empty')}</p>}
          {rows.map((d) => (
            <div key={d.evaluatorId} class="assignment-row" data-evaluator={d.evaluatorName}>
              <div class="assignment-head">
                <strong>{d.evaluatorName}</strong>
                <label class="inline-field">
                  <input
                    type="checkbox"
                    checked={d.lead}
                    disabled={busy}
                    onChange={(e) => change(d.evaluatorId, { lead: e.currentTarget.checked })}
                  />
                  {t('evaluation.assign.lead')}
                </label>
                <button
                  type="button"
                  class="btn btn-small"
                  disabled={busy}
                  onClick={() => {
                    setSaved(false);
                    setDrafts(rows.filter((r) => r.evaluatorId !== d.evaluatorId));
                  }}
                >
                  {t('evaluation.assign.remove')}
                </button>
              </div>
              <ChecklistField
                legend={t('evaluation.assign.posts')}
                options={posts.map((p) => ({ value: p.id, label: p.code }))}
                chosen={d.commandPostIds}
                disabled={busy}
                onChange={(next) => change(d.evaluatorId, { commandPostIds: next })}
              />
              <ChecklistField
                legend={t('evaluation.assign.objectives')}
                options={objectives.map((o) => ({ value: o.ref, label: o.ref }))}
                chosen={d.objectiveRefs}
                disabled={busy}
                onChange={(next) => change(d.evaluatorId, { objectiveRefs: next })}
              />
            </div>
          ))}
          <div class="assignment-add">
            <label class="inline-field">
              {t('evaluation.assign.add')}
              <select value={adding} disabled={busy || unassigned.length === 0} onChange={(e) => setAdding(e.currentTarget.value)}>
                <option value="">{unassigned.length ? '—' : t('evaluation.assign.noCandidates')}</option>
                {unassigned.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              class="btn"
              disabled={busy || !adding}
              onClick={() => {
                const who = candidates.find((c) => c.id === adding);
                if (!who) return;
                setSaved(false);
                setDrafts([...rows, { evaluatorId: who.id, evaluatorName: who.name, commandPostIds: [], objectiveRefs: [], lead: false }]);
                setAdding('');
              }}
            >
              {t('evaluation.assign.addButton')}
            </button>
          </div>
          {role === 'controller' && <p class="hint">{t('evaluation.assign.controllerHint')}</p>}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy || drafts === null}>
              {t('common.save')}
            </button>
            {drafts !== null && (
              <button type="button" class="btn" disabled={busy} onClick={() => setDrafts(null)}>
                {t('common.cancel')}
              </button>
            )}
            {saved && <span role="status">{t('evaluation.assign.saved')}</span>}
          </div>
          {Object.keys(errors).length > 0 && (
            <ul class="field-error">
              {Object.entries(errors).map(([field, message]) => (
                <li key={field}>
                  {field}: {message}
                </li>
              ))}
            </ul>
          )}
          <ErrorMessage error={failure} />
        </form>
      )}
    </section>
  );
}

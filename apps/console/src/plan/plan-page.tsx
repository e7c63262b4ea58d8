import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandPostView, ExerciseSummaryView, ImprovementActionFilters, ImprovementActionView, ImprovementSummaryRow } from '@excon/contracts';
import { IMPROVEMENT_STATUSES, type ImprovementStatus } from '@excon/domain/evaluation/evaluation-vocabulary';
import { MINISTRIES, type Ministry, type Role } from '@excon/domain/vocabulary';
import { api } from '../api/api';
import { planApi } from '../api/plan-api';
import { Layout } from '../common/layout';
import { staffNav } from '../common/staff-nav';
import type { Session } from '../common/session';
import { ErrorMessage, Loading, ScrollRegion } from '../common/ui';
import { useI18n, type Translate } from '../i18n/i18n';
import { ActionForm } from './action-form';

type Order = 'due' | 'ministry';

/** Controllers and evaluators write the plan; admins and reviewers read it. */
const WRITERS: readonly Role[] = ['controller', 'evaluator'];

function ministryLabel(t: Translate, ministry: Ministry | null): string {
  return ministry ? t(`plan.ministry.${ministry}`) : t('plan.noMinistry');
}

function SummaryTable({ rows }: { rows: ImprovementSummaryRow[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p class="empty">{t('plan.summaryEmpty')}</p>;
  return (
    <table class="list-table compact" data-testid="plan-summary">
      <thead>
        <tr>
          <th scope="col">{t('plan.filter.memberState')}</th>
          <th scope="col">{t('plan.filter.ministry')}</th>
          {IMPROVEMENT_STATUSES.map((s) => (
            <th scope="col" key={s}>
              {t(`plan.status.${s}`)}
            </th>
          ))}
          <th scope="col">{t('plan.overdue')}</th>
          <th scope="col">{t('plan.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.memberState ?? ''}/${row.ministry ?? ''}`} data-ministry={row.ministry ?? ''}>
            <th scope="row">{row.memberState ?? t('plan.noMemberState')}</th>
            <td>{ministryLabel(t, row.ministry)}</td>
            {IMPROVEMENT_STATUSES.map((s) => (
              <td key={s}>{row.counts[s]}</td>
            ))}
            <td>{row.overdue ? <strong>{row.overdue}</strong> : 0}</td>
            <td>{row.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionRow({
  action,
  canWrite,
  posts,
  onChanged,
  onFailure,
}: {
  action: ImprovementActionView;
  canWrite: boolean;
  posts: Map<string, CommandPostView>;
  onChanged: (action: ImprovementActionView) => void;
  onFailure: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  // Typed digit by digit, a date input holds passing dates (year 0002…): it is saved when left or on Enter.
  const [due, setDue] = useState(action.dueDate);
  useEffect(() => setDue(action.dueDate), [action.dueDate]);
  // The status chosen shows at once: while it is saved the select keeps it instead of flicking back to the stored one.
  const [status, setStatus] = useState(action.status);
  useEffect(() => setStatus(action.status), [action.status]);
  const commitDue = () => {
    if (due && due !== action.dueDate) save({ dueDate: due });
  };
  const save = (body: { status?: ImprovementStatus; dueDate?: string }) => {
    setSaving(true);
    planApi
      .update(action.id, body)
      .then(onChanged, (error: unknown) => {
        setDue(action.dueDate);
        setStatus(action.status);
        onFailure(error);
      })
      .finally(() => setSaving(false));
  };
  const short = action.action.length > 40 ? `${action.action.slice(0, 40)}…` : action.action;
  return (
    <tr
      data-testid="plan-row"
      data-action-id={action.id}
      data-overdue={action.overdue ? 'true' : 'false'}
      class={action.overdue ? 'event-overdue' : undefined}
    >
      <td class="mono">
        {canWrite ? (
          <input
            type="date"
            aria-label={t('plan.dueOf', { action: short })}
            value={due}
            disabled={saving}
            onInput={(e) => setDue(e.currentTarget.value)}
            onBlur={commitDue}
            onKeyDown={(e) => e.key === 'Enter' && commitDue()}
          />
        ) : (
          action.dueDate
        )}
        {action.overdue && (
          <>
            {' '}
            <strong class="plan-overdue-badge">{t('plan.overdue')}</strong>
          </>
        )}
      </td>
      <td>{action.exerciseTitle}</td>
      <td>{action.objectiveRef ?? '—'}</td>
      <td class="plan-action-text">{action.action}</td>
      <td>{t(`plan.capability.${action.capabilityElement}`)}</td>
      <td>
        {action.responsible}
        {action.pointOfContact && <div class="hint">{action.pointOfContact}</div>}
      </td>
      <td>
        {[
          action.memberState,
          action.ministry ? t(`plan.ministry.${action.ministry}`) : null,
          action.commandPostId ? posts.get(action.commandPostId)?.code : null,
        ]
          .filter(Boolean)
          .join(' · ') || '—'}
      </td>
      <td>
        {canWrite ? (
          <select
            aria-label={t('plan.statusOf', { action: short })}
            value={status}
            disabled={saving}
            onChange={(e) => {
              const chosen = e.currentTarget.value as ImprovementStatus;
              setStatus(chosen);
              save({ status: chosen });
            }}
          >
            {IMPROVEMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`plan.status.${s}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`plan.status.${action.status}`)
        )}
      </td>
    </tr>
  );
}

function byMinistry(a: ImprovementActionView, b: ImprovementActionView): number {
  const rank = (x: ImprovementActionView) => (x.ministry ? MINISTRIES.indexOf(x.ministry) : MINISTRIES.length);
  return (a.memberState ?? '~').localeCompare(b.memberState ?? '~') || rank(a) - rank(b) || a.dueDate.localeCompare(b.dueDate);
}

/** `#/plan`: the corrective actions across exercises, their counts per ministry, filters, the XLSX export and (for writers) a new action. */
export function PlanPage({ session }: { session: Session }) {
  const { t, lang } = useI18n();
  const role = session.user.role;
  const canWrite = WRITERS.includes(role);
  const [filters, setFilters] = useState<ImprovementActionFilters>({});
  const [order, setOrder] = useState<Order>('due');
  const [actions, setActions] = useState<ImprovementActionView[] | null>(null);
  const [summary, setSummary] = useState<ImprovementSummaryRow[]>([]);
  const [exercises, setExercises] = useState<ExerciseSummaryView[]>([]);
  const [posts, setPosts] = useState<CommandPostView[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const [exporting, setExporting] = useState(false);
  const [version, setVersion] = useState(0);
  const addButton = useRef<HTMLButtonElement>(null);
  const wasAdding = useRef(false);
  // The form closed (added or cancelled): the keyboard goes back to the button that opened it.
  useEffect(() => {
    if (wasAdding.current && !adding) addButton.current?.focus();
    wasAdding.current = adding;
  }, [adding]);

  useEffect(() => {
    void api.exercises().then(setExercises, setFailure);
    void api.commandPosts().then((list) => setPosts([...list].sort((a, b) => a.code.localeCompare(b.code))), setFailure);
  }, []);
  useEffect(() => {
    let live = true;
    Promise.all([planApi.list(filters), planApi.summary(filters)]).then(([list, counts]) => {
      if (!live) return;
      setActions(list);
      setSummary(counts);
    }, setFailure);
    return () => {
      live = false;
    };
  }, [filters, version]);

  const setFilter = <K extends keyof ImprovementActionFilters>(key: K, value: ImprovementActionFilters[K] | '') =>
    setFilters((f) => {
      const next = { ...f };
      if (value === '' || value === undefined || value === false) delete next[key];
      else next[key] = value;
      return next;
    });
  const memberStates = [
    ...new Set([...posts.map((p) => p.memberState), ...summary.map((s) => s.memberState).filter((m): m is string => !!m)]),
  ].sort();
  const postById = new Map(posts.map((p) => [p.id, p]));
  const shown = actions ? (order === 'ministry' ? [...actions].sort(byMinistry) : actions) : null;
  const changed = (updated: ImprovementActionView) => {
    setNotice(t('plan.updated'));
    setFailure(null);
    setActions((list) => list && list.map((a) => (a.id === updated.id ? updated : a)));
    setVersion((v) => v + 1);
  };
  const exportXlsx = () => {
    setExporting(true);
    setFailure(null);
    planApi
      .exportXlsx(filters, lang)
      .catch(setFailure)
      .finally(() => setExporting(false));
  };

  const nav = staffNav(role, t, 'plan');

  return (
    <Layout title={t('plan.title')} nav={nav}>
      <section class="panel" aria-labelledby="plan-summary-heading">
        <div class="panel-head">
          <h1 id="plan-summary-heading">{t('plan.title')}</h1>
          <div class="panel-actions">
            {canWrite && !adding && (
              <button type="button" class="btn btn-primary" ref={addButton} onClick={() => setAdding(true)}>
                {t('plan.add')}
              </button>
            )}
            <button type="button" class="btn" onClick={exportXlsx} disabled={exporting}>
              {exporting ? t('plan.exporting') : t('plan.export')}
            </button>
          </div>
        </div>
        <ErrorMessage error={failure} />
        <p role="status" class="hint">
          {notice}
        </p>
        <h2>{t('plan.summary')}</h2>
        <SummaryTable rows={summary} />
      </section>

      {adding && (
        <ActionForm
          exercises={exercises}
          posts={posts}
          initialExerciseId={filters.exerciseId ?? ''}
          onCancel={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            setNotice(t('plan.created'));
            setVersion((v) => v + 1);
          }}
        />
      )}

      <section class="panel" aria-labelledby="plan-actions-heading">
        <h2 id="plan-actions-heading">{t('plan.actions')}</h2>
        <fieldset class="form-row plan-filters">
          <legend class="visually-hidden">{t('plan.filters')}</legend>
          <label class="field">
            <span>{t('plan.filter.exercise')}</span>
            <select name="filter-exercise" value={filters.exerciseId ?? ''} onChange={(e) => setFilter('exerciseId', e.currentTarget.value)}>
              <option value="">{t('plan.filter.any')}</option>
              {exercises.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('plan.filter.status')}</span>
            <select
              name="filter-status"
              value={filters.status ?? ''}
              onChange={(e) => setFilter('status', e.currentTarget.value as ImprovementStatus | '')}
            >
              <option value="">{t('plan.filter.any')}</option>
              {IMPROVEMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`plan.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('plan.filter.ministry')}</span>
            <select
              name="filter-ministry"
              value={filters.ministry ?? ''}
              onChange={(e) => setFilter('ministry', e.currentTarget.value as Ministry | '')}
            >
              <option value="">{t('plan.filter.any')}</option>
              {MINISTRIES.map((m) => (
                <option key={m} value={m}>
                  {t(`plan.ministry.${m}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('plan.filter.memberState')}</span>
            <select name="filter-member-state" value={filters.memberState ?? ''} onChange={(e) => setFilter('memberState', e.currentTarget.value)}>
              <option value="">{t('plan.filter.any')}</option>
              {memberStates.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('plan.sort')}</span>
            <select name="order" value={order} onChange={(e) => setOrder(e.currentTarget.value as Order)}>
              <option value="due">{t('plan.sort.due')}</option>
              <option value="ministry">{t('plan.sort.ministry')}</option>
            </select>
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              name="filter-overdue"
              checked={filters.overdue === true}
              onChange={(e) => setFilter('overdue', e.currentTarget.checked)}
            />{' '}
            {t('plan.filter.overdue')}
          </label>
        </fieldset>
        {!shown ? (
          failure ? null : (
            <Loading />
          )
        ) : shown.length === 0 ? (
          <p class="empty">{t('plan.none')}</p>
        ) : (
          <ScrollRegion label={t('plan.title')}>
            <p class="hint" aria-live="polite">
              {t('plan.count', { count: shown.length })}
            </p>
            <table class="list-table" data-testid="plan-table">
              <thead>
                <tr>
                  <th scope="col">{t('plan.field.dueDate')}</th>
                  <th scope="col">{t('plan.field.exercise')}</th>
                  <th scope="col">{t('plan.field.objective')}</th>
                  <th scope="col">{t('plan.field.action')}</th>
                  <th scope="col">{t('plan.field.capabilityElement')}</th>
                  <th scope="col">{t('plan.field.responsible')}</th>
                  <th scope="col">{t('plan.filter.ministry')}</th>
                  <th scope="col">{t('plan.field.status')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((action) => (
                  <ActionRow key={action.id} action={action} canWrite={canWrite} posts={postById} onChanged={changed} onFailure={setFailure} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </Layout>
  );
}

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Objective } from '@excon/domain';
import { EVALUATION_LIMITS } from '@excon/domain';
import { MSEL_LIMITS } from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { ErrorMessage, Field } from '../common/ui';
import { useI18n, type Translate } from '../i18n/i18n';
import { REF } from './inject-form';
import { moveItem, objectiveOf, type Row } from './objective-rows';

/** Errors keyed as the server names them: `objectives` (the list) and `objectives[i].ref` / `objectives[i].title`. */
type Errors = Record<string, string>;

let nextKey = 1;
const rowsOf = (objectives: Objective[]): Row[] =>
  objectives.map((o) => ({
    key: nextKey++,
    ref: o.ref,
    title: o.title,
    capabilityTarget: o.capabilityTarget ?? '',
    tasks: (o.criticalTasks ?? []).map((text) => ({ key: nextKey++, text })),
  }));

function validate(rows: Row[], t: Translate): Errors {
  const errors: Errors = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const ref = row.ref.trim();
    if (!REF.test(ref)) errors[`objectives[${i}].ref`] = t('validation.ref');
    else if (seen.has(ref)) errors[`objectives[${i}].ref`] = t('objective.duplicate');
    seen.add(ref);
    if (!row.title.trim()) errors[`objectives[${i}].title`] = t('validation.required');
  });
  return errors;
}

/** The scenario's objectives ({ref, title}): injects name them, evaluators rate against them. Saved as a whole list. */
export function ObjectivesEditor({
  objectives,
  injects,
  save,
}: {
  objectives: Objective[];
  /** The MSEL's injects: which objectives they name. */
  injects: { ref: string; objectiveRefs: string[] }[];
  save: (objectives: Objective[]) => Promise<void>;
}) {
  const { t } = useI18n();
  const [rows, setRows] = useState(() => rowsOf(objectives));
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  /** A row whose ref input takes the focus after the next render (a row just added or the one after a removed row). */
  const focusRow = useRef<number | null>(null);
  const savedKey = JSON.stringify(objectives);
  useEffect(() => setRows(rowsOf(objectives)), [savedKey]);
  // A layout effect, not an effect: the focus moves in the same task as the render, before the next key event; an
  // effect waits for the next frame and the keys typed meanwhile land on the button that was pressed.
  useLayoutEffect(() => {
    if (focusRow.current === null) return;
    const index = focusRow.current;
    focusRow.current = null;
    const target = listRef.current?.querySelectorAll<HTMLInputElement>('input[name="objectiveRef"]')[index];
    (target ?? addRef.current)?.focus();
  });

  const namedBy = (ref: string) => injects.filter((i) => i.objectiveRefs.includes(ref.trim())).map((i) => i.ref);
  const edit = (key: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };
  const add = () => {
    setSaved(false);
    focusRow.current = rows.length;
    setRows([...rows, { key: nextKey++, ref: '', title: '', capabilityTarget: '', tasks: [] }]);
  };
  const remove = (index: number) => {
    setSaved(false);
    setErrors({});
    focusRow.current = index < rows.length - 1 ? index : index - 1;
    if (focusRow.current < 0) focusRow.current = Number.MAX_SAFE_INTEGER; // none left: the Add button
    setRows(rows.filter((_, i) => i !== index));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate(rows, t);
    setErrors(found);
    setFailure(null);
    setSaved(false);
    if (Object.keys(found).length) return focusFirstError();
    setBusy(true);
    try {
      await save(rows.map(objectiveOf));
      setSaved(true);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400 && error.body.details?.length) {
        setErrors(serverErrors(error));
        focusFirstError();
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const focusFirstError = () =>
    requestAnimationFrame(() =>
      listRef.current?.closest('form')?.querySelector<HTMLElement>('input[aria-invalid="true"], button[aria-invalid="true"]')?.focus(),
    );

  const listError = errors.objectives;
  return (
    <form class="objectives-form" onSubmit={(e) => void submit(e)} noValidate data-testid="objectives-form" aria-labelledby="objectives-heading">
      <h2 id="objectives-heading">
        {t('objective.heading')} <span class="count">{objectives.length}</span>
      </h2>
      <div class="objective-rows" ref={listRef}>
        {rows.length === 0 && <p class="empty">{t('objective.none')}</p>}
        {rows.map((row, i) => {
          const users = namedBy(row.ref);
          return (
            <div class="objective-row" key={row.key} data-objective={row.ref}>
              <Field label={t('objective.ref')} error={errors[`objectives[${i}].ref`] ?? errors[`objectives[${i}]`]} class="narrow">
                {(c) => (
                  <input
                    {...c}
                    name="objectiveRef"
                    value={row.ref}
                    maxLength={MSEL_LIMITS.refMaxLength}
                    autoComplete="off"
                    onInput={(e) => edit(row.key, { ref: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field
                label={t('objective.title')}
                error={errors[`objectives[${i}].title`]}
                hint={users.length ? t('objective.usedBy', { refs: users.join(', ') }) : undefined}
                class="wide"
              >
                {(c) => (
                  <input
                    {...c}
                    name="objectiveTitle"
                    value={row.title}
                    maxLength={MSEL_LIMITS.objectiveTitleMaxLength}
                    onInput={(e) => edit(row.key, { title: e.currentTarget.value })}
                  />
                )}
              </Field>
              <ObjectiveDetails
                row={row}
                index={i}
                errors={errors}
                onTarget={(capabilityTarget) => edit(row.key, { capabilityTarget })}
                onTasks={(update) => {
                  setSaved(false);
                  setRows((list) => list.map((r) => (r.key === row.key ? { ...r, tasks: update(r.tasks) } : r)));
                }}
              />
              <button
                type="button"
                class="btn btn-small objective-remove"
                onClick={() => remove(i)}
                aria-label={t('objective.remove', { name: row.ref.trim() || t('objective.number', { n: i + 1 }) })}
                title={t('common.delete')}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>
          );
        })}
      </div>
      {listError && (
        <p class="error-message" role="alert" id="objectives-error">
          {listError}
        </p>
      )}
      <ErrorMessage error={failure} />
      <div class="form-actions">
        <button type="button" class="btn" ref={addRef} onClick={add} disabled={rows.length >= MSEL_LIMITS.maxObjectives}>
          {t('objective.add')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy} aria-describedby={listError ? 'objectives-error' : undefined}>
          {busy ? t('common.saving') : t('objective.save')}
        </button>
        {saved && <span role="status">{t('objective.saved')}</span>}
      </div>
    </form>
  );
}

/** The server's 400 details by field: `objectives[2].ref` stays as is; anything else about the list goes to `objectives`. */
function serverErrors(error: ApiRequestError): Errors {
  const errors: Errors = {};
  for (const { field, message } of error.body.details ?? []) {
    const task = /^(objectives\[\d+\]\.criticalTasks)(\[\d+\])?$/.exec(field);
    const key = task ? task[1] : /^objectives\[\d+\](\.(ref|title|capabilityTarget))?$/.test(field) ? field : 'objectives';
    errors[key] ??= key === 'objectives' && field !== 'objectives' ? `${field}: ${message}` : message;
  }
  return errors;
}

/** An objective's capability target and its critical tasks: add, remove and reorder by keyboard or buttons. */
function ObjectiveDetails({
  row,
  index,
  errors,
  onTarget,
  onTasks,
}: {
  row: Row;
  index: number;
  errors: Errors;
  onTarget: (value: string) => void;
  /** Changes the tasks from their current value (not the value of this render: keys may arrive before it re-renders). */
  onTasks: (update: (tasks: Row['tasks']) => Row['tasks']) => void;
}) {
  const { t } = useI18n();
  const listRef = useRef<HTMLOListElement>(null);
  /** The task whose input takes the focus after the next render. */
  const focusTask = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focusTask.current === null) return;
    const at = focusTask.current;
    focusTask.current = null;
    listRef.current?.querySelectorAll<HTMLInputElement>('input[name="criticalTask"]')[at]?.focus();
  });
  const tasks = row.tasks;
  const addAt = (at: number) => {
    focusTask.current = at;
    onTasks((list) => [...list.slice(0, at), { key: nextKey++, text: '' }, ...list.slice(at)]);
  };
  const move = (from: number, to: number) => {
    if (moveItem(tasks, from, to) === tasks) return;
    focusTask.current = Math.max(0, Math.min(tasks.length - 1, to));
    onTasks((list) => moveItem(list, from, to));
  };
  const remove = (at: number) => {
    focusTask.current = tasks.length > 1 ? Math.min(at, tasks.length - 2) : null;
    onTasks((list) => list.filter((_, i) => i !== at));
  };
  const keys = (event: KeyboardEvent, at: number) => {
    if (event.altKey && event.key === 'ArrowUp') move(at, at - 1);
    else if (event.altKey && event.key === 'ArrowDown') move(at, at + 1);
    else if (event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey) addAt(at + 1);
    else return;
    event.preventDefault();
  };
  const tasksError = errors[`objectives[${index}].criticalTasks`];
  return (
    <div class="objective-details">
      <Field
        label={t('objectiveEditor.capabilityTarget')}
        hint={t('objectiveEditor.capabilityTargetHint')}
        error={errors[`objectives[${index}].capabilityTarget`]}
      >
        {(c) => (
          <textarea
            {...c}
            name="capabilityTarget"
            rows={2}
            value={row.capabilityTarget}
            maxLength={EVALUATION_LIMITS.capabilityTargetMaxLength}
            onInput={(e) => onTarget(e.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset class="critical-tasks" aria-describedby={`tasks-keys-${row.key}`}>
        <legend>{t('objectiveEditor.criticalTasks')}</legend>
        <ol class="task-list" ref={listRef}>
          {tasks.map((task, i) => (
            <li key={task.key} class="task-row">
              <input
                name="criticalTask"
                value={task.text}
                aria-label={t('objectiveEditor.task', { n: i + 1 })}
                maxLength={EVALUATION_LIMITS.criticalTaskMaxLength}
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  onTasks((list) => list.map((x) => (x.key === task.key ? { ...x, text } : x)));
                }}
                onKeyDown={(e) => keys(e, i)}
              />
              <button
                type="button"
                class="btn btn-small"
                aria-label={t('objectiveEditor.moveUp', { n: i + 1 })}
                disabled={i === 0}
                onClick={() => move(i, i - 1)}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                class="btn btn-small"
                aria-label={t('objectiveEditor.moveDown', { n: i + 1 })}
                disabled={i === tasks.length - 1}
                onClick={() => move(i, i + 1)}
              >
                <span aria-hidden="true">↓</span>
              </button>
              <button type="button" class="btn btn-small" aria-label={t('objectiveEditor.removeTask', { n: i + 1 })} onClick={() => remove(i)}>
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ol>
        {tasksError && <p class="field-error">{tasksError}</p>}
        <p class="hint" id={`tasks-keys-${row.key}`}>
          {t('objectiveEditor.taskKeys')}
        </p>
        <button type="button" class="btn btn-small" onClick={() => addAt(tasks.length)} disabled={tasks.length >= EVALUATION_LIMITS.criticalTasksMax}>
          {t('objectiveEditor.addTask')}
        </button>
      </fieldset>
    </div>
  );
}

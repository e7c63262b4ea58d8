import { useEffect, useRef, useState } from 'preact/hooks';
import type { CommandPostView, ExerciseSummaryView, ImprovementActionInput, ImprovementActionView, ObservationView } from '@excon/contracts';
import type { Objective } from '@excon/domain';
import {
  CAPABILITY_ELEMENTS,
  IMPROVEMENT_STATUSES,
  type CapabilityElement,
  type ImprovementStatus,
} from '@excon/domain/evaluation/evaluation-vocabulary';
import { MINISTRIES, type Ministry } from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { planApi } from '../api/plan-api';
import { ErrorMessage, Field } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { postName } from '../common/post-names';

interface Draft {
  exerciseId: string;
  objectiveRef: string;
  observationId: string;
  action: string;
  capabilityElement: CapabilityElement;
  responsible: string;
  commandPostId: string;
  memberState: string;
  ministry: Ministry | '';
  pointOfContact: string;
  startDate: string;
  dueDate: string;
  status: ImprovementStatus;
}

const EMPTY: Omit<Draft, 'exerciseId'> = {
  objectiveRef: '',
  observationId: '',
  action: '',
  capabilityElement: 'planning',
  responsible: '',
  commandPostId: '',
  memberState: '',
  ministry: '',
  pointOfContact: '',
  startDate: '',
  dueDate: '',
  status: 'open',
};

/** An empty text is "not given": the server then defaults it (member state and ministry from the post). */
function toInput(draft: Draft): ImprovementActionInput {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    exerciseId: draft.exerciseId,
    objectiveRef: optional(draft.objectiveRef),
    observationId: optional(draft.observationId),
    action: draft.action.trim(),
    capabilityElement: draft.capabilityElement,
    responsible: draft.responsible.trim(),
    commandPostId: optional(draft.commandPostId),
    memberState: optional(draft.memberState.toUpperCase()),
    ministry: draft.ministry === '' ? undefined : draft.ministry,
    pointOfContact: optional(draft.pointOfContact),
    startDate: optional(draft.startDate),
    dueDate: draft.dueDate,
    status: draft.status,
  };
}

/** The form of a new corrective action: every field, the objective and area for improvement picked from the exercise's. */
export function ActionForm({
  exercises,
  posts,
  initialExerciseId,
  onCreated,
  onCancel,
}: {
  exercises: ExerciseSummaryView[];
  posts: CommandPostView[];
  initialExerciseId: string;
  onCreated: (action: ImprovementActionView) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<Draft>({ exerciseId: initialExerciseId || exercises[0]?.id || '', ...EMPTY });
  const [objectives, setObjectives] = useState<Objective[]>([]);
  const [areas, setAreas] = useState<ObservationView[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from the "Add" button: the keyboard and a screen reader land on the form.
  useEffect(() => heading.current?.focus(), []);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  useEffect(() => {
    setObjectives([]);
    setAreas(null);
    if (!draft.exerciseId) return;
    let live = true;
    planApi.objectives(draft.exerciseId).then((list) => live && setObjectives(list), setFailure);
    planApi.areasForImprovement(draft.exerciseId).then((list) => live && setAreas(list), setFailure);
    return () => {
      live = false;
    };
  }, [draft.exerciseId]);

  const submit = (event: Event) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFailure(null);
    planApi
      .create(toInput(draft))
      .then(onCreated, (error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 400 && error.body.details?.length) setErrors(error.fieldErrors());
        else setFailure(error);
      })
      .finally(() => setSaving(false));
  };

  return (
    <form class="panel plan-form" aria-labelledby="plan-form-heading" onSubmit={submit} noValidate data-testid="plan-form">
      <h2 id="plan-form-heading" tabIndex={-1} ref={heading}>
        {t('plan.addTitle')}
      </h2>
      <ErrorMessage error={failure} />
      <div class="form-row">
        <Field label={t('plan.field.exercise')} error={errors.exerciseId}>
          {(control) => (
            <select
              {...control}
              name="exerciseId"
              value={draft.exerciseId}
              onChange={(e) => setDraft((d) => ({ ...d, exerciseId: e.currentTarget.value, objectiveRef: '', observationId: '' }))}
            >
              {exercises.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.field.objective')} error={errors.objectiveRef}>
          {(control) => (
            <select {...control} name="objectiveRef" value={draft.objectiveRef} onChange={(e) => set('objectiveRef', e.currentTarget.value)}>
              <option value="">{t('plan.none.option')}</option>
              {objectives.map((o) => (
                <option key={o.ref} value={o.ref}>
                  {o.ref} {o.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={t('plan.field.observation')}
          error={errors.observationId}
          class="wide"
          hint={areas !== null && areas.length === 0 ? t('plan.noAreas') : undefined}
        >
          {(control) => (
            <select {...control} name="observationId" value={draft.observationId} onChange={(e) => set('observationId', e.currentTarget.value)}>
              <option value="">{t('plan.none.option')}</option>
              {(areas ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.text.length > 90 ? `${o.text.slice(0, 90)}…` : o.text}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('plan.field.action')} error={errors.action} class="wide">
        {(control) => (
          <textarea {...control} name="action" rows={3} required value={draft.action} onInput={(e) => set('action', e.currentTarget.value)} />
        )}
      </Field>
      <div class="form-row">
        <Field label={t('plan.field.capabilityElement')} error={errors.capabilityElement}>
          {(control) => (
            <select
              {...control}
              name="capabilityElement"
              value={draft.capabilityElement}
              onChange={(e) => set('capabilityElement', e.currentTarget.value as CapabilityElement)}
            >
              {CAPABILITY_ELEMENTS.map((c) => (
                <option key={c} value={c}>
                  {t(`plan.capability.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.field.responsible')} error={errors.responsible}>
          {(control) => (
            <input {...control} name="responsible" required value={draft.responsible} onInput={(e) => set('responsible', e.currentTarget.value)} />
          )}
        </Field>
        <Field label={t('plan.field.commandPost')} error={errors.commandPostId}>
          {(control) => (
            <select {...control} name="commandPostId" value={draft.commandPostId} onChange={(e) => set('commandPostId', e.currentTarget.value)}>
              <option value="">{t('plan.none.option')}</option>
              {posts.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} {postName(p, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('plan.field.memberState')} error={errors.memberState} hint={t('plan.field.memberStateHint')} class="narrow">
          {(control) => (
            <input
              {...control}
              name="memberState"
              maxLength={2}
              autoComplete="off"
              value={draft.memberState}
              onInput={(e) => set('memberState', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('plan.field.ministry')} error={errors.ministry}>
          {(control) => (
            <select {...control} name="ministry" value={draft.ministry} onChange={(e) => set('ministry', e.currentTarget.value as Ministry | '')}>
              <option value="">{t('plan.none.option')}</option>
              {MINISTRIES.map((m) => (
                <option key={m} value={m}>
                  {t(`plan.ministry.${m}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('plan.field.pointOfContact')} error={errors.pointOfContact}>
          {(control) => (
            <input {...control} name="pointOfContact" value={draft.pointOfContact} onInput={(e) => set('pointOfContact', e.currentTarget.value)} />
          )}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('plan.field.startDate')} error={errors.startDate}>
          {(control) => (
            <input {...control} type="date" name="startDate" value={draft.startDate} onInput={(e) => set('startDate', e.currentTarget.value)} />
          )}
        </Field>
        <Field label={t('plan.field.dueDate')} error={errors.dueDate}>
          {(control) => (
            <input {...control} type="date" name="dueDate" required value={draft.dueDate} onInput={(e) => set('dueDate', e.currentTarget.value)} />
          )}
        </Field>
        <Field label={t('plan.field.status')} error={errors.status}>
          {(control) => (
            <select {...control} name="status" value={draft.status} onChange={(e) => set('status', e.currentTarget.value as ImprovementStatus)}>
              {IMPROVEMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`plan.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={saving}>
          {t('plan.create')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

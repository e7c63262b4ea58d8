import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { AdHocInjectRequest, CommandPostView, InjectInput, InjectView, PostGroupView } from '@excon/contracts';
import type { Objective } from '@excon/domain';
import {
  INJECT_KINDS,
  MEDIA_FORMATS,
  MSEL_LIMITS,
  MSEL_REF_PATTERN,
  PRECEDENCES,
  type InjectKind,
  type Language,
  type MediaFormat,
  type Precedence,
} from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { formatScenarioTime, parseScenarioTime } from '../common/time';
import { ErrorMessage, Field } from '../common/ui';
import { useI18n, type Translate } from '../i18n/i18n';
import { GroupPicker, PostPicker } from './post-picker';

/** The server's rule (libs/domain): letters of any script, digits, ".", "_", "/" or "-", starting with a letter or digit. */
export const REF = MSEL_REF_PATTERN;

interface Draft {
  ref: string;
  offset: string;
  precedence: Precedence;
  from: string;
  title: string;
  body: string;
  otherTitle: string;
  otherBody: string;
  targets: string[];
  targetGroups: string[];
  expectedAction: string;
  controllerNotes: string;
  ackWithin: string;
  respondWithin: string;
  contingency: boolean;
  contingencyRef: string;
  objectiveRefs: string[];
  kind: InjectKind;
  outlet: string;
  mediaFormat: MediaFormat;
  /** An image attachment's id, or ''. */
  logo: string;
}

type DraftField = keyof Draft;
export type FormErrors = Partial<Record<DraftField | 'form', string>>;

const duration = (seconds: number | null | undefined) => (seconds ? formatScenarioTime(seconds).slice(2) : '');

function draftOf(inject: InjectView | undefined, other: Language): Draft {
  return {
    ref: inject?.ref ?? '',
    offset: inject ? formatScenarioTime(inject.offsetSeconds) : '',
    precedence: inject?.precedence ?? 'routine',
    from: inject?.from ?? '',
    title: inject?.title ?? '',
    body: inject?.body ?? '',
    otherTitle: inject?.translations[other]?.title ?? '',
    otherBody: inject?.translations[other]?.body ?? '',
    targets: inject?.targets ?? [],
    targetGroups: inject?.targetGroups ?? [],
    expectedAction: inject?.expectedAction ?? '',
    controllerNotes: inject?.controllerNotes ?? '',
    ackWithin: duration(inject?.ackWithinSeconds),
    respondWithin: duration(inject?.respondWithinSeconds),
    contingency: inject?.contingency ?? false,
    contingencyRef: inject?.contingencyRef ?? '',
    objectiveRefs: inject?.objectiveRefs ?? [],
    kind: inject?.kind ?? 'message',
    outlet: inject?.media?.outlet ?? '',
    mediaFormat: inject?.media?.format ?? 'article',
    logo: inject?.media?.outletLogoAttachmentId ?? '',
  };
}

/** Server field names → form fields (`translations.en.title` → otherTitle when English is the other language). */
function serverField(field: string, other: Language): DraftField | null {
  const map: Record<string, DraftField> = {
    ref: 'ref',
    offsetSeconds: 'offset',
    precedence: 'precedence',
    from: 'from',
    title: 'title',
    body: 'body',
    targets: 'targets',
    targetGroups: 'targetGroups',
    expectedAction: 'expectedAction',
    controllerNotes: 'controllerNotes',
    ackWithinSeconds: 'ackWithin',
    respondWithinSeconds: 'respondWithin',
    contingency: 'contingency',
    contingencyRef: 'contingencyRef',
    objectiveRefs: 'objectiveRefs',
    kind: 'kind',
    media: 'outlet',
    'media.outlet': 'outlet',
    'media.format': 'mediaFormat',
    'media.outletLogoAttachmentId': 'logo',
    [`translations.${other}.title`]: 'otherTitle',
    [`translations.${other}.body`]: 'otherBody',
    [`translations.${other}`]: 'otherTitle',
  };
  return map[field] ?? null;
}

export function mapServerErrors(error: ApiRequestError, other: Language): FormErrors {
  const errors: FormErrors = {};
  const rest: string[] = [];
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    const target = serverField(field, other);
    if (target) errors[target] ??= message;
    else rest.push(`${field}: ${message}`);
  }
  if (rest.length || !Object.keys(errors).length) errors.form = rest.length ? rest.join('; ') : error.body.message;
  return errors;
}

function validate(draft: Draft, adHoc: boolean, t: Translate, withGroups: boolean): { errors: FormErrors; input?: InjectInput | AdHocInjectRequest } {
  const errors: FormErrors = {};
  if (!REF.test(draft.ref.trim())) errors.ref = t('validation.ref');
  let offsetSeconds: number | undefined;
  if (draft.offset.trim() || !adHoc) {
    const parsed = parseScenarioTime(draft.offset);
    if (parsed === null) errors.offset = t('validation.offset');
    else if (parsed > MSEL_LIMITS.maxOffsetSeconds) errors.offset = t('validation.offsetMax');
    else offsetSeconds = parsed;
  }
  if (!draft.title.trim()) errors.title = t('validation.required');
  if (!draft.body.trim()) errors.body = t('validation.required');
  if (draft.otherTitle.trim() && !draft.otherBody.trim()) errors.otherBody = t('validation.translationPair');
  if (!draft.otherTitle.trim() && draft.otherBody.trim()) errors.otherTitle = t('validation.translationPair');
  if (!draft.targets.length && !(withGroups && draft.targetGroups.length))
    errors.targets = t(withGroups ? 'validation.targetsOrGroups' : 'validation.targets');
  const deadline = (text: string, field: 'ackWithin' | 'respondWithin'): number | null => {
    if (!text.trim()) return null;
    const seconds = parseScenarioTime(text);
    if (seconds === null || seconds < 1 || seconds > MSEL_LIMITS.maxDeadlineSeconds) errors[field] = t('validation.duration');
    return seconds;
  };
  if (draft.kind === 'media' && !draft.outlet.trim()) errors.outlet = t('validation.required');
  const ackWithinSeconds = deadline(draft.ackWithin, 'ackWithin');
  const respondWithinSeconds = deadline(draft.respondWithin, 'respondWithin');
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      ref: draft.ref.trim(),
      ...(offsetSeconds === undefined ? {} : { offsetSeconds }),
      title: draft.title.trim(),
      body: draft.body.trim(),
      targets: draft.targets,
      // Ad-hoc injects target posts only; a scenario's inject may also name groups, expanded when an exercise is created.
      ...(withGroups ? { targetGroups: draft.targetGroups } : {}),
      precedence: draft.precedence,
      from: draft.from.trim(),
      expectedAction: draft.expectedAction.trim(),
      controllerNotes: draft.controllerNotes.trim(),
      ackWithinSeconds,
      respondWithinSeconds,
      kind: draft.kind,
      media: draft.kind === 'media' ? { outlet: draft.outlet.trim(), format: draft.mediaFormat, outletLogoAttachmentId: draft.logo || null } : null,
    },
  };
}

export interface InjectFormProps {
  posts: CommandPostView[];
  /** The scenario's language: title and body are in it; the other language goes to `translations`. */
  language: Language;
  inject?: InjectView;
  /** An ad-hoc inject during the run: no offset means "fire now"; no contingency fields. */
  adHoc?: boolean;
  /** Refs of contingency injects this inject may release. */
  contingencyRefs?: string[];
  /** The scenario's objectives, for the inject to name (left out: the form has no objectives). */
  objectives?: Objective[];
  /** Post groups the inject may target besides posts (left out: posts only, as for ad-hoc injects). */
  groups?: PostGroupView[];
  submitLabel: string;
  onSubmit: (input: InjectInput | AdHocInjectRequest) => Promise<void>;
  onCancel?: () => void;
}

/** One inject, as the MSEL editor and the ad-hoc composer write it; errors are shown at their field. */
export function InjectForm({
  posts,
  language,
  inject,
  adHoc = false,
  contingencyRefs = [],
  objectives,
  groups,
  submitLabel,
  onSubmit,
  onCancel,
}: InjectFormProps) {
  const { t } = useI18n();
  const other: Language = language === 'ru' ? 'en' : 'ru';
  const [draft, setDraft] = useState(() => draftOf(inject, other));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // A reload of the scenario (another inject saved, objectives edited) must not wipe what is being typed: reset only when this inject changed.
  useEffect(() => setDraft(draftOf(inject, other)), [inject ? JSON.stringify(inject) : '', other]);

  const set = <K extends DraftField>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  /** The inject's pictures, one of which may be a media inject's outlet logo. */
  const images = (inject?.attachments ?? []).filter((file) => file.contentType.startsWith('image/'));
  const text = (key: DraftField) => ({
    name: key,
    value: draft[key] as string,
    onInput: (e: Event) => set(key, (e.currentTarget as HTMLInputElement).value),
  });

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>(
          'input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"], fieldset[aria-invalid="true"] input',
        )
        ?.focus(),
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    const { errors: found, input } = validate(draft, adHoc, t, groups !== undefined);
    if (!input) {
      setErrors(found);
      focusFirstError();
      return;
    }
    const full = {
      ...input,
      translations: draft.otherTitle.trim() ? { [other]: { title: draft.otherTitle.trim(), body: draft.otherBody.trim() } } : {},
      ...(adHoc ? {} : { contingency: draft.contingency, contingencyRef: draft.contingencyRef || null }),
      ...(objectives ? { objectiveRefs: draft.objectiveRefs } : {}),
    };
    setBusy(true);
    setErrors({});
    try {
      await onSubmit(full);
      if (!inject) setDraft(draftOf(undefined, other));
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400) {
        setErrors(mapServerErrors(error, other));
        focusFirstError();
      } else setErrors({ form: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const otherName = t(`language.${other}`);
  const formId = useId();
  // The scenario's contingency injects (never this one), and the one already named even if it lost the mark.
  const choosable = [...new Set([...contingencyRefs, ...(draft.contingencyRef ? [draft.contingencyRef] : [])])].filter(
    (ref) => ref !== draft.ref.trim(),
  );
  return (
    <form class="inject-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid={adHoc ? 'adhoc-form' : 'inject-form'}>
      <div class="form-row">
        <Field label={t('inject.ref')} error={errors.ref} class="narrow">
          {(c) => <input {...c} {...text('ref')} maxLength={32} autoComplete="off" />}
        </Field>
        <Field
          label={adHoc ? t('inject.offsetOptional') : t('inject.offset')}
          error={errors.offset}
          hint={adHoc ? t('inject.offsetAdHocHint') : t('inject.offsetHint')}
          class="narrow"
        >
          {(c) => <input {...c} {...text('offset')} placeholder="T+00:00:00" autoComplete="off" />}
        </Field>
        <Field label={t('inject.precedence')} error={errors.precedence} class="narrow">
          {(c) => (
            <select {...c} name="precedence" value={draft.precedence} onChange={(e) => set('precedence', e.currentTarget.value as Precedence)}>
              {PRECEDENCES.map((p) => (
                <option key={p} value={p}>
                  {t(`precedence.${p}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('inject.from')} error={errors.from}>
          {(c) => <input {...c} {...text('from')} maxLength={MSEL_LIMITS.fromMaxLength} />}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('media.kind')} error={errors.kind} class="narrow">
          {(c) => (
            <select {...c} name="kind" value={draft.kind} onChange={(e) => set('kind', e.currentTarget.value as InjectKind)}>
              {INJECT_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`media.kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.kind === 'media' && (
          <>
            <Field label={t('media.outlet')} error={errors.outlet} hint={t('media.outletHint')}>
              {(c) => <input {...c} {...text('outlet')} maxLength={200} />}
            </Field>
            <Field label={t('media.format')} error={errors.mediaFormat} class="narrow">
              {(c) => (
                <select
                  {...c}
                  name="mediaFormat"
                  value={draft.mediaFormat}
                  onChange={(e) => set('mediaFormat', e.currentTarget.value as MediaFormat)}
                >
                  {MEDIA_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {t(`media.format.${format}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {images.length > 0 && (
              <Field label={t('media.logo')} error={errors.logo} hint={t('media.logoHint')} class="narrow">
                {(c) => (
                  <select {...c} name="logo" value={draft.logo} onChange={(e) => set('logo', e.currentTarget.value)}>
                    <option value="">{t('media.logoNone')}</option>
                    {images.map((file) => (
                      <option key={file.id} value={file.id}>
                        {file.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </>
        )}
      </div>
      <div class="form-row">
        <Field label={t('inject.title', { language: t(`language.${language}`) })} error={errors.title} class="wide">
          {(c) => <input {...c} {...text('title')} maxLength={MSEL_LIMITS.titleMaxLength} />}
        </Field>
        <Field label={t('inject.title', { language: otherName })} error={errors.otherTitle} class="wide">
          {(c) => <input {...c} {...text('otherTitle')} maxLength={MSEL_LIMITS.titleMaxLength} lang={other} />}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('inject.body', { language: t(`language.${language}`) })} error={errors.body} class="wide">
          {(c) => <textarea {...c} {...text('body')} rows={3} maxLength={MSEL_LIMITS.bodyMaxLength} />}
        </Field>
        <Field label={t('inject.body', { language: otherName })} error={errors.otherBody} class="wide">
          {(c) => <textarea {...c} {...text('otherBody')} rows={3} maxLength={MSEL_LIMITS.bodyMaxLength} lang={other} />}
        </Field>
      </div>
      <PostPicker posts={posts} value={draft.targets} onChange={(ids) => set('targets', ids)} error={errors.targets} />
      {groups && <GroupPicker groups={groups} value={draft.targetGroups} onChange={(ids) => set('targetGroups', ids)} error={errors.targetGroups} />}
      <div class="form-row">
        <Field label={t('inject.expectedAction')} error={errors.expectedAction} class="wide">
          {(c) => <input {...c} {...text('expectedAction')} maxLength={MSEL_LIMITS.expectedActionMaxLength} />}
        </Field>
        <Field label={t('inject.ackWithin')} error={errors.ackWithin} hint={t('inject.durationHint')} class="narrow">
          {(c) => <input {...c} {...text('ackWithin')} placeholder="00:05:00" autoComplete="off" />}
        </Field>
        <Field label={t('inject.respondWithin')} error={errors.respondWithin} hint={t('inject.durationHint')} class="narrow">
          {(c) => <input {...c} {...text('respondWithin')} placeholder="00:15:00" autoComplete="off" />}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('inject.controllerNotes')} error={errors.controllerNotes} class="wide">
          {(c) => <textarea {...c} {...text('controllerNotes')} rows={2} maxLength={MSEL_LIMITS.controllerNotesMaxLength} />}
        </Field>
      </div>
      {(objectives || !adHoc) && (
        <div class="form-row">
          {objectives && (
            <ObjectivePicker
              objectives={objectives}
              value={draft.objectiveRefs}
              onChange={(refs) => set('objectiveRefs', refs)}
              error={errors.objectiveRefs}
            />
          )}
          {!adHoc && (
            <fieldset class="contingency-box">
              <legend>{t('inject.contingencyLegend')}</legend>
              <div class={`check-field${errors.contingency ? ' field-invalid' : ''}`}>
                <label class="check">
                  <input
                    type="checkbox"
                    name="contingency"
                    checked={draft.contingency}
                    onChange={(e) => set('contingency', e.currentTarget.checked)}
                    aria-invalid={errors.contingency ? 'true' : undefined}
                    aria-describedby={errors.contingency ? `${formId}-contingency-error` : undefined}
                  />
                  {t('inject.contingency')}
                </label>
                {errors.contingency && (
                  <small id={`${formId}-contingency-error`} class="field-error" role="alert">
                    {errors.contingency}
                  </small>
                )}
              </div>
              <Field
                label={t('inject.contingencyRef')}
                error={errors.contingencyRef}
                hint={choosable.length ? t('inject.contingencyRefHint') : t('inject.contingencyRefNone')}
              >
                {(c) => (
                  <select {...c} name="contingencyRef" value={draft.contingencyRef} onChange={(e) => set('contingencyRef', e.currentTarget.value)}>
                    <option value="">—</option>
                    {choosable.map((ref) => (
                      <option key={ref} value={ref}>
                        {ref}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </fieldset>
          )}
        </div>
      )}
      {errors.form && <ErrorMessage error={new Error(errors.form)} />}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** The objectives an inject serves: one checkbox per objective of the scenario. */
function ObjectivePicker({
  objectives,
  value,
  onChange,
  error,
}: {
  objectives: Objective[];
  value: string[];
  onChange: (refs: string[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const chosen = new Set(value);
  // A ref the inject names but the scenario lost stays listed, so that it can be unticked.
  const listed = [...objectives, ...value.filter((ref) => !objectives.some((o) => o.ref === ref)).map((ref) => ({ ref, title: '' }))];
  const toggle = (ref: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(ref);
    else next.delete(ref);
    onChange(listed.map((o) => o.ref).filter((r) => next.has(r)));
  };
  return (
    <fieldset
      class={`objective-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? 'true' : undefined}
      data-field="objectiveRefs"
    >
      <legend>{t('inject.objectives')}</legend>
      {listed.length === 0 ? (
        <p class="hint">{t('inject.objectivesNone')}</p>
      ) : (
        <div class="picker-groups">
          {listed.map((objective) => (
            <label key={objective.ref} class="check objective-check" title={objective.title || undefined}>
              <input
                type="checkbox"
                name="objectiveRefs"
                value={objective.ref}
                checked={chosen.has(objective.ref)}
                onChange={(e) => toggle(objective.ref, e.currentTarget.checked)}
              />
              <span class="mono">{objective.ref}</span>
              <span class="objective-title">{objective.title || t('inject.objectiveUnknown')}</span>
            </label>
          ))}
        </div>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

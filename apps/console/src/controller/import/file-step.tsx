import { useId } from 'preact/hooks';
import type { CommandPostView, ImportPresetView } from '@excon/contracts';
import { LANGUAGES, type Language } from '@excon/domain/vocabulary';
import { Field } from '../../common/ui';
import { useI18n } from '../../i18n/i18n';
import { postName } from '../../common/post-names';
import { ConfirmButton } from '../confirm-button';
import type { ImportDraft, TargetsMode } from './import-draft';
import type { WizardErrors } from './import-wizard';

export interface FileStepProps {
  draft: ImportDraft;
  file: File | null;
  presets: ImportPresetView[];
  posts: CommandPostView[];
  zones: string[];
  errors: WizardErrors;
  busy: boolean;
  onDraft: (draft: ImportDraft) => void;
  onFile: (file: File | null) => void;
  onPreset: (name: string) => void;
  onDeletePreset: (preset: ImportPresetView) => void;
  onNext: () => void;
}

/** Step 1: the file, a preset, and the options the rows cannot tell (title, language, STARTEX, default targets). */
export function FileStep({ draft, file, presets, posts, zones, errors, busy, onDraft, onFile, onPreset, onDeletePreset, onNext }: FileStepProps) {
  const { t } = useI18n();
  const set = <K extends keyof ImportDraft>(key: K, value: ImportDraft[K]) => onDraft({ ...draft, [key]: value });
  const chosenPreset = presets.find((p) => p.name === draft.presetName);
  return (
    <form
      class="import-form"
      noValidate
      data-testid="import-file-step"
      onSubmit={(e) => {
        e.preventDefault();
        onNext();
      }}
    >
      <Field
        label={t('import.file')}
        error={errors.file}
        hint={
          <>
            {t('import.fileHint')}
            {file && (
              <>
                <br />
                <span data-testid="import-file-name">
                  {t('import.fileChosen', { name: file.name, size: Math.max(1, Math.round(file.size / 1024)) })}
                </span>
              </>
            )}
          </>
        }
      >
        {(c) => <input {...c} type="file" name="file" accept=".xlsx,.csv,.json,.zip" onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)} />}
      </Field>
      {presets.length > 0 && (
        <div class="form-row preset-row">
          <Field label={t('import.preset')} error={errors.preset} hint={t('import.presetHint')}>
            {(c) => (
              <select {...c} name="preset" value={draft.presetName} onChange={(e) => onPreset(e.currentTarget.value)}>
                <option value="">{t('import.presetNone')}</option>
                {presets.map((p) => (
                  <option key={p.id} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {chosenPreset && (
            <ConfirmButton
              class="btn-small"
              label={t('import.presetDelete')}
              confirmLabel={t('common.confirmDelete')}
              onConfirm={() => onDeletePreset(chosenPreset)}
            />
          )}
        </div>
      )}
      <div class="form-row">
        <Field label={t('import.title')} error={errors.title} hint={t('import.titleHint')} class="wide">
          {(c) => <input {...c} name="title" value={draft.title} maxLength={200} onInput={(e) => set('title', e.currentTarget.value)} />}
        </Field>
        <Field label={t('import.language')} error={errors.language} class="narrow">
          {(c) => (
            <select {...c} name="language" value={draft.language} onChange={(e) => set('language', e.currentTarget.value as Language)}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`language.${code}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="form-row">
        <Field label={t('import.startex')} error={errors.startex} hint={t('import.startexHint')}>
          {(c) => (
            <input
              {...c}
              type="datetime-local"
              step={1}
              name="startex"
              value={draft.startex}
              onInput={(e) => set('startex', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('import.timeZone')} error={errors.timeZone}>
          {(c) => (
            <select {...c} name="timeZone" value={draft.timeZone} onChange={(e) => set('timeZone', e.currentTarget.value)}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <DefaultTargets draft={draft} posts={posts} error={errors.defaultTargets} onDraft={onDraft} />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? t('import.reading') : t('import.next')}
        </button>
      </div>
    </form>
  );
}

/** The posts that get the rows naming none: none, all, or the ones ticked (sent as post codes). */
function DefaultTargets({
  draft,
  posts,
  error,
  onDraft,
}: {
  draft: ImportDraft;
  posts: CommandPostView[];
  error?: string;
  onDraft: (draft: ImportDraft) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const mode = (targetsMode: TargetsMode) => ({
    type: 'radio',
    name: 'targetsMode',
    value: targetsMode,
    checked: draft.targetsMode === targetsMode,
    onChange: () => onDraft({ ...draft, targetsMode }),
  });
  const toggle = (code: string, on: boolean) =>
    onDraft({ ...draft, targetCodes: posts.map((p) => p.code).filter((c) => (c === code ? on : draft.targetCodes.includes(c))) });
  return (
    <fieldset
      class={`default-targets${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? 'true' : undefined}
      data-field="defaultTargets"
    >
      <legend>{t('import.targets')}</legend>
      <label class="check">
        <input {...mode('none')} />
        {t('import.targetsNone')}
      </label>
      <label class="check">
        <input {...mode('all')} />
        {t('import.targetsAll')}
      </label>
      <label class="check">
        <input {...mode('chosen')} />
        {t('import.targetsChosen')}
      </label>
      {draft.targetsMode === 'chosen' && (
        <div class="picker-groups" role="group" aria-label={t('import.targetsChosen')}>
          {posts.map((post) => (
            <label key={post.id} class="check" title={postName(post, lang)}>
              <input
                type="checkbox"
                name="defaultTargets"
                value={post.code}
                checked={draft.targetCodes.includes(post.code)}
                onChange={(e) => toggle(post.code, e.currentTarget.checked)}
              />
              {post.code}
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

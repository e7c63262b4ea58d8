import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BilingualNames } from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { ErrorMessage, Field } from '../common/ui';
import { useI18n } from '../i18n/i18n';

/** A save in flight, its per-field errors (the server's `details`, or the client's own checks) and any other failure. */
export function useSave<T>(onSaved: (value: T) => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const run = (call: () => Promise<T>, local: Record<string, string> = {}) => {
    setFailure(null);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setErrors({});
    setSaving(true);
    call()
      .then(onSaved, (error: unknown) => {
        if (error instanceof ApiRequestError && error.status === 400 && error.body.details?.length) setErrors(error.fieldErrors());
        else setFailure(error);
      })
      .finally(() => setSaving(false));
  };
  return { errors, failure, saving, run };
}

/**
 * The frame of every create and edit form: its heading takes the focus when it opens, Escape closes it, and after
 * a save refused field by field the first invalid control takes the focus.
 */
export function EditForm({
  title,
  testId,
  errors,
  failure,
  saving,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  testId: string;
  errors: Record<string, string>;
  failure: unknown;
  saving: boolean;
  submitLabel?: string;
  onSubmit: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (Object.keys(errors).length > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);
  return (
    <form
      ref={form}
      class="panel admin-form"
      aria-labelledby={`${testId}-heading`}
      data-testid={testId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h2 id={`${testId}-heading`} tabIndex={-1} ref={heading}>
        {title}
      </h2>
      <ErrorMessage error={failure} />
      {children}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={saving}>
          {saving ? t('common.saving') : (submitLabel ?? t('common.save'))}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The two names of an organisation entry, Russian and English side by side. */
export function NamesFields({
  names,
  errors,
  onChange,
}: {
  names: BilingualNames;
  errors: Record<string, string>;
  onChange: (names: BilingualNames) => void;
}) {
  const { t } = useI18n();
  return (
    <div class="form-row">
      {(['ru', 'en'] as const).map((lang) => (
        <Field key={lang} label={t(`admin.name.${lang}`)} error={errors[`names.${lang}`] ?? errors.names}>
          {(control) => (
            <input
              {...control}
              name={`names.${lang}`}
              lang={lang}
              required
              value={names[lang]}
              onInput={(e) => onChange({ ...names, [lang]: e.currentTarget.value })}
            />
          )}
        </Field>
      ))}
    </div>
  );
}

/** A text field bound to one key of a draft. */
export function TextField({
  label,
  name,
  value,
  error,
  hint,
  type = 'text',
  autoComplete,
  onInput,
}: {
  label: string;
  name: string;
  value: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'password';
  autoComplete?: string;
  onInput: (value: string) => void;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(control) => (
        <input {...control} type={type} name={name} value={value} autoComplete={autoComplete} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
    </Field>
  );
}

/** The search box over a list: filters as one types. */
export function SearchBox({ value, onInput, label }: { value: string; onInput: (value: string) => void; label: string }) {
  return (
    <Field label={label} class="admin-search">
      {(control) => <input {...control} type="search" name="search" value={value} onInput={(e) => onInput(e.currentTarget.value)} />}
    </Field>
  );
}

/** True when every word of the search occurs in one of the texts (case-insensitive). */
export function matchesSearch(search: string, texts: (string | null | undefined)[]): boolean {
  const haystack = texts.filter(Boolean).join(' ').toLocaleLowerCase();
  return search
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** Deactivate / reactivate one entry; the list takes the answer. */
export function ActiveButton<T>({
  active,
  label,
  toggle,
  onChanged,
  onFailure,
}: {
  active: boolean;
  label: string;
  toggle: (active: boolean) => Promise<T>;
  onChanged: (value: T) => void;
  onFailure: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class={`btn btn-small${active ? ' btn-danger' : ''}`}
      disabled={busy}
      aria-label={t(active ? 'admin.deactivateOf' : 'admin.reactivateOf', { name: label })}
      onClick={() => {
        setBusy(true);
        toggle(!active)
          .then(onChanged, onFailure)
          .finally(() => setBusy(false));
      }}
    >
      {t(active ? 'admin.deactivate' : 'admin.reactivate')}
    </button>
  );
}

/** Replaces the entry of the same key in a list, or appends it. */
export function upsert<T>(list: T[], item: T, key: (value: T) => string): T[] {
  const at = list.findIndex((x) => key(x) === key(item));
  return at < 0 ? [...list, item] : list.map((x, i) => (i === at ? item : x));
}

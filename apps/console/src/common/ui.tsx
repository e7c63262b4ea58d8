import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Precedence } from '@excon/domain/vocabulary';
import { ApiRequestError } from '../api/client';
import { useI18n, type Translate } from '../i18n/i18n';
import type { ConnectionStatus } from '../socket/console-socket';

/** "EXERCISE EXERCISE EXERCISE": on every console page, so that nobody takes the traffic for real. */
export function ExerciseMarking() {
  const { t } = useI18n();
  return (
    <div class="exercise-marking" role="note" aria-label={t('marking.label')}>
      <span>{t('marking.text')}</span>
    </div>
  );
}

export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n();
  return (
    <span class={`connection connection-${status}`} role="status" data-connection={status}>
      <span class="dot" aria-hidden="true" />
      {t(`connection.${status}`)}
    </span>
  );
}

export function PrecedenceBadge({ precedence }: { precedence: Precedence }) {
  const { t } = useI18n();
  return <span class={`precedence precedence-${precedence}`}>{t(`precedence.${precedence}`)}</span>;
}

/** A message for an API failure, in the interface language when it is a generic one. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiRequestError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404) return t('error.notFound');
    if (error.status === 409) return `${t('error.conflict')}: ${error.body.message}`;
    if (error.status >= 500) return t('error.server');
    return error.body.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  return (
    <p class="error-message" role="alert">
      {errorText(t, error)}
    </p>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: ComponentChildren;
  class?: string;
  /** Receives the id the control must carry and the aria attributes of its hint and error. */
  children: (control: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled form control with its validation error shown right under it. */
export function Field({ label, error, hint, children, class: extra }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}${extra ? ` ${extra}` : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': 'true' } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/**
 * A table that may scroll sideways: focusable, so that keyboard users can scroll it, and named (WCAG 2.1.1,
 * axe's scrollable-region-focusable).
 */
export function ScrollRegion({ label, labelledBy, children }: { label?: string; labelledBy?: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" tabIndex={0} aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

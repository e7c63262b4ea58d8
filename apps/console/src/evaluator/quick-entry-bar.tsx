import { useEffect, useRef, useState } from 'preact/hooks';
import type { ObservationView } from '@excon/contracts';
import type { ObservationKind } from '@excon/domain';
import { evaluationApi } from '../api/evaluation-api';
import { ErrorMessage } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { completeToken, parseQuickEntry, tokenAtCaret, withKind, type QuickEntryContext, type QuickTokenType } from './quick-entry';

const KIND_KEYS: Record<string, ObservationKind> = { '1': 'strength', '2': 'improvement', '3': 'note' };

/** True when a key press is meant for a form control, not for a page shortcut. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The candidates for the token at the caret: refs or codes starting with what is typed. */
function candidates(context: QuickEntryContext, type: QuickTokenType, prefix: string): string[] {
  const all =
    type === 'objective' ? [...context.objectiveRefs] : type === 'post' ? context.posts.map((p) => p.code) : context.injects.map((i) => i.ref);
  const typed = prefix.toLocaleUpperCase('ru');
  return all.filter((value) => value.toLocaleUpperCase('ru').startsWith(typed)).slice(0, 8);
}

export function KindChip({ kind }: { kind: ObservationKind }) {
  const { t } = useI18n();
  return (
    <span class={`chip chip-kind chip-${kind}`} data-chip="kind" data-value={kind}>
      {t(`evaluation.kind.${kind}`)}
    </span>
  );
}

/**
 * One text field for observations, always at hand: "/" or Alt+O focuses it, Enter records. The kind,
 * objectives, posts and the inject are typed in the same line (see quick-entry.ts) and shown as chips
 * before Enter; Alt+1/2/3 set the kind, Tab completes a `#`, `@` or `!` token.
 */
export function QuickEntryBar({
  exerciseId,
  context,
  defaultPostIds,
  onRecorded,
}: {
  exerciseId: string;
  context: QuickEntryContext;
  /** Posts the observation is about when the line names none (the evaluator's single assigned post). */
  defaultPostIds: string[];
  onRecorded: (observation: ObservationView) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [line, setLine] = useState('');
  const [caret, setCaret] = useState(0);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const alt = e.altKey && !e.ctrlKey && !e.metaKey && (e.code === 'KeyO' || e.key.toLowerCase() === 'o');
      const slash = e.key === '/' && !e.altKey && !e.ctrlKey && !e.metaKey && !typingInto(e.target);
      if (alt || slash) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  const entry = parseQuickEntry(line, context);
  const postIds = entry.commandPostIds.length ? entry.commandPostIds : defaultPostIds;
  const postCode = (postId: string) => context.posts.find((p) => p.id === postId)?.code ?? '?';
  const injectRef = context.injects.find((i) => i.id === entry.exerciseInjectId)?.ref;
  const token = tokenAtCaret(line, caret);
  const suggestions = token ? candidates(context, token.type, token.prefix) : [];

  const update = (value: string, at: number) => {
    setLine(value);
    setCaret(at);
  };
  const complete = (value: string) => {
    const next = completeToken(line, caret, value);
    update(next.line, next.caret);
    requestAnimationFrame(() => input.current?.setSelectionRange(next.caret, next.caret));
  };

  const record = async () => {
    if (!entry.text || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      const observation = await evaluationApi.createObservation(exerciseId, {
        text: entry.text,
        kind: entry.kind,
        objectiveRefs: entry.objectiveRefs,
        commandPostIds: postIds,
        exerciseInjectId: entry.exerciseInjectId,
      });
      onRecorded(observation);
      update('', 0);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && KIND_KEYS[e.key]) {
      e.preventDefault();
      const next = withKind(line, KIND_KEYS[e.key]);
      update(next, next.length);
    } else if (e.key === 'Tab' && !e.shiftKey && suggestions.length) {
      e.preventDefault();
      complete(suggestions[0]);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void record();
    } else if (e.key === 'Escape') {
      if (line) update('', 0);
      else input.current?.blur();
    }
  };

  return (
    <form
      class="quick-entry"
      role="search"
      aria-label={t('evaluation.quick.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
    >
      <label class="quick-entry-field">
        <span class="quick-entry-label">
          {t('evaluation.quick.label')} <kbd>/</kbd> <kbd>Alt+O</kbd>
        </span>
        <input
          ref={input}
          type="text"
          name="observation"
          data-testid="quick-entry"
          value={line}
          readOnly={saving}
          autoComplete="off"
          spellcheck={true}
          maxLength={10_000}
          placeholder={t('evaluation.quick.placeholder')}
          aria-describedby="quick-entry-help quick-entry-chips"
          onInput={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)}
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onClick={(e) => setCaret(e.currentTarget.selectionStart ?? 0)}
          onKeyDown={onKeyDown}
        />
      </label>
      <button type="submit" class="btn btn-primary" disabled={!entry.text || saving}>
        {t('evaluation.quick.record')}
      </button>
      <div id="quick-entry-chips" class="chips" aria-live="polite" data-testid="quick-entry-chips">
        {line.trim() && (
          <>
            <KindChip kind={entry.kind} />
            {entry.objectiveRefs.map((ref) => (
              <span key={ref} class="chip chip-objective" data-chip="objective" data-value={ref}>
                #{ref}
              </span>
            ))}
            {postIds.map((postId) => (
              <span key={postId} class="chip chip-post" data-chip="post" data-value={postCode(postId)}>
                @{postCode(postId)}
                {!entry.commandPostIds.length && <small> ({t('evaluation.quick.fromAssignment')})</small>}
              </span>
            ))}
            {injectRef && (
              <span class="chip chip-inject" data-chip="inject" data-value={injectRef}>
                !{injectRef}
              </span>
            )}
            {[...entry.unknown.map((u) => u.token), ...entry.extraInjects].map((token) => (
              <span key={token} class="chip chip-unknown" data-chip="unknown" title={t('evaluation.quick.unknown')}>
                {token}?
              </span>
            ))}
          </>
        )}
      </div>
      {suggestions.length > 0 && (
        <ul class="quick-suggestions" aria-label={t('evaluation.quick.suggestions')}>
          {suggestions.map((s, i) => (
            <li key={s}>
              <button type="button" class="link-button" onMouseDown={(e) => e.preventDefault()} onClick={() => complete(s)}>
                {s}
                {i === 0 && <kbd>Tab</kbd>}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p id="quick-entry-help" class="hint">
        {t('evaluation.quick.help')}
      </p>
      <ErrorMessage error={failure} />
    </form>
  );
}

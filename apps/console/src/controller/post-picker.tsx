import { useId } from 'preact/hooks';
import type { CommandPostView } from '@excon/contracts';
import { useI18n } from '../i18n/i18n';

/** Targets as a multi-select: one checkbox per command post, grouped by member state. */
export function PostPicker({
  posts,
  value,
  onChange,
  error,
}: {
  posts: CommandPostView[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const chosen = new Set(value);
  const states = [...new Set(posts.map((p) => p.memberState))].sort();
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const postId of ids) {
      if (on) next.add(postId);
      else next.delete(postId);
    }
    onChange(posts.filter((p) => next.has(p.id)).map((p) => p.id));
  };
  return (
    <fieldset
      class={`post-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? 'true' : undefined}
      data-field="targets"
    >
      <legend>
        {t('inject.targets')} <span class="hint">({t('inject.targetsChosen', { count: value.length })})</span>
      </legend>
      <div class="picker-tools">
        <button
          type="button"
          class="btn btn-small"
          onClick={() =>
            toggle(
              posts.map((p) => p.id),
              true,
            )
          }
        >
          {t('common.selectAll')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          onClick={() =>
            toggle(
              posts.map((p) => p.id),
              false,
            )
          }
        >
          {t('common.selectNone')}
        </button>
      </div>
      <div class="picker-groups">
        {states.map((state) => (
          <div class="picker-group" key={state}>
            <span class="picker-state">{state}</span>
            {posts
              .filter((p) => p.memberState === state)
              .map((post) => (
                <label key={post.id} class="check" title={post.name}>
                  <input
                    type="checkbox"
                    name="targets"
                    value={post.id}
                    data-code={post.code}
                    checked={chosen.has(post.id)}
                    onChange={(e) => toggle([post.id], e.currentTarget.checked)}
                  />
                  {post.code}
                </label>
              ))}
          </div>
        ))}
      </div>
      {error && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

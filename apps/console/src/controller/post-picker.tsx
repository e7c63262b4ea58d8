import { useId } from 'preact/hooks';
import type { CommandPostView, PostGroupView } from '@excon/contracts';
import { nameIn } from '@excon/domain/vocabulary';
import { useI18n } from '../i18n/i18n';
import { postName } from '../common/post-names';

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
  const { t, lang } = useI18n();
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
                <label key={post.id} class="check" title={postName(post, lang)}>
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

/**
 * Post groups as a multi-select beside the posts: a group is expanded to its active posts when an exercise is
 * created from the scenario. Deactivated groups show only when the inject already names them.
 */
export function GroupPicker({
  groups,
  value,
  onChange,
  error,
}: {
  groups: PostGroupView[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const chosen = new Set(value);
  const offered = groups.filter((g) => g.active || chosen.has(g.id));
  if (offered.length === 0) return null;
  const toggle = (groupId: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(groupId);
    else next.delete(groupId);
    onChange(offered.filter((g) => next.has(g.id)).map((g) => g.id));
  };
  return (
    <fieldset
      class={`post-picker${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? 'true' : undefined}
      data-field="targetGroups"
    >
      <legend>
        {t('inject.targetGroups')} <span class="hint">({t('inject.targetsChosen', { count: value.length })})</span>
      </legend>
      <div class="picker-groups">
        <div class="picker-group">
          {offered.map((group) => (
            <label
              key={group.id}
              class="check"
              title={`${nameIn(group.names, lang)} (${t('inject.groupPosts', { count: group.commandPostIds.length })})`}
            >
              <input
                type="checkbox"
                name="targetGroups"
                value={group.id}
                data-code={group.code}
                checked={chosen.has(group.id)}
                onChange={(e) => toggle(group.id, e.currentTarget.checked)}
              />
              {group.code}
            </label>
          ))}
        </div>
      </div>
      {error && (
        <small id={`${id}-error`} class="field-error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView, PostGroupView } from '@excon/contracts';
import type { BilingualNames } from '@excon/domain/vocabulary';
import { adminApi } from '../api/admin-api';
import { useI18n } from '../i18n/i18n';
import { ActiveButton, EditForm, matchesSearch, NamesFields, TextField, useSave } from './admin-form';
import { AdminList } from './admin-list';

function PostGroupForm({ editing, posts, done }: { editing: PostGroupView | null; posts: CommandPostView[]; done: (saved?: PostGroupView) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState(editing?.code ?? '');
  const [names, setNames] = useState<BilingualNames>(editing?.names ?? { ru: '', en: '' });
  const [members, setMembers] = useState<string[]>(editing?.commandPostIds ?? []);
  const { errors, failure, saving, run } = useSave<PostGroupView>(done);
  const toggle = (id: string, on: boolean) => setMembers((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
  return (
    <EditForm
      testId="post-group-form"
      title={editing ? t('admin.groups.edit', { code: editing.code }) : t('admin.groups.new')}
      errors={errors}
      failure={failure}
      saving={saving}
      onCancel={() => done()}
      onSubmit={() => {
        const body = { code: code.trim(), names, commandPostIds: members };
        run(() => (editing ? adminApi.updatePostGroup(editing.id, body) : adminApi.createPostGroup(body)));
      }}
    >
      <TextField label={t('admin.groups.code')} name="code" value={code} error={errors.code} onInput={setCode} />
      <NamesFields names={names} errors={errors} onChange={setNames} />
      <fieldset class="admin-checks" aria-invalid={errors.commandPostIds ? 'true' : undefined} tabIndex={errors.commandPostIds ? -1 : undefined}>
        <legend>{t('admin.groups.posts')}</legend>
        {posts.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={members.includes(p.id)} onChange={(e) => toggle(p.id, e.currentTarget.checked)} /> {p.code} {p.name}
          </label>
        ))}
        {errors.commandPostIds && (
          <small class="field-error" role="alert">
            {errors.commandPostIds}
          </small>
        )}
      </fieldset>
    </EditForm>
  );
}

/** Named sets of command posts (an inject may target a group). */
export function PostGroupsPage() {
  const { t } = useI18n();
  const [posts, setPosts] = useState<CommandPostView[]>([]);
  const [removed, setRemoved] = useState<string[]>([]);
  useEffect(() => {
    adminApi.commandPosts().then(setPosts, () => setPosts([]));
  }, []);
  const codes = (g: PostGroupView) => g.commandPostIds.map((id) => posts.find((p) => p.id === id)?.code ?? id);
  return (
    <AdminList<PostGroupView>
      testId="post-groups"
      title={t('admin.tab.groups')}
      addLabel={t('admin.groups.new')}
      load={adminApi.postGroups}
      keyOf={(g) => g.id}
      matches={(g, search) => !removed.includes(g.id) && matchesSearch(search, [g.code, g.names.ru, g.names.en, ...codes(g)])}
      headers={[t('admin.groups.code'), t('admin.name.ru'), t('admin.name.en'), t('admin.groups.posts'), t('admin.status')]}
      form={(editing, done) => <PostGroupForm editing={editing} posts={posts} done={done} />}
      row={(g, { replace, fail, edit }) => (
        <tr key={g.id} data-code={g.code} class={g.active ? undefined : 'inactive'}>
          <th scope="row" class="mono">
            {g.code}
          </th>
          <td lang="ru">{g.names.ru}</td>
          <td lang="en">{g.names.en}</td>
          <td>{codes(g).join(', ')}</td>
          <td>{t(g.active ? 'admin.active' : 'admin.inactive')}</td>
          <td class="row-actions">
            <button type="button" class="btn btn-small" aria-label={t('admin.editOf', { name: g.code })} onClick={() => edit(g)}>
              {t('common.edit')}
            </button>
            <ActiveButton
              active={g.active}
              label={g.code}
              toggle={(active) => adminApi.updatePostGroup(g.id, { active })}
              onChanged={replace}
              onFailure={fail}
            />
            <button
              type="button"
              class="btn btn-small btn-danger"
              aria-label={t('admin.deleteOf', { name: g.code })}
              onClick={() => {
                adminApi.deletePostGroup(g.id).then(() => setRemoved((list) => [...list, g.id]), fail);
              }}
            >
              {t('common.delete')}
            </button>
          </td>
        </tr>
      )}
    />
  );
}

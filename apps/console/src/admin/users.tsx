import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView, UpdateUserRequest, UserView } from '@excon/contracts';
import { LANGUAGES, ROLES, nameIn, type Language, type Role } from '@excon/domain/vocabulary';
import { adminApi, MIN_PASSWORD_LENGTH } from '../api/admin-api';
import { Field } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { ActiveButton, EditForm, matchesSearch, TextField, useSave } from './admin-form';
import { AdminList } from './admin-list';

function PostField({ posts, value, error, onChange }: { posts: CommandPostView[]; value: string; error?: string; onChange: (id: string) => void }) {
  const { t, lang } = useI18n();
  return (
    <Field label={t('admin.users.post')} error={error}>
      {(control) => (
        <select {...control} name="commandPostId" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('admin.choose')}</option>
          {posts
            .filter((p) => (p.active ?? true) || p.id === value)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {p.names ? nameIn(p.names, lang) : p.name}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}

function RoleField({ value, error, onChange }: { value: Role; error?: string; onChange: (role: Role) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('admin.users.role')} error={error}>
      {(control) => (
        <select {...control} name="role" value={value} onChange={(e) => onChange(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function UserForm({ editing, posts, done }: { editing: UserView | null; posts: CommandPostView[]; done: (saved?: UserView) => void }) {
  const { t, lang } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState(editing?.displayName ?? '');
  const [role, setRole] = useState<Role>(editing?.role ?? 'operator');
  const [post, setPost] = useState(editing?.commandPostId ?? '');
  const [language, setLanguage] = useState<Language>(editing?.language ?? lang);
  const { errors, failure, saving, run } = useSave<UserView>(done);
  const operator = role === 'operator';
  const submit = () => {
    const local: Record<string, string> = {};
    if (operator && !post) local.commandPostId = t('admin.users.postRequired');
    if (editing) {
      // Only what changed: a change of role or post ends the user's sessions.
      const body: UpdateUserRequest = {};
      if (displayName.trim() && displayName.trim() !== editing.displayName) body.displayName = displayName.trim();
      if (role !== editing.role) body.role = role;
      const nextPost = operator ? post : null;
      if (nextPost !== editing.commandPostId) body.commandPostId = nextPost;
      run(() => (Object.keys(body).length ? adminApi.updateUser(editing.id, body) : Promise.resolve(editing)), local);
      return;
    }
    if (!username.trim()) local.username = t('admin.required');
    if (password.length < MIN_PASSWORD_LENGTH) local.password = t('account.tooShort', { min: MIN_PASSWORD_LENGTH });
    run(
      () =>
        adminApi.createUser({
          username: username.trim(),
          password,
          role,
          displayName: displayName.trim() || undefined,
          commandPostId: operator ? post : undefined,
          language,
        }),
      local,
    );
  };
  return (
    <EditForm
      testId="user-form"
      title={editing ? t('admin.users.edit', { name: editing.username }) : t('admin.users.new')}
      errors={errors}
      failure={failure}
      saving={saving}
      onCancel={() => done()}
      onSubmit={submit}
    >
      <div class="form-row">
        {!editing && (
          <TextField
            label={t('admin.users.username')}
            name="username"
            autoComplete="off"
            value={username}
            error={errors.username}
            onInput={setUsername}
          />
        )}
        <TextField label={t('admin.users.displayName')} name="displayName" value={displayName} error={errors.displayName} onInput={setDisplayName} />
        {!editing && (
          <TextField
            label={t('admin.users.password')}
            hint={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            type="password"
            name="password"
            autoComplete="new-password"
            value={password}
            error={errors.password}
            onInput={setPassword}
          />
        )}
      </div>
      <div class="form-row">
        <RoleField value={role} error={errors.role} onChange={setRole} />
        {operator && <PostField posts={posts} value={post} error={errors.commandPostId} onChange={setPost} />}
        {!editing && (
          <Field label={t('language.label')} error={errors.language}>
            {(control) => (
              <select {...control} name="language" value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {t(`language.${code}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      {editing && <p class="hint">{t('admin.users.sessionsEnd')}</p>}
    </EditForm>
  );
}

/** The admin types the user's new password; the user must choose their own at the next login. */
function ResetForm({ user, done }: { user: UserView; done: (reset: boolean) => void }) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const { errors, failure, saving, run } = useSave<void>(() => done(true));
  return (
    <EditForm
      testId="reset-form"
      title={t('admin.users.resetTitle', { name: user.username })}
      submitLabel={t('admin.users.reset')}
      errors={errors}
      failure={failure}
      saving={saving}
      onCancel={() => done(false)}
      onSubmit={() =>
        run(
          () => adminApi.resetPassword(user.id, password),
          password.length < MIN_PASSWORD_LENGTH ? { newPassword: t('account.tooShort', { min: MIN_PASSWORD_LENGTH }) } : {},
        )
      }
    >
      <TextField
        label={t('account.newPassword')}
        hint={t('admin.users.resetHint')}
        type="password"
        name="newPassword"
        autoComplete="new-password"
        value={password}
        error={errors.newPassword}
        onInput={setPassword}
      />
    </EditForm>
  );
}

/** The accounts: create, change role and post, reset the password, deactivate. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const [posts, setPosts] = useState<CommandPostView[]>([]);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [resetDone, setResetDone] = useState('');
  useEffect(() => {
    adminApi.commandPosts().then(setPosts, () => setPosts([]));
  }, []);
  const postLabel = (id: string | null) => {
    const post = posts.find((p) => p.id === id);
    return post ? `${post.code} · ${post.names ? nameIn(post.names, lang) : post.name}` : '';
  };
  return (
    <>
      {resetting && (
        <ResetForm
          key={resetting.id}
          user={resetting}
          done={(reset) => {
            setResetDone(reset ? t('admin.users.resetDone', { name: resetting.username }) : '');
            setResetting(null);
          }}
        />
      )}
      <p role="status" class="status-message">
        {resetDone}
      </p>
      <AdminList<UserView>
        testId="users"
        title={t('admin.tab.users')}
        addLabel={t('admin.users.new')}
        load={adminApi.users}
        keyOf={(u) => u.id}
        matches={(u, search) => matchesSearch(search, [u.username, u.displayName, t(`role.${u.role}`), postLabel(u.commandPostId)])}
        headers={[t('admin.users.username'), t('admin.users.displayName'), t('admin.users.role'), t('admin.users.post'), t('admin.status')]}
        form={(editing, done) => <UserForm editing={editing} posts={posts} done={done} />}
        row={(u, { replace, fail, edit }) => {
          const active = u.active ?? true;
          return (
            <tr key={u.id} data-username={u.username} class={active ? undefined : 'inactive'}>
              <th scope="row" class="mono">
                {u.username}
              </th>
              <td>{u.displayName}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{postLabel(u.commandPostId)}</td>
              <td>
                {t(active ? 'admin.active' : 'admin.inactive')}
                {u.mustChangePassword && <small class="hint"> · {t('admin.users.mustChange')}</small>}
              </td>
              <td class="row-actions">
                <button type="button" class="btn btn-small" aria-label={t('admin.editOf', { name: u.username })} onClick={() => edit(u)}>
                  {t('common.edit')}
                </button>
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={t('admin.users.resetOf', { name: u.username })}
                  onClick={() => {
                    setResetDone('');
                    setResetting(u);
                  }}
                >
                  {t('admin.users.reset')}
                </button>
                <ActiveButton
                  active={active}
                  label={u.username}
                  toggle={(next) => adminApi.updateUser(u.id, { active: next })}
                  onChanged={replace}
                  onFailure={fail}
                />
              </td>
            </tr>
          );
        }}
      />
    </>
  );
}

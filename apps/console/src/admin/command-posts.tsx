import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView, MinistryView } from '@excon/contracts';
import { nameIn, type BilingualNames, type Ministry } from '@excon/domain/vocabulary';
import { adminApi, type UpdateCommandPostInput } from '../api/admin-api';
import { Field } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { ActiveButton, EditForm, matchesSearch, NamesFields, TextField, useSave } from './admin-form';
import { AdminList } from './admin-list';
import { MemberStateField, MinistryKindField } from './ministries';

function CommandPostForm({ editing, done }: { editing: CommandPostView | null; done: (saved?: CommandPostView) => void }) {
  const { t, lang } = useI18n();
  const [code, setCode] = useState(editing?.code ?? '');
  const [names, setNames] = useState<BilingualNames>(editing?.names ?? { ru: '', en: '' });
  const [timeZone, setTimeZone] = useState(editing?.timeZone ?? 'Europe/Moscow');
  const [ministryId, setMinistryId] = useState(editing?.ministryId ?? '');
  const [memberState, setMemberState] = useState(editing?.memberState ?? '');
  const [kind, setKind] = useState<Ministry>(editing?.ministry ?? 'emergency');
  // undefined: loading; null: no ministries route on this server yet (the post then names member state and kind).
  const [ministries, setMinistries] = useState<MinistryView[] | null | undefined>(undefined);
  useEffect(() => {
    adminApi.ministries().then(setMinistries, () => setMinistries(null));
  }, []);
  const { errors, failure, saving, run } = useSave<CommandPostView>(done);
  const picker = ministries && ministries.length > 0;

  const submit = () => {
    const local: Record<string, string> = {};
    if (picker && !ministryId) local.ministryId = t('admin.required');
    if (editing) {
      const body: UpdateCommandPostInput = { names, timeZone: timeZone.trim() };
      if (picker && ministryId !== editing.ministryId) body.ministryId = ministryId;
      run(() => adminApi.updateCommandPost(editing.id, body), local);
    } else {
      const base = { code: code.trim(), names, timeZone: timeZone.trim() };
      run(
        () =>
          adminApi.createCommandPost(picker ? { ...base, ministryId } : { ...base, memberState: memberState.trim().toUpperCase(), ministry: kind }),
        local,
      );
    }
  };

  return (
    <EditForm
      testId="command-post-form"
      title={editing ? t('admin.posts.edit', { code: editing.code }) : t('admin.posts.new')}
      errors={errors}
      failure={failure}
      saving={saving || ministries === undefined}
      onCancel={() => done()}
      onSubmit={submit}
    >
      <div class="form-row">
        {!editing && <TextField label={t('admin.posts.code')} name="code" value={code} error={errors.code} onInput={setCode} />}
        <TextField
          label={t('admin.posts.timeZone')}
          hint={t('admin.posts.timeZoneHint')}
          name="timeZone"
          value={timeZone}
          error={errors.timeZone}
          onInput={setTimeZone}
        />
      </div>
      <NamesFields names={names} errors={errors} onChange={setNames} />
      {picker ? (
        <Field label={t('admin.ministry')} error={errors.ministryId}>
          {(control) => (
            <select {...control} name="ministryId" value={ministryId} onChange={(e) => setMinistryId(e.currentTarget.value)}>
              <option value="">{t('admin.choose')}</option>
              {ministries
                .filter((m) => m.active || m.id === ministryId)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.memberState} · {nameIn(m.names, lang)}
                  </option>
                ))}
            </select>
          )}
        </Field>
      ) : (
        !editing && (
          <div class="form-row">
            <MemberStateField value={memberState} error={errors.memberState} onChange={setMemberState} />
            <MinistryKindField value={kind} error={errors.ministry} onChange={setKind} />
          </div>
        )
      )}
    </EditForm>
  );
}

/** The command posts: the players' seats, each in one ministry and one time zone. */
export function CommandPostsPage() {
  const { t, lang } = useI18n();
  return (
    <AdminList<CommandPostView>
      testId="command-posts"
      title={t('admin.tab.posts')}
      addLabel={t('admin.posts.new')}
      load={adminApi.commandPosts}
      keyOf={(p) => p.id}
      matches={(p, search) => matchesSearch(search, [p.code, p.name, p.names?.ru, p.names?.en, p.memberState])}
      headers={[t('admin.posts.code'), t('admin.name.ru'), t('admin.name.en'), t('admin.ministry'), t('admin.posts.timeZone'), t('admin.status')]}
      form={(editing, done) => <CommandPostForm editing={editing} done={done} />}
      row={(p, { replace, fail, edit }) => {
        const active = p.active ?? true;
        return (
          <tr key={p.id} data-code={p.code} class={active ? undefined : 'inactive'}>
            <th scope="row" class="mono">
              {p.code}
            </th>
            <td lang="ru">{p.names?.ru ?? p.name}</td>
            <td lang="en">{p.names?.en ?? p.name}</td>
            <td>
              {p.memberState} · {t(`plan.ministry.${p.ministry}`)}
            </td>
            <td class="mono">{p.timeZone}</td>
            <td>{t(active ? 'admin.active' : 'admin.inactive')}</td>
            <td class="row-actions">
              <button type="button" class="btn btn-small" aria-label={t('admin.editOf', { name: p.code })} onClick={() => edit(p)}>
                {t('common.edit')}
              </button>
              <ActiveButton
                active={active}
                label={p.names ? nameIn(p.names, lang) : p.name}
                toggle={(next) => adminApi.updateCommandPost(p.id, { active: next })}
                onChanged={replace}
                onFailure={fail}
              />
            </td>
          </tr>
        );
      }}
    />
  );
}

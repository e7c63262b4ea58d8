import { useState } from 'preact/hooks';
import type { MemberStateView } from '@excon/contracts';
import type { BilingualNames } from '@excon/domain/vocabulary';
import { adminApi } from '../api/admin-api';
import { useI18n } from '../i18n/i18n';
import { ActiveButton, EditForm, matchesSearch, NamesFields, TextField, useSave } from './admin-form';
import { AdminList } from './admin-list';

function MemberStateForm({ editing, done }: { editing: MemberStateView | null; done: (saved?: MemberStateView) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState(editing?.code ?? '');
  const [names, setNames] = useState<BilingualNames>(editing?.names ?? { ru: '', en: '' });
  const { errors, failure, saving, run } = useSave<MemberStateView>(done);
  return (
    <EditForm
      testId="member-state-form"
      title={editing ? t('admin.memberStates.edit', { code: editing.code }) : t('admin.memberStates.new')}
      errors={errors}
      failure={failure}
      saving={saving}
      onCancel={() => done()}
      onSubmit={() =>
        run(() =>
          editing ? adminApi.updateMemberState(editing.code, { names }) : adminApi.createMemberState({ code: code.trim().toUpperCase(), names }),
        )
      }
    >
      {!editing && (
        <TextField
          label={t('admin.memberStates.code')}
          hint={t('admin.memberStates.codeHint')}
          name="code"
          value={code}
          error={errors.code}
          onInput={setCode}
        />
      )}
      <NamesFields names={names} errors={errors} onChange={setNames} />
    </EditForm>
  );
}

/** The member states of the CRC: ISO code and names. */
export function MemberStatesPage() {
  const { t } = useI18n();
  return (
    <AdminList<MemberStateView>
      testId="member-states"
      title={t('admin.tab.memberStates')}
      addLabel={t('admin.memberStates.new')}
      load={adminApi.memberStates}
      keyOf={(m) => m.code}
      matches={(m, search) => matchesSearch(search, [m.code, m.names.ru, m.names.en])}
      headers={[t('admin.memberStates.code'), t('admin.name.ru'), t('admin.name.en'), t('admin.status')]}
      form={(editing, done) => <MemberStateForm editing={editing} done={done} />}
      row={(m, { replace, fail, edit }) => (
        <tr key={m.code} data-code={m.code} class={m.active ? undefined : 'inactive'}>
          <th scope="row" class="mono">
            {m.code}
          </th>
          <td lang="ru">{m.names.ru}</td>
          <td lang="en">{m.names.en}</td>
          <td>{t(m.active ? 'admin.active' : 'admin.inactive')}</td>
          <td class="row-actions">
            <button type="button" class="btn btn-small" aria-label={t('admin.editOf', { name: m.code })} onClick={() => edit(m)}>
              {t('common.edit')}
            </button>
            <ActiveButton
              active={m.active}
              label={m.code}
              toggle={(active) => adminApi.updateMemberState(m.code, { active })}
              onChanged={replace}
              onFailure={fail}
            />
          </td>
        </tr>
      )}
    />
  );
}

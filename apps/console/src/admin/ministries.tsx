import { useEffect, useState } from 'preact/hooks';
import type { MemberStateView, MinistryView } from '@excon/contracts';
import { MINISTRIES, nameIn, type BilingualNames, type Ministry } from '@excon/domain/vocabulary';
import { adminApi } from '../api/admin-api';
import { Field } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { ActiveButton, EditForm, matchesSearch, NamesFields, TextField, useSave } from './admin-form';
import { AdminList } from './admin-list';

/** The member state picker, or a text field for its code while the member states route is not there. */
export function MemberStateField({ value, error, onChange }: { value: string; error?: string; onChange: (code: string) => void }) {
  const { t, lang } = useI18n();
  const [states, setStates] = useState<MemberStateView[] | null>(null);
  useEffect(() => {
    adminApi.memberStates().then(setStates, () => setStates(null));
  }, []);
  if (!states || states.length === 0) {
    return (
      <TextField
        label={t('admin.memberState')}
        hint={t('admin.memberStates.codeHint')}
        name="memberState"
        value={value}
        error={error}
        onInput={onChange}
      />
    );
  }
  return (
    <Field label={t('admin.memberState')} error={error}>
      {(control) => (
        <select {...control} name="memberState" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('admin.choose')}</option>
          {states
            .filter((s) => s.active || s.code === value)
            .map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} {nameIn(s.names, lang)}
              </option>
            ))}
        </select>
      )}
    </Field>
  );
}

export function MinistryKindField({ value, error, onChange }: { value: Ministry; error?: string; onChange: (kind: Ministry) => void }) {
  const { t } = useI18n();
  return (
    <Field label={t('admin.ministries.kind')} error={error}>
      {(control) => (
        <select {...control} name="kind" value={value} onChange={(e) => onChange(e.currentTarget.value as Ministry)}>
          {MINISTRIES.map((m) => (
            <option key={m} value={m}>
              {t(`plan.ministry.${m}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function MinistryForm({ editing, done }: { editing: MinistryView | null; done: (saved?: MinistryView) => void }) {
  const { t } = useI18n();
  const [memberState, setMemberState] = useState(editing?.memberState ?? '');
  const [kind, setKind] = useState<Ministry>(editing?.kind ?? 'emergency');
  const [names, setNames] = useState<BilingualNames>(editing?.names ?? { ru: '', en: '' });
  const { errors, failure, saving, run } = useSave<MinistryView>(done);
  return (
    <EditForm
      testId="ministry-form"
      title={editing ? t('admin.ministries.edit') : t('admin.ministries.new')}
      errors={errors}
      failure={failure}
      saving={saving}
      onCancel={() => done()}
      onSubmit={() =>
        run(() =>
          editing
            ? adminApi.updateMinistry(editing.id, { names })
            : adminApi.createMinistry({ memberState: memberState.trim().toUpperCase(), kind, names }),
        )
      }
    >
      {!editing && (
        <div class="form-row">
          <MemberStateField value={memberState} error={errors.memberState} onChange={setMemberState} />
          <MinistryKindField value={kind} error={errors.kind} onChange={setKind} />
        </div>
      )}
      <NamesFields names={names} errors={errors} onChange={setNames} />
    </EditForm>
  );
}

/** The ministries of each member state: defence, emergencies, and the CRC itself. */
export function MinistriesPage() {
  const { t } = useI18n();
  return (
    <AdminList<MinistryView>
      testId="ministries"
      title={t('admin.tab.ministries')}
      addLabel={t('admin.ministries.new')}
      load={adminApi.ministries}
      keyOf={(m) => m.id}
      matches={(m, search) => matchesSearch(search, [m.memberState, m.kind, t(`plan.ministry.${m.kind}`), m.names.ru, m.names.en])}
      headers={[t('admin.memberState'), t('admin.ministries.kind'), t('admin.name.ru'), t('admin.name.en'), t('admin.status')]}
      form={(editing, done) => <MinistryForm editing={editing} done={done} />}
      row={(m, { replace, fail, edit }) => (
        <tr key={m.id} data-id={m.id} class={m.active ? undefined : 'inactive'}>
          <td class="mono">{m.memberState}</td>
          <td>{t(`plan.ministry.${m.kind}`)}</td>
          <th scope="row" lang="ru">
            {m.names.ru}
          </th>
          <td lang="en">{m.names.en}</td>
          <td>{t(m.active ? 'admin.active' : 'admin.inactive')}</td>
          <td class="row-actions">
            <button type="button" class="btn btn-small" aria-label={t('admin.editOf', { name: m.names.en || m.names.ru })} onClick={() => edit(m)}>
              {t('common.edit')}
            </button>
            <ActiveButton
              active={m.active}
              label={m.names.en || m.names.ru}
              toggle={(active) => adminApi.updateMinistry(m.id, { active })}
              onChanged={replace}
              onFailure={fail}
            />
          </td>
        </tr>
      )}
    />
  );
}

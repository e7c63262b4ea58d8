import { useState } from 'preact/hooks';
import { accountApi, MIN_PASSWORD_LENGTH } from '../api/admin-api';
import { EditForm, TextField, useSave } from '../admin/admin-form';
import { useI18n } from '../i18n/i18n';

/** Current, new and repeated password; the length and the repeat are checked here before anything is sent. */
export function PasswordForm({ title, onChanged, onCancel }: { title: string; onChanged: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { errors, failure, saving, run } = useSave<void>(() => {
    setCurrent('');
    setNext('');
    setRepeat('');
    onChanged();
  });
  const submit = () => {
    const local: Record<string, string> = {};
    if (!current) local.currentPassword = t('account.currentRequired');
    if (next.length < MIN_PASSWORD_LENGTH) local.newPassword = t('account.tooShort', { min: MIN_PASSWORD_LENGTH });
    else if (next !== repeat) local.repeatPassword = t('account.mismatch');
    run(() => accountApi.changePassword({ currentPassword: current, newPassword: next }), local);
  };
  return (
    <EditForm
      testId="password-form"
      title={title}
      submitLabel={t('account.change')}
      errors={errors}
      failure={failure}
      saving={saving}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <TextField
        label={t('account.currentPassword')}
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        value={current}
        error={errors.currentPassword}
        onInput={setCurrent}
      />
      <div class="form-row">
        <TextField
          label={t('account.newPassword')}
          hint={t('account.passwordHint', { min: MIN_PASSWORD_LENGTH })}
          type="password"
          name="newPassword"
          autoComplete="new-password"
          value={next}
          error={errors.newPassword}
          onInput={setNext}
        />
        <TextField
          label={t('account.repeatPassword')}
          type="password"
          name="repeatPassword"
          autoComplete="new-password"
          value={repeat}
          error={errors.repeatPassword}
          onInput={setRepeat}
        />
      </div>
    </EditForm>
  );
}

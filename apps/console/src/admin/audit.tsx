import { useEffect, useState } from 'preact/hooks';
import type { AuditEventView, CommandPostView } from '@excon/contracts';
import { adminApi, type AuditFilter } from '../api/admin-api';
import { formatTime, fromLocalInput, LOCAL_TIME_ZONE } from '../common/time';
import { ErrorMessage, Field, Loading } from '../common/ui';
import { actionLabel, summariseDetails } from '../evaluator/audit-trail';
import { useI18n } from '../i18n/i18n';

const PAGE = 100;

/** The installation's audit trail, newest first, filtered by action and time, a page at a time. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState<AuditFilter>({});
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [more, setMore] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [posts, setPosts] = useState<CommandPostView[]>([]);
  useEffect(() => {
    adminApi.commandPosts().then(setPosts, () => setPosts([]));
  }, []);
  const fetchPage = (filter: AuditFilter, before?: string) => {
    setFailure(null);
    adminApi.audit({ ...filter, before, limit: PAGE }).then((page) => {
      setEvents((shown) => (before ? [...(shown ?? []), ...page] : page));
      setMore(page.length === PAGE);
    }, setFailure);
  };
  useEffect(() => fetchPage({}), []);
  const iso = (value: string) => {
    const at = fromLocalInput(value);
    return at === null ? undefined : new Date(at).toISOString();
  };
  const postCode = (id: string) => posts.find((p) => p.id === id)?.code ?? id;
  return (
    <section class="panel" aria-labelledby="audit-title" data-testid="audit">
      <h2 id="audit-title">{t('admin.tab.audit')}</h2>
      <form
        class="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          const filter = { action: action.trim() || undefined, from: iso(from), to: iso(to) };
          setApplied(filter);
          setEvents(null);
          fetchPage(filter);
        }}
      >
        <Field label={t('admin.audit.action')} hint={t('admin.audit.actionHint')}>
          {(control) => <input {...control} name="action" value={action} onInput={(e) => setAction(e.currentTarget.value)} />}
        </Field>
        <Field label={t('admin.audit.from')}>
          {(control) => <input {...control} type="datetime-local" name="from" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />}
        </Field>
        <Field label={t('admin.audit.to')}>
          {(control) => <input {...control} type="datetime-local" name="to" value={to} onInput={(e) => setTo(e.currentTarget.value)} />}
        </Field>
        <div class="actions">
          <button type="submit" class="btn">
            {t('admin.audit.apply')}
          </button>
        </div>
      </form>
      <ErrorMessage error={failure} />
      {events === null && !failure && <Loading />}
      {events?.length === 0 && <p class="empty">{t('admin.noneMatch')}</p>}
      {events && events.length > 0 && (
        <table class="list-table compact">
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td class="mono">{formatTime(e.at, LOCAL_TIME_ZONE, lang, true)}</td>
                <td>{e.actorName}</td>
                <td>{actionLabel(e.action, t)}</td>
                <td>{summariseDetails(e, t, postCode, LOCAL_TIME_ZONE, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && events && (
        <button type="button" class="btn" onClick={() => fetchPage(applied, events[events.length - 1].at)}>
          {t('admin.audit.older')}
        </button>
      )}
    </section>
  );
}

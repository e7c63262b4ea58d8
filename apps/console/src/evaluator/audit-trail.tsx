import { useEffect, useState } from 'preact/hooks';
import type { AuditEventView, CommandPostView } from '@excon/contracts';
import type { Language } from '@excon/domain/vocabulary';
import { api } from '../api/api';
import { formatScenarioTime, formatTime } from '../common/time';
import { ErrorMessage, Loading } from '../common/ui';
import { hasMessage, useI18n, type Translate } from '../i18n/i18n';

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Keys that only name records (ids) or repeat what the action says: not worth a reader's attention. */
const QUIET = new Set(['injectId', 'deliveryId', 'scenarioId', 'releasedByDeliveryId', 'status', 'exerciseId']);

/** The details of an audit event in a few words: ref, posts, lateness, old and new time, speed, … */
export function summariseDetails(event: AuditEventView, t: Translate, postCode: (id: string) => string, zone: string, lang: Language): string {
  const d = event.details;
  const parts: string[] = [];
  const done = new Set<string>(QUIET);
  // A planned STARTEX, should the server record it (`at` or `scheduledFor`).
  for (const key of ['at', 'scheduledFor']) {
    const planned = str(d[key]);
    if (planned && !Number.isNaN(Date.parse(planned))) parts.push(t('audit.planned', { time: formatTime(planned, zone, lang, true) }));
    done.add(key);
  }
  const ref = str(d.ref);
  if (ref) parts.push(ref);
  done.add('ref');
  const from = num(d.from);
  const to = num(d.to);
  if (from !== null && to !== null) parts.push(`${formatScenarioTime(from)} → ${formatScenarioTime(to)}`);
  done.add('from').add('to');
  const offset = num(d.offsetSeconds);
  if (offset !== null) parts.push(t('audit.offset', { time: formatScenarioTime(offset) }));
  done.add('offsetSeconds');
  const post = str(d.commandPostId);
  if (post) parts.push(t('audit.post', { code: postCode(post) }));
  done.add('commandPostId');
  const posts = num(d.posts);
  if (posts !== null) parts.push(t('audit.posts', { count: posts }));
  done.add('posts');
  const injects = num(d.injects);
  if (injects !== null) parts.push(t('audit.injects', { count: injects }));
  done.add('injects');
  const lateness = num(d.latenessMs);
  if (lateness !== null) parts.push(t('audit.lateness', { ms: Math.round(lateness) }));
  done.add('latenessMs');
  const speed = num(d.speed);
  if (speed !== null) parts.push(t('audit.speed', { speed }));
  done.add('speed');
  const title = str(d.title);
  if (title) parts.push(t('audit.renamed', { title }));
  done.add('title');
  const clock = num(d.scenarioSeconds);
  if (clock !== null && event.action.startsWith('exercise.') && event.action !== 'exercise.scheduled')
    parts.push(t('audit.clock', { time: formatScenarioTime(Math.floor(clock)) }));
  done.add('scenarioSeconds');
  // Whatever a newer server adds: shown plainly rather than hidden.
  for (const [key, value] of Object.entries(d)) {
    if (done.has(key) || value === null || value === undefined) continue;
    parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return parts.join(' · ');
}

export function actionLabel(action: string, t: Translate): string {
  const key = `audit.action.${action}`;
  return hasMessage(key) ? t(key) : action;
}

/**
 * The audit trail of one exercise (GET /api/exercises/:id/audit): every control action and what the
 * engine did by itself, oldest first. Re-read whenever `version` changes (the live view saw something happen).
 */
export function AuditTrail({
  exerciseId,
  zone,
  posts,
  version,
}: {
  exerciseId: string;
  zone: string;
  posts: Map<string, CommandPostView>;
  version: string;
}) {
  const { t, lang } = useI18n();
  const [events, setEvents] = useState<AuditEventView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = () => {
    setLoading(true);
    return api
      .audit(exerciseId)
      .then((list) => {
        setEvents(list);
        setFailure(null);
      }, setFailure)
      .finally(() => setLoading(false));
  };
  // A burst of live events (a firing reaches many posts) makes one request, not one each.
  useEffect(() => {
    const timer = setTimeout(() => void load(), events ? 400 : 0);
    return () => clearTimeout(timer);
  }, [exerciseId, version]);

  const postCode = (id: string) => posts.get(id)?.code ?? id.slice(0, 8);
  return (
    <section class="panel audit-panel" aria-labelledby="audit-heading">
      <div class="panel-head">
        <h2 id="audit-heading">
          {t('audit.heading')} {events && <span class="count">{events.length}</span>}
        </h2>
        <button type="button" class="btn btn-small" onClick={() => !loading && void load()} aria-disabled={loading ? 'true' : undefined}>
          {t('audit.refresh')}
        </button>
      </div>
      <ErrorMessage error={failure} />
      {!events ? (
        failure ? null : (
          <Loading />
        )
      ) : events.length === 0 ? (
        <p class="empty">{t('audit.empty')}</p>
      ) : (
        <div class="table-wrap audit-wrap">
          <table class="list-table compact audit" data-testid="audit-trail">
            <caption class="visually-hidden">{t('audit.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {[...events].reverse().map((event) => (
                <tr key={event.id} data-action={event.action}>
                  <td class="mono">
                    <time dateTime={event.at} title={formatTime(event.at, zone, lang, true)}>
                      {formatTime(event.at, zone, lang)}
                    </time>
                  </td>
                  <td>{event.actorId === null && event.actorName === 'engine' ? <span class="hint">{t('audit.engine')}</span> : event.actorName}</td>
                  <td>{actionLabel(event.action, t)}</td>
                  <td class="audit-details">{summariseDetails(event, t, postCode, zone, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CommandPostView, ExerciseReport, ObservationView, ReportCsvTable, ReportObjective } from '@excon/contracts';
import { REPORT_CSV_TABLES } from '@excon/contracts';
import { type ReportDownload } from '../api/report-api';
import { reportApi } from '../api/report-api';
import { formatScenarioTime, formatTime } from '../common/time';
import { href } from '../common/router';
import { ErrorMessage, Loading, ScrollRegion } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { postName } from '../common/post-names';
import { ResponseBars, TimelineChart } from './report-charts';
import { cellRating, formatSeconds, ratingCells, RESPONSE_MEASURES, responseFigures, timelineSeries } from './report-view';

const UTC = 'UTC';

function Downloads({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [table, setTable] = useState<ReportCsvTable>('deliveries');
  const fetchIt = (name: string, choice: ReportDownload) => {
    setBusy(name);
    setFailure(null);
    reportApi
      .download(exerciseId, choice)
      .catch(setFailure)
      .finally(() => setBusy(null));
  };
  return (
    <div class="report-downloads" role="group" aria-label={t('report.downloads')}>
      {(['pdf', 'docx', 'json'] as const).map((format) => (
        <button key={format} type="button" class="btn" disabled={busy !== null} data-format={format} onClick={() => fetchIt(format, { format })}>
          {busy === format ? t('common.loading') : t('report.download', { format: format.toUpperCase() })}
        </button>
      ))}
      <label class="inline-field">
        {t('report.csvTable')}
        <select name="csvTable" value={table} onChange={(e) => setTable(e.currentTarget.value as ReportCsvTable)}>
          {REPORT_CSV_TABLES.map((name) => (
            <option key={name} value={name}>
              {t(`report.table.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="btn" disabled={busy !== null} data-format="csv" onClick={() => fetchIt('csv', { format: 'csv', table })}>
        {busy === 'csv' ? t('common.loading') : t('report.download', { format: 'CSV' })}
      </button>
      <ErrorMessage error={failure} />
    </div>
  );
}

function Overview({ report }: { report: ExerciseReport }) {
  const { t, lang } = useI18n();
  const o = report.overview;
  return (
    <section class="panel report-section" aria-labelledby="overview-heading" data-section="overview">
      <h2 id="overview-heading">{t('report.overview')}</h2>
      <dl class="report-facts">
        <dt>{t('report.scenario')}</dt>
        <dd>{o.scenarioTitle}</dd>
        <dt>{t('report.dates')}</dt>
        <dd>
          {o.startedAt ? formatTime(o.startedAt, UTC, lang, true) : '—'} – {o.completedAt ? formatTime(o.completedAt, UTC, lang, true) : '—'}
        </dd>
        <dt>{t('report.scope')}</dt>
        <dd>{o.scope || '—'}</dd>
        <dt>{t('report.missionArea')}</dt>
        <dd>{o.missionArea ? t(`report.missionArea.${o.missionArea}`) : '—'}</dd>
        <dt>{t('report.posts')}</dt>
        <dd data-testid="overview-posts">{o.posts.map((p) => `${p.code} (${postName(p, lang)})`).join(', ') || '—'}</dd>
      </dl>
      <h3>{t('report.scenarioSummary')}</h3>
      <p class="report-text">{o.scenarioDescription || '—'}</p>
      <h3>{t('report.objectives')}</h3>
      {o.objectives.length === 0 ? (
        <p class="empty">{t('report.noObjectives')}</p>
      ) : (
        <ul class="report-objectives">
          {o.objectives.map((objective) => (
            <li key={objective.ref} data-objective={objective.ref}>
              <strong>{objective.ref}</strong> {objective.title}
              {objective.capabilityTarget && (
                <p>
                  <span class="report-term">{t('report.capabilityTarget')}:</span> {objective.capabilityTarget}
                </p>
              )}
              {(objective.criticalTasks ?? []).length > 0 && (
                <>
                  <span class="report-term">{t('report.criticalTasks')}:</span>
                  <ol>
                    {(objective.criticalTasks ?? []).map((task, i) => (
                      <li key={i}>{task}</li>
                    ))}
                  </ol>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RatingBadge({ rating, title }: { rating: string | null; title?: string }) {
  const { t } = useI18n();
  if (!rating) return <span class="rating rating-none">—</span>;
  return (
    <span class={`rating rating-${rating}`} title={title ?? t(`report.rating.${rating as 'P'}`)}>
      {rating}
    </span>
  );
}

function RatingsGrid({ objectives, posts }: { objectives: ReportObjective[]; posts: CommandPostView[] }) {
  const { t } = useI18n();
  return (
    <ScrollRegion label={t('report.analysis')}>
      <table class="list-table ratings-grid" data-testid="ratings-grid">
        <caption>{t('report.ratingsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('report.objective')}</th>
            {posts.map((p) => (
              <th key={p.id} scope="col">
                {p.code}
              </th>
            ))}
            <th scope="col">{t('report.overall')}</th>
          </tr>
        </thead>
        <tbody>
          {objectives.map((objective) => {
            const cells = ratingCells(objective, posts);
            return (
              <tr key={objective.ref}>
                <th scope="row">{objective.ref}</th>
                {posts.map((p) => {
                  const cell = cells.get(p.id)!;
                  const shown = cellRating(cell);
                  return (
                    <td key={p.id} class={shown ? `rating-cell rating-${shown}` : 'rating-cell'}>
                      {cell.final ? (
                        <span>
                          {cell.final} <span class="visually-hidden">{t('report.final')}</span>
                          <span aria-hidden="true">★</span>
                        </span>
                      ) : cell.ratings.length ? (
                        cell.ratings.map((r) => r.rating).join(' ')
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
                <td>
                  <RatingBadge rating={objective.summary.overall} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">{t('report.ratingsLegend')}</p>
    </ScrollRegion>
  );
}

function ObservationList({ items, posts, testId }: { items: ObservationView[]; posts: Map<string, CommandPostView>; testId: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <p class="empty">{t('report.noObservations')}</p>;
  return (
    <ul class="report-observations" data-testid={testId}>
      {items.map((o) => (
        <li key={o.id}>
          <span class="mono">{formatScenarioTime(o.scenarioSeconds)}</span> {o.text}{' '}
          <span class="hint">
            — {o.authorName}
            {o.commandPostIds.length > 0 && `, ${o.commandPostIds.map((id) => posts.get(id)?.code ?? id).join(', ')}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Analysis({ report }: { report: ExerciseReport }) {
  const { t } = useI18n();
  const posts = report.overview.posts;
  const byId = new Map(posts.map((p) => [p.id, p]));
  return (
    <section class="panel report-section" aria-labelledby="analysis-heading" data-section="analysis">
      <h2 id="analysis-heading">{t('report.analysis')}</h2>
      {report.objectives.length === 0 ? (
        <p class="empty">{t('report.noAnalysis')}</p>
      ) : (
        <>
          <RatingsGrid objectives={report.objectives} posts={posts} />
          {report.objectives.map((objective) => {
            const counts = objective.summary.counts;
            return (
              <article key={objective.ref} class="report-objective" data-objective={objective.ref}>
                <h3>
                  {objective.ref} {objective.title} <RatingBadge rating={objective.summary.overall} />
                </h3>
                <p class="hint">{t('report.counts', { P: counts.P, S: counts.S, M: counts.M, U: counts.U })}</p>
                <h4>{t('report.strengths')}</h4>
                <ObservationList items={objective.strengths} posts={byId} testId="strengths" />
                <h4>{t('report.areasForImprovement')}</h4>
                <ObservationList items={objective.areasForImprovement} posts={byId} testId="improvements" />
              </article>
            );
          })}
        </>
      )}
    </section>
  );
}

function PostFigures({ report }: { report: ExerciseReport }) {
  const { t } = useI18n();
  const stats = report.postStatistics;
  return (
    <section class="panel report-section" aria-labelledby="posts-heading" data-section="posts">
      <h2 id="posts-heading">{t('report.postFigures')}</h2>
      {stats.length === 0 ? (
        <p class="empty">{t('report.noPosts')}</p>
      ) : (
        <>
          <ResponseBars stats={stats} />
          <ScrollRegion labelledBy="posts-heading">
            <table class="list-table report-posts" data-testid="post-table">
              <caption>{t('report.postTableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    {t('report.post')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('report.col.delivered')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('report.col.acknowledged')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('report.col.responded')}
                  </th>
                  {RESPONSE_MEASURES.map((m) => (
                    <th key={m} scope="colgroup" colSpan={3}>
                      {t(`report.measure.${m}`)}
                    </th>
                  ))}
                  <th scope="col" rowSpan={2}>
                    {t('report.col.missed')}
                  </th>
                  <th scope="col" rowSpan={2}>
                    {t('report.col.contingencies')}
                  </th>
                </tr>
                <tr>
                  {RESPONSE_MEASURES.flatMap((m) =>
                    ['p50', 'p90', 'max'].map((q) => (
                      <th key={`${m}${q}`} scope="col">
                        {q}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {stats.map((s) => (
                  <tr key={s.commandPostId} data-post={s.code}>
                    <th scope="row">{s.code}</th>
                    <td data-col="delivered">
                      {s.delivered}/{s.injects}
                    </td>
                    <td data-col="acknowledged">{s.acknowledged}</td>
                    <td data-col="responded">{s.responded}</td>
                    {RESPONSE_MEASURES.flatMap((m) => {
                      const f = responseFigures(s, m);
                      return [f.p50, f.p90, f.max].map((v, i) => (
                        <td key={`${m}${i}`} class="num">
                          {formatSeconds(v)}
                        </td>
                      ));
                    })}
                    <td data-col="missed">{s.overdue}</td>
                    <td data-col="contingencies">{s.contingenciesReleased}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}

function Timeline({ report }: { report: ExerciseReport }) {
  const { t } = useI18n();
  const series = useMemo(() => timelineSeries(report.timeline), [report]);
  const fired = report.timeline.filter((e) => e.deliveries.length > 0);
  return (
    <section class="panel report-section" aria-labelledby="timeline-chart-heading" data-section="timeline">
      <h2 id="timeline-chart-heading">{t('report.timeline')}</h2>
      {fired.length === 0 ? (
        <p class="empty">{t('report.noTimeline')}</p>
      ) : (
        <>
          <TimelineChart series={series} />
          <details>
            <summary>{t('report.timelineTable')}</summary>
            <ScrollRegion labelledBy="timeline-chart-heading">
              <table class="list-table" data-testid="timeline-table">
                <thead>
                  <tr>
                    <th scope="col">{t('report.timeline.time')}</th>
                    <th scope="col">{t('report.inject')}</th>
                    <th scope="col">{t('report.timeline.inTime')}</th>
                    <th scope="col">{t('report.timeline.late')}</th>
                    <th scope="col">{t('report.timeline.none')}</th>
                  </tr>
                </thead>
                <tbody>
                  {fired.map((e) => (
                    <tr key={e.injectId}>
                      <td class="mono">{formatScenarioTime(e.offsetSeconds)}</td>
                      <td>
                        {e.ref} {e.title}
                      </td>
                      <td>{e.acknowledgedInTime}</td>
                      <td>{e.acknowledged - e.acknowledgedInTime}</td>
                      <td>{e.deliveries.length - e.acknowledged}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </details>
        </>
      )}
    </section>
  );
}

function Feedback({ report }: { report: ExerciseReport }) {
  const { t, lang } = useI18n();
  const feedback = report.feedback;
  return (
    <section class="panel report-section" aria-labelledby="feedback-heading" data-section="feedback">
      <h2 id="feedback-heading">{t('report.feedback')}</h2>
      {feedback.responses === 0 ? (
        <p class="empty">{t('report.noFeedback')}</p>
      ) : (
        <>
          <p>{t('report.feedbackCount', { responses: feedback.responses, posts: feedback.posts })}</p>
          {feedback.questions.map((q) => (
            <div key={q.questionId} class="report-question">
              <h3>{q.translations[lang] ?? q.text}</h3>
              {q.kind === 'rating' ? (
                <p>
                  {t('report.feedbackMean', { mean: q.mean === null ? '—' : q.mean.toFixed(1), answers: q.answers })}{' '}
                  <span class="hint">{q.distribution.map((n, i) => `${i + 1}: ${n}`).join(' · ')}</span>
                </p>
              ) : q.texts.length === 0 ? (
                <p class="empty">{t('report.noAnswers')}</p>
              ) : (
                <ul>
                  {q.texts.map((a, i) => (
                    <li key={i}>
                      <span class="hint">{a.commandPostCode}:</span> {a.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </>
      )}
    </section>
  );
}

function Plan({ report }: { report: ExerciseReport }) {
  const { t } = useI18n();
  const plan = report.improvementPlan;
  return (
    <section class="panel report-section" aria-labelledby="plan-heading" data-section="plan">
      <h2 id="plan-heading">{t('report.plan')}</h2>
      {plan.length === 0 ? (
        <p class="empty">{t('report.noPlan')}</p>
      ) : (
        <ScrollRegion labelledBy="plan-heading">
          <table class="list-table" data-testid="plan-table">
            <thead>
              <tr>
                <th scope="col">{t('report.objective')}</th>
                <th scope="col">{t('report.plan.action')}</th>
                <th scope="col">{t('report.plan.element')}</th>
                <th scope="col">{t('report.plan.responsible')}</th>
                <th scope="col">{t('report.plan.contact')}</th>
                <th scope="col">{t('report.plan.start')}</th>
                <th scope="col">{t('report.plan.due')}</th>
                <th scope="col">{t('report.plan.status')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((a) => (
                <tr key={a.id} class={a.overdue ? 'overdue' : undefined}>
                  <td>{a.objectiveRef ?? '—'}</td>
                  <td>{a.action}</td>
                  <td>{t(`report.element.${a.capabilityElement}`)}</td>
                  <td>{a.responsible}</td>
                  <td>{a.pointOfContact ?? '—'}</td>
                  <td>{a.startDate ?? '—'}</td>
                  <td>
                    {a.dueDate}
                    {a.overdue && ` (${t('report.plan.overdue')})`}
                  </td>
                  <td>{t(`report.status.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** The after-action report on screen: the AAR/IP sections, the charts with their tables, and the downloads. */
export function ReportPage({ exerciseId }: { exerciseId: string }) {
  const { t } = useI18n();
  const [report, setReport] = useState<ExerciseReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    setReport(null);
    setFailure(null);
    reportApi.report(exerciseId).then(setReport, setFailure);
  }, [exerciseId]);
  if (!report) return failure ? <ErrorMessage error={failure} /> : <Loading />;
  const totals = report.totals;
  return (
    <div class="report-page" data-testid="report-page">
      <section class="panel run-head" aria-labelledby="report-heading">
        <div class="run-title">
          <h1 id="report-heading">
            {t('report.label')}: {report.overview.title}
          </h1>
          <span class={`status status-${report.overview.status}`}>{t(`exerciseStatus.${report.overview.status}`)}</span>
        </div>
        <p class="hint" data-testid="report-totals">
          {t('report.totals', {
            injects: totals.injects,
            fired: totals.fired,
            deliveries: totals.deliveries,
            acknowledged: totals.acknowledged,
            responded: totals.responded,
            overdue: totals.overdue,
          })}
        </p>
        <a class="btn" href={href(`/reviewer/exercises/${encodeURIComponent(exerciseId)}/replay`)} data-testid="replay-link">
          {t('replay.open')}
        </a>
        <Downloads exerciseId={exerciseId} />
      </section>
      <Overview report={report} />
      <Analysis report={report} />
      <PostFigures report={report} />
      <Timeline report={report} />
      <Feedback report={report} />
      <Plan report={report} />
    </div>
  );
}

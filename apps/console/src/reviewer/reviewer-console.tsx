import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ExerciseSummaryView } from '@excon/contracts';
import { api } from '../api/api';
import { ExerciseTable } from '../common/exercise-table';
import { Layout } from '../common/layout';
import { href } from '../common/router';
import type { Session } from '../common/session';
import { ErrorMessage, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';

function ExerciseIndex() {
  const { t } = useI18n();
  const [exercises, setExercises] = useState<ExerciseSummaryView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => void api.exercises().then(setExercises, setFailure), []);
  return (
    <section class="panel" aria-labelledby="reviewer-exercises-heading">
      <h1 id="reviewer-exercises-heading">{t('exercise.list')}</h1>
      <ErrorMessage error={failure} />
      {!exercises ? (
        failure ? null : (
          <Loading />
        )
      ) : exercises.length === 0 ? (
        <p class="empty">{t('exercise.none')}</p>
      ) : (
        <ExerciseTable exercises={exercises} linkBase="/reviewer/exercises" columns={['injects']} />
      )}
    </section>
  );
}

type ReportPageComponent = ComponentType<{ exerciseId: string }>;
let loaded: ReportPageComponent | null = null;

/** The report page with its charts (uPlot) comes in its own chunk, fetched on first use. */
function LazyReport({ exerciseId }: { exerciseId: string }) {
  const [Page, setPage] = useState<ReportPageComponent | null>(() => loaded);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (Page) return;
    import('./report-page').then((module) => {
      loaded = module.ReportPage;
      setPage(() => module.ReportPage);
    }, setFailure);
  }, []);
  if (!Page) return failure ? <ErrorMessage error={failure} /> : <Loading />;
  return <Page exerciseId={exerciseId} />;
}

/** The reviewer's console: the exercises, and each one's after-action report on screen. */
export function ReviewerConsole({ session, params }: { session: Session; params: Record<string, string> | null }) {
  const { t } = useI18n();
  const role = session.user.role;
  const staff = role === 'controller' || role === 'admin';
  return (
    <Layout
      title={t('report.console')}
      nav={[
        { href: href('/reviewer'), label: t('nav.exercises'), current: !params },
        { href: href('/evaluator'), label: t('nav.timelines') },
        ...(staff ? [{ href: href('/controller'), label: t('nav.controllerHome') }] : []),
      ]}
    >
      {params ? <LazyReport key={params.id} exerciseId={params.id} /> : <ExerciseIndex />}
    </Layout>
  );
}

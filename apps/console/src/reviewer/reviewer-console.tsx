import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ExerciseIndex } from '../common/exercise-table';
import { Layout } from '../common/layout';
import { match } from '../common/router';
import { staffNav } from '../common/staff-nav';
import type { Session } from '../common/session';
import { ErrorMessage, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';

type ExercisePageComponent = ComponentType<{ exerciseId: string }>;
type ExercisePage = 'report' | 'replay';

/** The report page with its charts (uPlot) and the replay each come in their own chunk, fetched on first use. */
const pages: Record<ExercisePage, () => Promise<ExercisePageComponent>> = {
  report: () => import('./report-page').then((module) => module.ReportPage),
  replay: () => import('./replay-page').then((module) => module.ReplayPage),
};
const loaded: Partial<Record<ExercisePage, ExercisePageComponent>> = {};

function LazyPage({ page, exerciseId }: { page: ExercisePage; exerciseId: string }) {
  const [Page, setPage] = useState<ExercisePageComponent | null>(() => loaded[page] ?? null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (Page) return;
    pages[page]().then((component) => {
      loaded[page] = component;
      setPage(() => component);
    }, setFailure);
  }, []);
  if (!Page) return failure ? <ErrorMessage error={failure} /> : <Loading />;
  return <Page exerciseId={exerciseId} />;
}

/** The reviewer's console: the exercises, each one's after-action report on screen, and its replay. */
export function ReviewerConsole({ session, path }: { session: Session; path: string }) {
  const { t } = useI18n();
  const report = match('/reviewer/exercises/:id', path);
  const replay = match('/reviewer/exercises/:id/replay', path);
  const home = !report && !replay;
  return (
    <Layout title={t('report.console')} nav={staffNav(session.user.role, t, home ? 'reviewer' : undefined)}>
      {replay ? (
        <LazyPage key={`replay-${replay.id}`} page="replay" exerciseId={replay.id} />
      ) : report ? (
        <LazyPage key={`report-${report.id}`} page="report" exerciseId={report.id} />
      ) : (
        <ExerciseIndex linkBase="/reviewer/exercises" />
      )}
    </Layout>
  );
}

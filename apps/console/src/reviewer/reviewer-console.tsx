import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ExerciseIndex } from '../common/exercise-table';
import { Layout } from '../common/layout';
import { staffNav } from '../common/staff-nav';
import type { Session } from '../common/session';
import { ErrorMessage, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';

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
  return (
    <Layout title={t('report.console')} nav={staffNav(session.user.role, t, params ? undefined : 'reviewer')}>
      {params ? <LazyReport key={params.id} exerciseId={params.id} /> : <ExerciseIndex linkBase="/reviewer/exercises" />}
    </Layout>
  );
}

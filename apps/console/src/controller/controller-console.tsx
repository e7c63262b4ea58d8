import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView } from '@excon/contracts';
import { api } from '../api/api';
import { Clocks } from '../common/clocks';
import { Layout } from '../common/layout';
import { match } from '../common/router';
import { staffNav } from '../common/staff-nav';
import type { Session } from '../common/session';
import { ConnectionBadge, ErrorMessage, Loading } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { useConnectionStatus, useConsoleSocket } from '../socket/console-socket';
import { ControllerHome } from './controller-home';
import { ExerciseRun } from './exercise-run';
import { ImportWizard } from './import/import-wizard';
import { MselEditor, NewScenario } from './msel-editor';
import { QueueDashboardButton } from './queue-dashboard-button';

/** The controller console: scenarios and their MSEL, exercises and their live control. */
export function ControllerConsole({ session, path }: { session: Session; path: string }) {
  const { t } = useI18n();
  const socket = useConsoleSocket(session.token);
  const connection = useConnectionStatus(socket);
  const [posts, setPosts] = useState<CommandPostView[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => void api.commandPosts().then((list) => setPosts([...list].sort((a, b) => a.code.localeCompare(b.code))), setFailure), []);

  // Exercises are run by controllers; an administrator sees them but does not run them (the API says 403).
  const canRun = session.user.role === 'controller';
  const scenario = match('/controller/scenarios/:id', path);
  const exercise = match('/controller/exercises/:id', path);
  const importVersion = match('/controller/scenarios/:id/import', path);
  let page;
  // The run page and the MSEL editor load their exercise or scenario while the posts load: no waterfall.
  if (!posts && failure) page = <ErrorMessage error={failure} />;
  else if (scenario && scenario.id !== 'new') page = <MselEditor key={scenario.id} scenarioId={scenario.id} posts={posts} />;
  else if (exercise) page = <ExerciseRun key={exercise.id} exerciseId={exercise.id} posts={posts} socket={socket} canRun={canRun} />;
  else if (!posts) page = <Loading />;
  else if (match('/controller/import', path)) page = <ImportWizard key="import" posts={posts} />;
  else if (importVersion) page = <ImportWizard key={`import-${importVersion.id}`} posts={posts} scenarioId={importVersion.id} />;
  else if (scenario?.id === 'new') page = <NewScenario />;
  else page = <ControllerHome canRun={canRun} />;

  return (
    <Layout
      title={t('controller.title')}
      nav={staffNav(session.user.role, t, path === '/controller' ? 'controller' : undefined)}
      status={
        <>
          {!exercise && <Clocks />}
          {session.user.role === 'admin' && <QueueDashboardButton />}
          <ConnectionBadge status={connection} />
        </>
      }
    >
      {page}
    </Layout>
  );
}

import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../common/session';
import { ErrorMessage, Loading } from '../common/ui';

type TrainingPlanComponent = ComponentType<{ session: Session }>;
let loaded: TrainingPlanComponent | null = null;

/** The joint-training plan comes in its own chunk, fetched on first use (like the admin console). */
export function TrainingPlanArea({ session }: { session: Session }) {
  const [Page, setPage] = useState<TrainingPlanComponent | null>(() => loaded);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (Page) return;
    import('./training-plan-page').then((module) => {
      loaded = module.TrainingPlanPage;
      setPage(() => module.TrainingPlanPage);
    }, setFailure);
  }, []);
  if (!Page) return failure ? <ErrorMessage error={failure} /> : <Loading />;
  return <Page session={session} />;
}

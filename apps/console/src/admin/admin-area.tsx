import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../common/session';
import { ErrorMessage, Loading } from '../common/ui';

type AdminConsoleComponent = ComponentType<{ session: Session; path: string }>;
let loaded: AdminConsoleComponent | null = null;

/** The admin console comes in its own chunk, fetched on first use: the other roles never download it. */
export function AdminArea({ session, path }: { session: Session; path: string }) {
  const [Console, setConsole] = useState<AdminConsoleComponent | null>(() => loaded);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (Console) return;
    import('./admin-console').then((module) => {
      loaded = module.AdminConsole;
      setConsole(() => module.AdminConsole);
    }, setFailure);
  }, []);
  if (!Console) return failure ? <ErrorMessage error={failure} /> : <Loading />;
  return <Console session={session} path={path} />;
}

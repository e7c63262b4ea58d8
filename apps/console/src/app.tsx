import { useEffect } from 'preact/hooks';
import { ROLES, type Role } from '@excon/domain/vocabulary';
import { AccountPage } from './account/account-page';
import { ForcedPasswordChange } from './account/forced-password-change';
import { AdminArea } from './admin/admin-area';
import { LoginPage } from './common/login-page';
import { match, navigate, useRoute } from './common/router';
import { session } from './common/session';
import { useStore } from './common/store';
import { ControllerConsole } from './controller/controller-console';
import { EvaluatorConsole } from './evaluator/evaluator-console';
import { language } from './i18n/i18n';
import { OperatorConsole } from './operator/operator-console';
import { ReviewerConsole } from './reviewer/reviewer-console';
import { PlanPage } from './plan/plan-page';
import { DutyPage } from './duty/duty-page';
import { TrainingPlanArea } from './training-plan/training-plan-area';

/** The landing page of each role. */
export function landingPath(role: Role): string {
  switch (role) {
    case 'operator':
      return '/operator';
    case 'controller':
      return '/controller';
    case 'admin':
      return '/admin';
    case 'evaluator':
      return '/evaluator';
    case 'reviewer':
      return '/reviewer';
  }
}

const AREAS: { prefix: string; roles: Role[] }[] = [
  { prefix: '/operator', roles: ['operator'] },
  { prefix: '/controller', roles: ['controller', 'admin'] },
  { prefix: '/evaluator', roles: ['evaluator', 'reviewer', 'controller', 'admin'] },
  { prefix: '/reviewer', roles: ['reviewer', 'evaluator', 'controller', 'admin'] },
  { prefix: '/plan', roles: ['evaluator', 'reviewer', 'controller', 'admin'] },
  { prefix: '/duty', roles: ['evaluator', 'reviewer', 'controller', 'admin'] },
  { prefix: '/training-plan', roles: ['operator', 'evaluator', 'reviewer', 'controller', 'admin'] },
  { prefix: '/admin', roles: ['admin'] },
  { prefix: '/account', roles: [...ROLES] },
];

let languageUserId: string | null = null;

/** Replaces the current route (no history entry) once rendered. */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const current = useStore(session);
  const path = useRoute();
  if (!current) {
    return (
      <>
        {path !== '/login' && <Redirect to="/login" />}
        <LoginPage />
      </>
    );
  }
  // The user's language is theirs: apply it once per login (a later switch updates the user too).
  if (languageUserId !== current.user.id) {
    languageUserId = current.user.id;
    if (language.get() !== current.user.language) language.set(current.user.language);
  }
  // After an admin's reset every other route answers 403 until the user has chosen a new password.
  if (current.user.mustChangePassword) return <ForcedPasswordChange key={current.sessionId} session={current} />;
  const { role } = current.user;
  const area = AREAS.find((a) => path === a.prefix || path.startsWith(`${a.prefix}/`));
  if (!area || !area.roles.includes(role)) return <Redirect to={landingPath(role)} />;
  switch (area.prefix) {
    case '/operator':
      return <OperatorConsole key={current.sessionId} session={current} />;
    case '/controller':
      return <ControllerConsole key={current.sessionId} session={current} path={path} />;
    case '/reviewer':
      return <ReviewerConsole key={current.sessionId} session={current} path={path} />;
    case '/plan':
      return <PlanPage key={current.sessionId} session={current} />;
    case '/training-plan':
      return <TrainingPlanArea key={current.sessionId} session={current} />;
    case '/duty':
      return <DutyPage key={current.sessionId} session={current} />;
    case '/admin':
      return <AdminArea key={current.sessionId} session={current} path={path} />;
    case '/account':
      return <AccountPage key={current.sessionId} session={current} />;
    default:
      return <EvaluatorConsole key={current.sessionId} session={current} params={match('/evaluator/exercises/:id', path)} />;
  }
}

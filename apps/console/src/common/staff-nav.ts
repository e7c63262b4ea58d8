import type { Role } from '@excon/domain/vocabulary';
import type { Translate } from '../i18n/i18n';
import type { NavLink } from './layout';
import { href } from './router';

/** The staff consoles, each at its own route. */
export type StaffConsole = 'controller' | 'evaluator' | 'reviewer' | 'plan' | 'training-plan' | 'duty' | 'admin' | 'account';

/**
 * The navigation every staff console shows, the same links in the same order: scenarios and exercises (controllers
 * and admins: the router admits no one else), evaluation, the after-action reports, the improvement plan, the CRC
 * duty roster, the admin console (admins only) and the user's own account.
 * `current` is the console whose home page is on screen.
 */
export function staffNav(role: Role, t: Translate, current?: StaffConsole): NavLink[] {
  const links: [StaffConsole, string][] = [
    ...(role === 'controller' || role === 'admin' ? [['controller', t('nav.controllerHome')] as [StaffConsole, string]] : []),
    ['evaluator', t('nav.timelines')],
    ['reviewer', t('nav.reports')],
    ['plan', t('plan.nav')],
    ['training-plan', t('tp.nav')],
    ['duty', t('duty.nav')],
    ...(role === 'admin' ? [['admin', t('admin.nav')] as [StaffConsole, string]] : []),
    ['account', t('account.nav')],
  ];
  return links.map(([console, label]) => ({ href: href(`/${console}`), label, current: console === current }));
}

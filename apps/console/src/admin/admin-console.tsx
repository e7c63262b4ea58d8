import type { Session } from '../common/session';
import { Layout } from '../common/layout';
import { href } from '../common/router';
import { staffNav } from '../common/staff-nav';
import type { JSX } from 'preact';
import { useI18n, type MessageKey } from '../i18n/i18n';
import { AuditPage } from './audit';
import { CommandPostsPage } from './command-posts';
import { MemberStatesPage } from './member-states';
import { MinistriesPage } from './ministries';
import { PostGroupsPage } from './post-groups';
import { UsersPage } from './users';
import './admin.css';

const TABS: { path: string; label: MessageKey; Page: () => JSX.Element }[] = [
  { path: 'users', label: 'admin.tab.users', Page: UsersPage },
  { path: 'command-posts', label: 'admin.tab.posts', Page: CommandPostsPage },
  { path: 'post-groups', label: 'admin.tab.groups', Page: PostGroupsPage },
  { path: 'ministries', label: 'admin.tab.ministries', Page: MinistriesPage },
  { path: 'member-states', label: 'admin.tab.memberStates', Page: MemberStatesPage },
  { path: 'audit', label: 'admin.tab.audit', Page: AuditPage },
];

/** The admin console: accounts, the organisation and the audit trail, one tab each at `#/admin/<tab>`. */
export function AdminConsole({ session, path }: { session: Session; path: string }) {
  const { t } = useI18n();
  const tab = TABS.find((x) => path === `/admin/${x.path}`) ?? TABS[0];
  return (
    <Layout title={t('admin.title')} nav={staffNav(session.user.role, t, 'admin')}>
      <nav class="admin-tabs" aria-label={t('admin.tabs')}>
        <ul class="tabs">
          {TABS.map((x) => (
            <li key={x.path}>
              <a href={href(`/admin/${x.path}`)} aria-current={x === tab ? 'page' : undefined}>
                {t(x.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <tab.Page key={tab.path} />
    </Layout>
  );
}

import { useEffect, useState } from 'preact/hooks';
import type { CommandPostView } from '@excon/contracts';
import { api } from '../api/api';
import { Layout } from '../common/layout';
import { href } from '../common/router';
import type { Session } from '../common/session';
import { staffNav } from '../common/staff-nav';
import { ErrorMessage } from '../common/ui';
import { useI18n } from '../i18n/i18n';
import { FeedPanel } from './feed-panel';
import { Invitations } from './invitations';
import { StaffPlan } from './staff-plan';
import './training-plan.css';

/** `#/training-plan`: the year's plan for staff (controllers and admins write it), the post's invitations for operators. */
export function TrainingPlanPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const { role, commandPostId } = session.user;
  const [posts, setPosts] = useState<CommandPostView[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    api.commandPosts().then(setPosts, setFailure);
  }, []);
  if (role === 'operator') {
    return (
      <Layout
        title={t('tp.invitationsTitle')}
        nav={[
          { href: href('/operator'), label: t('tp.injectsNav') },
          { href: href('/training-plan'), label: t('tp.invitationsNav'), current: true },
          { href: href('/account'), label: t('account.nav') },
        ]}
      >
        <div class="tp-page">
          <Invitations postId={commandPostId ?? null} />
          <FeedPanel />
        </div>
      </Layout>
    );
  }
  return (
    <Layout title={t('tp.title')} nav={staffNav(role, t, 'training-plan')}>
      <div class="tp-page">
        <ErrorMessage error={failure} />
        <StaffPlan posts={posts} canWrite={role === 'admin' || role === 'controller'} />
        <FeedPanel />
      </div>
    </Layout>
  );
}

import type { CommandPostView, DutyRosterEntryView, DutyShiftView, PlanActivityView, PostGroupView } from '@excon/contracts';
import { seedDemo } from '../../apps/api/src/demo/demo-seed';
import { DEMO_COMMAND_POSTS, DEMO_PASSWORD, DEMO_STAFF, operatorUsername } from '../../apps/api/src/demo/demo-organisation';
import { startTestPlatform, type TestPlatform } from '../support/test-platform';

/** `npm run demo` seeds through the same services as the API, so its data must pass today's rules (passwords too). */
describe('the demo seed', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('seeds logins that work, bilingual posts, groups and a duty roster, and seeds nothing twice', async () => {
    const printed = await seedDemo(t.platform.app, t.url, t.config);
    expect(printed).toContain(`password "${DEMO_PASSWORD}"`);
    for (const username of [...DEMO_STAFF.map((s) => s.username), operatorUsername(DEMO_COMMAND_POSTS[0].code)]) {
      expect((await t.login(username, DEMO_PASSWORD)).user.username).toBe(username);
    }
    const token = (await t.login('controller', DEMO_PASSWORD)).accessToken;
    const get = async <T>(path: string) => (await t.http().get(path).set('Authorization', `Bearer ${token}`).expect(200)).body as T;
    const posts = await get<CommandPostView[]>('/api/command-posts');
    expect(posts).toHaveLength(DEMO_COMMAND_POSTS.length);
    for (const post of posts) expect(post.names.ru).not.toBe(post.names.en);
    const groups = await get<PostGroupView[]>('/api/post-groups');
    expect(groups.map((g) => g.code).sort()).toEqual(['ALL-MES', 'CENTRAL-ASIA']);
    const shifts = await get<DutyShiftView[]>('/api/duty-shifts');
    expect(shifts.map((s) => s.code)).toEqual(['A', 'B', 'C', 'D']);
    const [from, to] = [new Date(), new Date(Date.now() + 1000)].map((d) => d.toISOString());
    const watches = await get<DutyRosterEntryView[]>(`/api/duty-roster?from=${from}&to=${to}`);
    expect(watches).toHaveLength(1);

    // The plan of next year, with the consultation that organises it (agenda, draft plan, minutes).
    const plan = await get<PlanActivityView[]>('/api/plan/activities');
    expect(plan.length).toBeGreaterThanOrEqual(8);
    const consultation = plan.find((a) => a.kind === 'consultation') as PlanActivityView;
    expect(consultation.agenda).toHaveLength(3);
    expect(consultation.documents.map((d) => d.status)).toEqual(['submitted', 'draft']);
    expect(consultation.minutes[1].actions).toHaveLength(2);
    expect(consultation.invitedCommandPostIds).toHaveLength(posts.length);
    expect(plan.find((a) => a.kind === 'command_post_exercise')?.exerciseId).toEqual(expect.any(String));

    await seedDemo(t.platform.app, t.url, t.config);
    expect(await get<PlanActivityView[]>('/api/plan/activities')).toHaveLength(plan.length);
    expect(await get<CommandPostView[]>('/api/command-posts')).toHaveLength(DEMO_COMMAND_POSTS.length);
    expect(await get<DutyShiftView[]>('/api/duty-shifts')).toHaveLength(4);
  });
});

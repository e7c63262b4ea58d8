import type { CommandPostView, InjectInput, ScenarioView, UserView } from '@excon/contracts';
import type { Role } from '@excon/domain';
import { ADMIN, type TestPlatform } from './test-platform';

export const PASSWORD = 'test-password-1';

let counter = 0;

/** Creates a command post through the API, as an admin would. */
export async function createCommandPost(t: TestPlatform, overrides: Partial<Omit<CommandPostView, 'id'>> = {}): Promise<CommandPostView> {
  counter += 1;
  const response = await t
    .http()
    .post('/api/command-posts')
    .set('Authorization', `Bearer ${await t.adminToken()}`)
    .send({
      code: `CP-${counter}-${process.pid}`,
      name: `Command post ${counter}`,
      memberState: 'KZ',
      ministry: 'emergency',
      timeZone: 'Asia/Almaty',
      ...overrides,
    });
  if (response.status !== 201) throw new Error(`create command post: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CommandPostView;
}

/** Creates a user through the API and logs it in; returns its token too. */
export async function createUser(t: TestPlatform, role: Role, commandPostId?: string): Promise<{ user: UserView; token: string; username: string }> {
  counter += 1;
  const username = `${role}-${counter}-${process.pid}`;
  const response = await t
    .http()
    .post('/api/users')
    .set('Authorization', `Bearer ${await t.adminToken()}`)
    .send({ username, password: PASSWORD, role, ...(commandPostId ? { commandPostId } : {}) });
  if (response.status !== 201) throw new Error(`create user: ${response.status} ${JSON.stringify(response.body)}`);
  const login = await t.login(username, PASSWORD);
  return { user: response.body as UserView, token: login.accessToken, username };
}

export interface RoleUser {
  user: UserView;
  token: string;
  username: string;
}

/** One logged-in user of every role (the operator on a new command post), plus that post. */
export async function createRoleUsers(t: TestPlatform): Promise<{ post: CommandPostView; users: Record<Role, RoleUser> }> {
  const post = await createCommandPost(t);
  const admin = await t.login(ADMIN.username, ADMIN.password);
  const users: Record<Role, RoleUser> = {
    admin: { user: admin.user, token: admin.accessToken, username: ADMIN.username },
    controller: await createUser(t, 'controller'),
    evaluator: await createUser(t, 'evaluator'),
    operator: await createUser(t, 'operator', post.id),
    reviewer: await createUser(t, 'reviewer'),
  };
  return { post, users };
}

/** A valid inject for the given command posts; override any field (with anything, to make it invalid). */
export function injectInput(ref: string, targets: string[], overrides: Record<string, unknown> = {}): InjectInput {
  return { ref, offsetSeconds: 60, title: `Inject ${ref}`, body: `Body of inject ${ref}`, targets, ...overrides };
}

/** Creates a scenario through the API (as a controller or admin) and returns it. */
export async function createScenario(t: TestPlatform, token: string, body: Record<string, unknown>): Promise<ScenarioView> {
  const response = await t.http().post('/api/scenarios').set('Authorization', `Bearer ${token}`).send(body);
  if (response.status !== 201) throw new Error(`create scenario: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ScenarioView;
}

/** The fields a validation error names, as the client sees them. */
export function fieldsOf(body: { details?: { field: string }[] }): string[] {
  return (body.details ?? []).map((d) => d.field);
}

import type { CommandPostView, UserView } from '@excon/contracts';
import type { Role } from '@excon/domain';
import type { TestPlatform } from './test-platform';

export const PASSWORD = 'test-password-1';

let counter = 0;

/** Creates a command post through the API, as an admin would. */
export async function createCommandPost(t: TestPlatform, overrides: Partial<Omit<CommandPostView, 'id'>> = {}): Promise<CommandPostView> {
  counter += 1;
  const response = await t
    .http()
    .post('/api/command-posts')
    .set('Authorization', `Bearer ${await t.adminToken()}`)
    .send({ code: `CP-${counter}-${process.pid}`, name: `Command post ${counter}`, memberState: 'KZ', ministry: 'emergency', timeZone: 'Asia/Almaty', ...overrides });
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

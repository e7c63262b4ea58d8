import type { CommandPostView, ExerciseStateMessage } from '@excon/contracts';
import { connectConsole, eventsOf, type TestConsole } from './consoles';
import { createCommandPost, createUser, type RoleUser } from './fixtures';
import { startTestPlatform, type QueueMode, type TestPlatform } from './test-platform';

/** Staff a suite may ask for besides its controller. */
export type SuiteStaff = 'evaluator' | 'reviewer';

export interface EngineSuiteLayout<S extends SuiteStaff> {
  /** How many command posts. */
  posts: number;
  /** One operator per entry, on the post of that index (`[0, 1, 0]`: two on the first post, one on the second). */
  operators: number[];
  /** Staff besides the controller, one user each. */
  staff?: S[];
}

/** What an engine suite works with: one platform on its own database and Redis prefix, its posts and users (`S`: the staff asked for). */
export type EngineSuite<S extends SuiteStaff = never> = SuiteBase & Record<S, RoleUser>;

interface SuiteBase {
  t: TestPlatform;
  posts: CommandPostView[];
  operators: RoleUser[];
  controller: RoleUser;
  /** Every console opened with `open`, closed by `stop`. */
  consoles: TestConsole[];
  /** Connects a console with a token and keeps it for `stop`. */
  open(token: string): Promise<TestConsole>;
  /** Closes the consoles, stops the platform, drops its database and Redis keys. */
  stop(): Promise<void>;
}

/**
 * The set-up every engine suite shares (tests/engine/*.test.ts): the whole platform in this process
 * with the given queues, `layout.posts` command posts, a controller, the staff asked for and one
 * operator per entry of `layout.operators`. Call it in `beforeAll` and `stop` it in `afterAll`; a set-up
 * that fails half way stops what it had started.
 */
export async function startEngineSuite<S extends SuiteStaff = never>(queueMode: QueueMode, layout: EngineSuiteLayout<S>): Promise<EngineSuite<S>> {
  const t = await startTestPlatform({ queueMode });
  const consoles: TestConsole[] = [];
  const stop = async () => {
    consoles.forEach((c) => c.close());
    await t.stop();
  };
  try {
    const posts: CommandPostView[] = [];
    for (let i = 0; i < layout.posts; i++) posts.push(await createCommandPost(t));
    const controller = await createUser(t, 'controller');
    const staff = {} as Record<S, RoleUser>;
    for (const role of layout.staff ?? []) staff[role] = await createUser(t, role);
    const operators: RoleUser[] = [];
    for (const post of layout.operators) operators.push(await createUser(t, 'operator', posts[post].id));
    const open = async (token: string) => {
      const c = await connectConsole(t.url, token);
      consoles.push(c);
      return c;
    };
    return { ...staff, t, posts, operators, controller, consoles, open, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/** The injects a console received for one exercise, in arrival order. */
export function injectsOf(c: TestConsole, exerciseId: string): TestConsole['injects'] {
  return c.injects.filter((i) => i.exerciseId === exerciseId);
}

/** The `exercise:state` messages a console received for one exercise, in arrival order. */
export function statesOf(c: TestConsole, exerciseId: string): (ExerciseStateMessage & { receivedAt: number })[] {
  return eventsOf<ExerciseStateMessage>(c, 'exercise:state').filter((s) => s.exerciseId === exerciseId);
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { CommandPostView, DeliveryView, ExerciseView, InjectInput } from '@excon/contracts';
import { ask, waitFor, type TestConsole } from './consoles';
import { control, createExercise, getDeliveries, inject, injectOf } from './exercises';
import { createCommandPost, createUser, type RoleUser } from './fixtures';
import { ADMIN, type TestPlatform } from './test-platform';

/**
 * Two command posts (an operator each), staff of every role and exercises between them, seeded through the
 * API with text distinctive per post, so that anything of one post in an answer to the other's operator is
 * found by a substring search (see `foreignData`).
 */

/** An inject time no test waits for: these injects stay unfired for the whole suite. */
export const NEVER_SECONDS = 2_000_000;

export type StaffRole = 'admin' | 'controller' | 'evaluator' | 'reviewer';

export interface PostSide {
  name: 'alpha' | 'bravo';
  post: CommandPostView;
  operator: RoleUser;
  /** Deliveries to this post, every exercise. */
  deliveries: DeliveryView[];
  /** Ids of injects (exercise and scenario copies) that target this post only. */
  ownInjectIds: string[];
  /** Ids of exercises that only this post takes part in. */
  ownExerciseIds: string[];
  /** Every string of this post that the other post's operator must never be answered. */
  secrets: string[];
}

export interface SecurityWorld {
  tag: string;
  alpha: PostSide;
  bravo: PostSide;
  staff: Record<StaffRole, RoleUser>;
  /** Running; injects fired to each post, acknowledged and answered; unfired injects for each post. */
  shared: ExerciseView;
  /** Completed; each post received an inject. */
  completed: ExerciseView;
  /** Running; only bravo takes part (bravo's deliveries only). */
  bravoOnly: ExerciseView;
  /** Running; fired to bravo only, while an unfired inject targets alpha (issue 8 item 9). */
  mselLeak: ExerciseView;
  scenarioIds: string[];
  /** Scenario inject ids of every scenario. */
  scenarioInjectIds: string[];
  userIds: string[];
}

function side(name: 'alpha' | 'bravo', post: CommandPostView, operator: RoleUser): PostSide {
  return {
    name,
    post,
    operator,
    deliveries: [],
    ownInjectIds: [],
    ownExerciseIds: [],
    secrets: [post.id, post.code, post.name, operator.user.id, operator.username],
  };
}

async function firedDeliveries(t: TestPlatform, token: string, exerciseId: string, count: number): Promise<DeliveryView[]> {
  let deliveries: DeliveryView[] = [];
  await waitFor(
    async () => (deliveries = await getDeliveries(t, token, exerciseId)).length >= count,
    `${count} deliveries of exercise ${exerciseId}`,
    30_000,
  );
  return deliveries;
}

/** The seeded world; `consoles` (optional) are connected before anything fires, to record every push. */
export async function seedSecurityWorld(t: TestPlatform): Promise<SecurityWorld> {
  const tag = randomBytes(3).toString('hex');
  const alphaPost = await createCommandPost(t, { code: `ALPHA-${tag}`, name: `Alpha post ${tag}` });
  const bravoPost = await createCommandPost(t, { code: `BRAVO-${tag}`, name: `Bravo post ${tag}` });
  const admin = await t.login(ADMIN.username, ADMIN.password);
  const staff: Record<StaffRole, RoleUser> = {
    admin: { user: admin.user, token: admin.accessToken, username: ADMIN.username },
    controller: await createUser(t, 'controller'),
    evaluator: await createUser(t, 'evaluator'),
    reviewer: await createUser(t, 'reviewer'),
  };
  const alpha = side('alpha', alphaPost, await createUser(t, 'operator', alphaPost.id));
  const bravo = side('bravo', bravoPost, await createUser(t, 'operator', bravoPost.id));
  return { tag, alpha, bravo, staff } as SecurityWorld;
}

/** An inject of one post only: its ref, title and body name the post, so they count as that post's secrets. */
function ownInject(s: PostSide, tag: string, n: number, offsetSeconds: number): InjectInput {
  const upper = s.name.toUpperCase();
  return inject(`${upper}-${tag}-${n}`, offsetSeconds, [s.post.id], {
    title: `${upper} only title ${tag} ${n}`,
    body: `${upper} only body ${tag} ${n}`,
  });
}

function noteOwnInject(s: PostSide, input: InjectInput): void {
  s.secrets.push(input.ref, input.title, input.body);
}

/**
 * The exercises: started (and one completed), injects fired to each post, acknowledged and answered by
 * the operators through their consoles (which must be connected: `consoles.alpha`, `consoles.bravo`).
 */
export async function runSecurityExercises(
  t: TestPlatform,
  world: SecurityWorld,
  consoles: { alpha: TestConsole; bravo: TestConsole },
): Promise<SecurityWorld> {
  const { tag, alpha, bravo } = world;
  const controller = world.staff.controller.token;
  const sharedInject = inject(`SHARED-${tag}-1`, 0, [alpha.post.id, bravo.post.id], { title: `Shared title ${tag}`, body: `Shared body ${tag}` });
  const injects = {
    shared: [
      sharedInject,
      ownInject(alpha, tag, 1, 0),
      ownInject(alpha, tag, 2, 0),
      ownInject(bravo, tag, 1, 0),
      ownInject(bravo, tag, 2, 0),
      ownInject(alpha, tag, 9, NEVER_SECONDS),
      ownInject(bravo, tag, 9, NEVER_SECONDS),
    ],
    completed: [inject(`SHARED-${tag}-2`, 0, [alpha.post.id, bravo.post.id]), ownInject(alpha, tag, 3, 0), ownInject(bravo, tag, 3, 0)],
    bravoOnly: [ownInject(bravo, tag, 4, 0), ownInject(bravo, tag, 5, NEVER_SECONDS)],
    // Bravo's inject fires; alpha's only inject never does: alpha must learn nothing of it or of bravo.
    mselLeak: [ownInject(bravo, tag, 6, 0), ownInject(alpha, tag, 7, NEVER_SECONDS)],
  };
  for (const list of Object.values(injects)) {
    for (const i of list) {
      if (i.targets.length !== 1) continue;
      noteOwnInject(i.targets[0] === alpha.post.id ? alpha : bravo, i);
    }
  }
  const created: Record<keyof typeof injects, { exercise: ExerciseView; scenarioId: string; scenarioInjectIds: string[] }> = {} as never;
  for (const [key, list] of Object.entries(injects) as [keyof typeof injects, InjectInput[]][]) {
    const { scenario, exercise } = await createExercise(t, controller, list);
    created[key] = { exercise, scenarioId: scenario.id, scenarioInjectIds: scenario.injects.map((i) => i.id) };
    for (const i of list) {
      if (i.targets.length !== 1) continue;
      const owner = i.targets[0] === alpha.post.id ? alpha : bravo;
      owner.ownInjectIds.push(injectOf(exercise, i.ref).id, scenario.injects.find((s) => s.ref === i.ref)?.id as string);
    }
  }
  bravo.ownExerciseIds.push(created.bravoOnly.exercise.id);
  // The bravo-only exercise's title is bravo's too (alpha's operator must not hear of that exercise).
  await t
    .http()
    .patch(`/api/exercises/${created.bravoOnly.exercise.id}`)
    .set('Authorization', `Bearer ${controller}`)
    .send({ title: `BRAVO only exercise ${tag}` });
  bravo.secrets.push(created.bravoOnly.exercise.id, `BRAVO only exercise ${tag}`);

  const fired: Record<keyof typeof injects, DeliveryView[]> = {} as never;
  const expected = { shared: 6, completed: 4, bravoOnly: 1, mselLeak: 1 };
  for (const key of Object.keys(injects) as (keyof typeof injects)[]) {
    await control(t, controller, created[key].exercise.id, 'start');
    fired[key] = await firedDeliveries(t, controller, created[key].exercise.id, expected[key]);
  }
  await control(t, controller, created.completed.exercise.id, 'stop');

  // The operators receive, acknowledge and answer what reached them in the shared exercise.
  for (const s of [alpha, bravo]) {
    const socket = consoles[s.name].socket;
    const mine = Object.values(fired)
      .flat()
      .filter((d) => d.commandPostId === s.post.id);
    s.deliveries = mine;
    s.secrets.push(...mine.map((d) => d.id));
    const inShared = mine.filter((d) => d.exerciseId === created.shared.exercise.id);
    for (const d of inShared) expectOk(await ask(socket, 'inject:received', { deliveryId: d.id }), 'inject:received');
    expectOk(await ask(socket, 'inject:acknowledge', { deliveryId: inShared[0].id }), 'inject:acknowledge');
    const text = `${s.name.toUpperCase()} response ${tag}`;
    expectOk(await ask(socket, 'inject:respond', { deliveryId: inShared[1].id, text }), 'inject:respond');
    s.secrets.push(text);
  }

  const get = async (id: string) => (await t.http().get(`/api/exercises/${id}`).set('Authorization', `Bearer ${controller}`)).body as ExerciseView;
  world.shared = await get(created.shared.exercise.id);
  world.completed = await get(created.completed.exercise.id);
  world.bravoOnly = await get(created.bravoOnly.exercise.id);
  world.mselLeak = await get(created.mselLeak.exercise.id);
  world.scenarioIds = Object.values(created).map((c) => c.scenarioId);
  world.scenarioInjectIds = Object.values(created).flatMap((c) => c.scenarioInjectIds);
  world.userIds = [alpha.operator.user.id, bravo.operator.user.id, ...Object.values(world.staff).map((u) => u.user.id)];
  return world;
}

function expectOk(ack: unknown, what: string): void {
  if (typeof ack !== 'object' || ack === null || (ack as { ok?: unknown }).ok !== true)
    throw new Error(`seeding: ${what} answered ${JSON.stringify(ack)}`);
}

/**
 * The secrets of `other` found in what was answered to `self`'s operator, leaving out whatever the
 * client itself sent (an id echoed back in an error tells the client nothing new). `directory`: the
 * answer is GET /api/command-posts, which CONTRACT.md gives every role (consoles show post names), so
 * the other post's id, code and name are allowed there and only its exercise data counts.
 */
export function foreignData(other: PostSide, answer: string, sent: string, options: { directory?: boolean } = {}): string[] {
  const text = answer.toLowerCase();
  const request = sent.toLowerCase();
  const allowed = options.directory ? new Set([other.post.id, other.post.code, other.post.name].map((s) => s.toLowerCase())) : new Set<string>();
  return [...new Set(other.secrets)].filter((secret) => {
    const s = secret.toLowerCase();
    return !allowed.has(s) && !request.includes(s) && text.includes(s);
  });
}

/**
 * Keys an operator's answer must not carry (CONTRACT.md v2: nothing that depends on an unfired inject, "no
 * injectCount, no list of participating posts"). Returns the paths where one was found.
 */
export function mselKeys(value: unknown, path = 'body'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => mselKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [
    ...(key === 'injectCount' ? [`${path}.${key}`] : []),
    ...mselKeys(child, `${path}.${key}`),
  ]);
}

/** What an answer's body is, as text to search (JSON as sent, anything else as its text). */
export function answerText(response: { text?: string; body?: unknown }): string {
  if (typeof response.text === 'string' && response.text.length) return response.text;
  return JSON.stringify(response.body ?? '');
}

/**
 * A fingerprint of the suite's database: a hash per table of the `public` schema (every ExCon table but
 * MikroORM's migration list), over its rows in a stable order. Audit events of reads (if the app ever
 * records any) and of refused logins are left out: a refused request may be logged as read. BullMQ's schema is not ExCon data.
 */
export class DatabaseFingerprint {
  private client?: Client;
  private tables: string[] = [];

  constructor(private readonly databaseUrl: string) {}

  async open(): Promise<void> {
    this.client = new Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    const rows = await this.client.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'mikro_orm_migrations' order by table_name`,
    );
    this.tables = rows.rows.map((r) => r.table_name);
    if (!this.tables.includes('delivery') || !this.tables.includes('exercise')) throw new Error(`unexpected tables: ${this.tables.join(', ')}`);
  }

  get tableNames(): string[] {
    return [...this.tables];
  }

  /** Table name → hash of its rows. */
  async take(): Promise<Record<string, string>> {
    if (!this.client) throw new Error('open() first');
    const parts = this.tables.map((table) => {
      // A refused login is recorded like a read: the attempt itself is what the trail keeps.
      const where = table === 'audit_event' ? ` where action !~* '(^|[._])(read|viewed|listed|exported|downloaded|login_failed)$'` : '';
      // A session's last_seen_at moves with every request, refused ones too: bookkeeping, not a change.
      const row = table === 'user_session' ? `(row_to_json(x)::jsonb - 'last_seen_at')::text` : 'row_to_json(x)::text';
      return `select '${table}' as t, md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as h from (select ${row} as r from "${table}" x${where}) s`;
    });
    const rows = await this.client.query<{ t: string; h: string }>(parts.join(' union all '));
    return Object.fromEntries(rows.rows.map((r) => [r.t, r.h]));
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}

/** The tables whose hash differs between two fingerprints. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

export interface Failure {
  property: string;
  where: string;
  detail: string;
}

/** Failures grouped by property and place; the first example of each is kept. */
export class Failures {
  private readonly seen = new Map<string, { failure: Failure; count: number }>();
  add(failure: Failure): void {
    const key = `${failure.property} | ${failure.where}`;
    const entry = this.seen.get(key);
    if (entry) entry.count += 1;
    else this.seen.set(key, { failure, count: 1 });
  }
  get size(): number {
    return this.seen.size;
  }
  report(): string[] {
    return [...this.seen.values()].map(({ failure, count }) => `${failure.property} | ${failure.where} | ×${count} | ${failure.detail}`);
  }
}

export const cut = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

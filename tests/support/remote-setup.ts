import request from 'supertest';
import type { ExerciseView, InjectInput } from '@excon/contracts';
import { ADMIN } from './services';
import { freePort, spawnServer, stopServer, waitForHealth, type ServerEntry, type ServerProcess } from './server-process';

/** Seeds posts, operators and a controller through the REST API of a server process; returns their tokens. */
export async function seedOverHttp(url: string, postCount: number): Promise<{ posts: string[]; operatorTokens: string[]; controllerToken: string }> {
  const login = async (username: string, password: string) => {
    const response = await request(url).post('/api/auth/login').send({ username, password });
    if (response.status !== 200) throw new Error(`login ${username}: ${response.status}`);
    return response.body.accessToken as string;
  };
  const admin = await login(ADMIN.username, ADMIN.password);
  const posts: string[] = [];
  const operatorTokens: string[] = [];
  const tag = `${process.pid}${Date.now().toString(36)}`;
  for (let i = 0; i < postCount; i++) {
    const post = await request(url)
      .post('/api/command-posts')
      .set('Authorization', `Bearer ${admin}`)
      .send({ code: `R${i}-${tag}`, name: `Post ${i}`, memberState: 'BY', ministry: 'defense', timeZone: 'Europe/Minsk' });
    posts.push(post.body.id as string);
    await request(url)
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ username: `op${i}-${tag}`, password: 'operator-password', role: 'operator', commandPostId: post.body.id });
    operatorTokens.push(await login(`op${i}-${tag}`, 'operator-password'));
  }
  await request(url)
    .post('/api/users')
    .set('Authorization', `Bearer ${admin}`)
    .send({ username: `ctl-${tag}`, password: 'controller-password', role: 'controller' });
  return { posts, operatorTokens, controllerToken: await login(`ctl-${tag}`, 'controller-password') };
}

export async function createExerciseOverHttp(url: string, token: string, injects: InjectInput[], speed: number): Promise<ExerciseView> {
  const scenario = await request(url).post('/api/scenarios').set('Authorization', `Bearer ${token}`).send({ title: 'Resilience', injects });
  if (scenario.status !== 201) throw new Error(`scenario: ${scenario.status} ${JSON.stringify(scenario.body)}`);
  const exercise = await request(url).post('/api/exercises').set('Authorization', `Bearer ${token}`).send({ scenarioId: scenario.body.id, speed });
  if (exercise.status !== 201) throw new Error(`exercise: ${exercise.status} ${JSON.stringify(exercise.body)}`);
  return exercise.body as ExerciseView;
}

export function serverEnv(databaseUrl: string, redisPrefix: string, redis: boolean, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    ...(redis ? { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
    EXCON_REDIS_PREFIX: redisPrefix,
    EXCON_ADMIN_USERNAME: ADMIN.username,
    EXCON_ADMIN_PASSWORD: ADMIN.password,
    EXCON_JWT_SECRET: 'resilience-secret-resilience-secret-0123456789',
    EXCON_DATA_DIR: '/tmp/excon-resilience-unused',
    ...extra,
  };
}

/** A built server process listening on its own port, healthy. */
export interface RunningServer {
  process: ServerProcess;
  url: string;
  port: number;
}

/** `entry`: which built entry point (default both roles in one process; 'api' or 'worker' alone need Redis). */
export async function startServer(env: Record<string, string>, options: { port?: number; entry?: ServerEntry } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const server = spawnServer({ EXCON_LOG_LEVEL: 'warn', ...env, PORT: String(port) }, options.entry);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(server, url);
  return { process: server, url, port };
}

/** SIGTERM (a clean stop), or SIGKILL when it does not exit in time. */
export async function stopRunning(server: RunningServer): Promise<void> {
  if (server.process.child.exitCode !== null || server.process.child.signalCode !== null) return;
  await stopServer(server.process, 'SIGTERM').catch(() => stopServer(server.process, 'SIGKILL'));
}

export async function killRunning(server: RunningServer): Promise<void> {
  await stopServer(server.process, 'SIGKILL');
}

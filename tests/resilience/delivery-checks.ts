import request from 'supertest';
import type { DeliveryView, ExerciseView, InjectInput } from '@excon/contracts';
import { ask, type TestConsole } from '../support/consoles';

/** GET /api/exercises/:id over HTTP (throws unless 200). */
export async function exerciseOverHttp(url: string, token: string, id: string): Promise<ExerciseView> {
  const response = await request(url).get(`/api/exercises/${id}`).set('Authorization', `Bearer ${token}`).timeout(10_000);
  if (response.status !== 200) throw new Error(`get exercise: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ExerciseView;
}

/** Whether every inject of the exercise has fired (false while the server cannot answer). */
export async function allFired(url: string, token: string, id: string): Promise<boolean> {
  try {
    return (await exerciseOverHttp(url, token, id)).injects?.every((i) => i.status === 'fired') ?? false;
  } catch {
    return false;
  }
}

/**
 * After the exercise: every inject reached every targeted post exactly once (one delivery per
 * (inject, post)), seq runs 1..n per post in MSEL order (the order of (offsetSeconds, ref)), and each
 * post's console has the same record, live events plus a sync from 0, with no delivery received twice live.
 */
export async function expectEveryInjectOnceInMselOrder(
  url: string,
  token: string,
  exerciseId: string,
  plan: InjectInput[],
  posts: string[],
  consoles: TestConsole[],
): Promise<void> {
  const view = await exerciseOverHttp(url, token, exerciseId);
  expect(view.injects?.filter((i) => i.status !== 'fired').map((i) => `${i.ref}:${i.status}`)).toEqual([]);
  const refOf = new Map((view.injects ?? []).map((i) => [i.id, i.ref]));
  const response = await request(url).get(`/api/exercises/${exerciseId}/deliveries`).set('Authorization', `Bearer ${token}`).timeout(10_000);
  expect(response.status).toBe(200);
  const deliveries = response.body as DeliveryView[];
  const pairs = deliveries.map((d) => `${refOf.get(d.injectId)}/${d.commandPostId}`);
  const expectedPairs = plan.flatMap((i) => i.targets.map((post) => `${i.ref}/${post}`));
  expect([...pairs].sort()).toEqual([...expectedPairs].sort());
  const msel = [...plan].sort((a, b) => a.offsetSeconds - b.offsetSeconds || a.ref.localeCompare(b.ref));
  for (const [k, post] of posts.entries()) {
    const own = deliveries.filter((d) => d.commandPostId === post).sort((a, b) => a.seq - b.seq);
    expect(own.map((d) => d.seq)).toEqual(Array.from({ length: own.length }, (_, i) => i + 1));
    expect(own.map((d) => refOf.get(d.injectId))).toEqual(msel.filter((i) => i.targets.includes(post)).map((i) => i.ref));
    const live = consoles[k].injects.filter((m) => m.exerciseId === exerciseId).map((m) => m.deliveryId);
    expect(live.length - new Set(live).size).toBe(0);
    const synced = await ask(consoles[k].socket, 'sync', { exerciseId, afterSeq: 0 });
    if (!synced.ok) throw new Error(synced.error);
    expect(synced.injects.map((m) => m.deliveryId)).toEqual(own.map((d) => d.id));
    // Whatever came live is part of that record, under the same seq.
    const seqOf = new Map(own.map((d) => [d.id, d.seq]));
    for (const m of consoles[k].injects.filter((x) => x.exerciseId === exerciseId)) expect(m.seq).toBe(seqOf.get(m.deliveryId));
  }
}

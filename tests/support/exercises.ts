import type { DeliveryView, ExerciseInjectView, ExerciseView, InjectInput, ScenarioView } from '@excon/contracts';
import type { TestPlatform } from './test-platform';

/** Creates a scenario with these injects (as the controller) and an exercise from it. */
export async function createExercise(
  t: TestPlatform,
  controllerToken: string,
  injects: InjectInput[],
  speed = 1,
): Promise<{ scenario: ScenarioView; exercise: ExerciseView }> {
  const scenarioResponse = await t
    .http()
    .post('/api/scenarios')
    .set('Authorization', `Bearer ${controllerToken}`)
    .send({ title: `Scenario ${Date.now()}`, injects });
  if (scenarioResponse.status !== 201) throw new Error(`create scenario: ${scenarioResponse.status} ${JSON.stringify(scenarioResponse.body)}`);
  const exerciseResponse = await t
    .http()
    .post('/api/exercises')
    .set('Authorization', `Bearer ${controllerToken}`)
    .send({ scenarioId: scenarioResponse.body.id, speed });
  if (exerciseResponse.status !== 201) throw new Error(`create exercise: ${exerciseResponse.status} ${JSON.stringify(exerciseResponse.body)}`);
  return { scenario: scenarioResponse.body as ScenarioView, exercise: exerciseResponse.body as ExerciseView };
}

export async function control(t: TestPlatform, token: string, exerciseId: string, action: string, body: object = {}): Promise<ExerciseView> {
  const response = await t.http().post(`/api/exercises/${exerciseId}/${action}`).set('Authorization', `Bearer ${token}`).send(body);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ExerciseView;
}

export function inject(ref: string, offsetSeconds: number, targets: string[], extra: Partial<InjectInput> = {}): InjectInput {
  return { ref, offsetSeconds, title: `Inject ${ref}`, body: `Body of ${ref}`, targets, ...extra };
}

/** GET /api/exercises/:id as `token` (throws unless 200). */
export async function getExercise(t: TestPlatform, token: string, exerciseId: string): Promise<ExerciseView> {
  const response = await t.http().get(`/api/exercises/${exerciseId}`).set('Authorization', `Bearer ${token}`);
  if (response.status !== 200) throw new Error(`get exercise: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as ExerciseView;
}

/** GET /api/exercises/:id/deliveries as `token` (throws unless 200). */
export async function getDeliveries(t: TestPlatform, token: string, exerciseId: string): Promise<DeliveryView[]> {
  const response = await t.http().get(`/api/exercises/${exerciseId}/deliveries`).set('Authorization', `Bearer ${token}`);
  if (response.status !== 200) throw new Error(`get deliveries: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as DeliveryView[];
}

/** The exercise inject with this ref (staff view). */
export function injectOf(exercise: ExerciseView, ref: string): ExerciseInjectView {
  const found = exercise.injects?.find((i) => i.ref === ref);
  if (!found) throw new Error(`exercise ${exercise.id} has no inject ${ref}`);
  return found;
}

/** POST /api/exercises/:id/injects/:injectId/<action> (fire, hold, release, skip, retime); the raw response. */
export function injectAction(
  t: TestPlatform,
  token: string,
  exerciseId: string,
  injectId: string,
  action: 'fire' | 'hold' | 'release' | 'skip' | 'retime',
  body: object = {},
) {
  return t.http().post(`/api/exercises/${exerciseId}/injects/${injectId}/${action}`).set('Authorization', `Bearer ${token}`).send(body);
}

/** Wall time (epoch ms) at which an inject at `offsetSeconds` is planned, from the exercise's STARTEX and speed (no pauses). */
export function plannedAt(exercise: Pick<ExerciseView, 'startedAt' | 'speed'>, offsetSeconds: number): number {
  if (!exercise.startedAt) throw new Error('the exercise has not started');
  return Date.parse(exercise.startedAt) + (offsetSeconds * 1000) / exercise.speed;
}

/**
 * How early or late an arrival may be in tests on a loaded 2-core box (other suites run at the same time).
 * Precision is measured by the benchmark, not by tests: these bounds only catch what a user would notice (a
 * firing on a tick, or seconds late); 750 ms failed a fresh-clone run once on a loaded machine (1,273 ms).
 */
export const ON_TIME = { earlyMs: 20, lateMs: 1500 } as const;

/** Expects `actualAt` within ON_TIME of `expectedAt`; a failure names `what` and the lateness in ms. */
export function expectOnTime(what: string, actualAt: number, expectedAt: number, bounds: { earlyMs?: number; lateMs?: number } = {}): void {
  const { earlyMs, lateMs } = { ...ON_TIME, ...bounds };
  const lateByMs = Math.round(actualAt - expectedAt);
  expect({ what, lateByMs, onTime: lateByMs >= -earlyMs && lateByMs < lateMs }).toEqual({ what, lateByMs, onTime: true });
}

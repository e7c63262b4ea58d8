import type { ExerciseView, InjectInput, ScenarioView } from '@excon/contracts';
import type { TestPlatform } from './test-platform';

/** Creates a scenario with these injects (as the controller) and an exercise from it. */
export async function createExercise(t: TestPlatform, controllerToken: string, injects: InjectInput[], speed = 1): Promise<{ scenario: ScenarioView; exercise: ExerciseView }> {
  const scenarioResponse = await t.http().post('/api/scenarios').set('Authorization', `Bearer ${controllerToken}`).send({ title: `Scenario ${Date.now()}`, injects });
  if (scenarioResponse.status !== 201) throw new Error(`create scenario: ${scenarioResponse.status} ${JSON.stringify(scenarioResponse.body)}`);
  const exerciseResponse = await t.http().post('/api/exercises').set('Authorization', `Bearer ${controllerToken}`).send({ scenarioId: scenarioResponse.body.id, speed });
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

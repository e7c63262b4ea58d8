import type { Scenario, ScenarioInject } from '@excon/persistence';
import type { InjectView, ScenarioView } from '@excon/contracts';

export function toInjectView(inject: ScenarioInject): InjectView {
  return {
    id: inject.id,
    ref: inject.ref,
    offsetSeconds: inject.offsetSeconds,
    title: inject.title,
    body: inject.body,
    targets: inject.targets,
    precedence: inject.precedence,
    from: inject.from,
    expectedAction: inject.expectedAction,
    ackWithinSeconds: inject.ackWithinSeconds,
    respondWithinSeconds: inject.respondWithinSeconds,
    objectiveRefs: inject.objectiveRefs,
    translations: inject.translations,
    contingencyRef: inject.contingencyRef,
    contingency: inject.contingency,
  };
}

/** MSEL order: by offset, then by ref in code-point order (the same whatever the database's collation). */
export function compareInjects(a: Pick<ScenarioInject, 'offsetSeconds' | 'ref'>, b: Pick<ScenarioInject, 'offsetSeconds' | 'ref'>): number {
  return a.offsetSeconds - b.offsetSeconds || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
}

/** Injects ordered by offset, then ref. */
export function toScenarioView(scenario: Scenario): ScenarioView {
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    language: scenario.language,
    objectives: scenario.objectives,
    injects: [...scenario.injects.getItems()].sort(compareInjects).map(toInjectView),
    createdAt: scenario.createdAt.toISOString(),
    updatedAt: scenario.updatedAt.toISOString(),
  };
}

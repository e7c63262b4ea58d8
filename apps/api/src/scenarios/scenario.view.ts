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

/** Injects ordered by offset, then ref (the collection is loaded in that order). */
export function toScenarioView(scenario: Scenario): ScenarioView {
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    language: scenario.language,
    objectives: scenario.objectives,
    injects: scenario.injects.getItems().map(toInjectView),
    createdAt: scenario.createdAt.toISOString(),
    updatedAt: scenario.updatedAt.toISOString(),
  };
}

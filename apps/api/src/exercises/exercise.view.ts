import { scenarioMsAt } from '@excon/domain';
import type { Exercise } from '@excon/persistence';
import type { ExerciseInjectView, ExerciseSummaryView, ExerciseView } from '@excon/contracts';

/**
 * An exercise as its reader may see it. `injects` (and what depends on them: the participating posts)
 * are given for staff only; an operator's view carries nothing that depends on an unfired inject.
 */
export function toExerciseView(exercise: Exercise, injects: ExerciseInjectView[] | undefined, now = Date.now()): ExerciseView {
  return {
    id: exercise.id,
    scenarioId: exercise.scenario.id,
    title: exercise.title,
    status: exercise.status,
    speed: exercise.speed,
    scheduledFor: exercise.scheduledFor?.toISOString() ?? null,
    startedAt: exercise.startedAt?.toISOString() ?? null,
    pausedAt: exercise.pausedAt?.toISOString() ?? null,
    completedAt: exercise.completedAt?.toISOString() ?? null,
    scenarioSeconds: Math.round(scenarioMsAt(exercise.clock, now)) / 1000,
    ...(injects ? { commandPostIds: exercise.commandPostIds, injects } : {}),
  };
}

/** A line of the exercise list; `injectCount` for staff only (undefined for an operator). */
export function toExerciseSummary(exercise: Exercise, injectCount: number | undefined, now = Date.now()): ExerciseSummaryView {
  return {
    id: exercise.id,
    scenarioId: exercise.scenario.id,
    title: exercise.title,
    status: exercise.status,
    speed: exercise.speed,
    scheduledFor: exercise.scheduledFor?.toISOString() ?? null,
    startedAt: exercise.startedAt?.toISOString() ?? null,
    scenarioSeconds: Math.round(scenarioMsAt(exercise.clock, now)) / 1000,
    ...(injectCount === undefined ? {} : { injectCount }),
  };
}

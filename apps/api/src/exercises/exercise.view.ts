import { scenarioMsAt } from '@excon/domain';
import type { Exercise } from '@excon/persistence';
import type { ExerciseInjectView, ExerciseSummaryView, ExerciseView } from '@excon/contracts';

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
    commandPostIds: exercise.commandPostIds,
    ...(injects ? { injects } : {}),
  };
}

export function toExerciseSummary(exercise: Exercise, injectCount: number, now = Date.now()): ExerciseSummaryView {
  return {
    id: exercise.id,
    scenarioId: exercise.scenario.id,
    title: exercise.title,
    status: exercise.status,
    speed: exercise.speed,
    scheduledFor: exercise.scheduledFor?.toISOString() ?? null,
    startedAt: exercise.startedAt?.toISOString() ?? null,
    scenarioSeconds: Math.round(scenarioMsAt(exercise.clock, now)) / 1000,
    injectCount,
  };
}

import { ApiProperty } from '@nestjs/swagger';
import { scenarioMsAt } from '@excon/domain';
import { EXERCISE_INJECT_STATUSES, EXERCISE_STATUSES, MISSION_AREAS, type MissionArea } from '@excon/domain';
import type { Exercise } from '@excon/persistence';
import type * as contract from '@excon/contracts';
import { Objective, StoredInjectView } from '../scenarios/scenario.view';

/** One inject of an exercise (its frozen copy of the scenario's, or an ad-hoc one), as staff see it. */
export class ExerciseInjectView extends StoredInjectView implements contract.ExerciseInjectView {
  /** Added during the run, not from the scenario. */
  adHoc!: boolean;

  /**
   * @example "pending"
   */
  @ApiProperty({ enum: EXERCISE_INJECT_STATUSES })
  status!: contract.ExerciseInjectView['status'];

  /**
   * Null while unknown: draft, paused, held, or a contingency inject not yet released.
   * @example "2027-04-14T09:15:00.000Z"
   */
  dueAt!: string | null;

  /**
   * @example null
   */
  firedAt!: string | null;

  /**
   * Milliseconds between dueAt and the firing (positive: late); null until fired.
   * @example null
   */
  latenessMs!: number | null;
}

export class ExerciseView implements contract.ExerciseView {
  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  id!: string;

  /**
   * @example "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
   */
  scenarioId!: string;

  /**
   * @example "Spring flood 2027, day 1"
   */
  title!: string;

  /**
   * @example "running"
   */
  @ApiProperty({ enum: EXERCISE_STATUSES })
  status!: contract.ExerciseView['status'];

  /**
   * Scenario seconds per wall-clock second.
   * @example 1
   */
  speed!: number;

  /**
   * Planned start of a scheduled exercise.
   * @example null
   */
  scheduledFor!: string | null;

  /**
   * @example "2027-04-14T09:00:00.000Z"
   */
  startedAt!: string | null;

  /**
   * @example null
   */
  pausedAt!: string | null;

  /**
   * @example null
   */
  completedAt!: string | null;

  /**
   * The exercise clock now, in scenario seconds since STARTEX.
   * @example 754.2
   */
  scenarioSeconds!: number;

  /** Staff only: the command posts that take part (it depends on unfired injects). */
  commandPostIds?: string[];

  /** Staff only: nothing of an unfired inject reaches an operator. */
  injects?: ExerciseInjectView[];

  /** Staff only: the scenario's objectives as they were when the exercise was made. */
  objectives?: Objective[];

  /**
   * Staff only: what the exercise covers, for the after-action report.
   * @example "Notification and first response of the emergency ministries' posts to a spring flood"
   */
  scope?: string;

  /**
   * Staff only: HSEEP's mission area; null when not set.
   * @example "response"
   */
  @ApiProperty({ enum: MISSION_AREAS, nullable: true, required: false, type: String })
  missionArea?: MissionArea | null;
}

export class ExerciseSummaryView implements contract.ExerciseSummaryView {
  /**
   * @example "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
   */
  id!: string;

  /**
   * @example "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"
   */
  scenarioId!: string;

  /**
   * @example "Spring flood 2027, day 1"
   */
  title!: string;

  /**
   * @example "scheduled"
   */
  @ApiProperty({ enum: EXERCISE_STATUSES })
  status!: contract.ExerciseSummaryView['status'];

  /**
   * @example 1
   */
  speed!: number;

  /**
   * Planned start of a scheduled exercise.
   * @example "2027-04-14T09:00:00.000Z"
   */
  scheduledFor!: string | null;

  /**
   * @example null
   */
  startedAt!: string | null;

  /**
   * @example 0
   */
  scenarioSeconds!: number;

  /**
   * Staff only: it counts unfired injects.
   * @example 42
   */
  injectCount?: number;
}

/**
 * An exercise as its reader may see it. `injects` (and what depends on them: the participating posts)
 * are given for staff only, and so is the evaluation's part (objectives, scope, mission area); an
 * operator's view carries nothing that depends on an unfired inject.
 */
export function toExerciseView(exercise: Exercise, injects: contract.ExerciseInjectView[] | undefined, now = Date.now()): contract.ExerciseView {
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
    ...(injects
      ? {
          commandPostIds: exercise.commandPostIds,
          injects,
          objectives: exercise.objectives,
          scope: exercise.scope,
          missionArea: exercise.missionArea,
        }
      : {}),
  };
}

/** A line of the exercise list; `injectCount` for staff only (undefined for an operator). */
export function toExerciseSummary(exercise: Exercise, injectCount: number | undefined, now = Date.now()): contract.ExerciseSummaryView {
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

import { Collection, Entity, Enum, ManyToOne, OneToMany, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_FEEDBACK_FORM,
  EXERCISE_STATUSES,
  MISSION_AREAS,
  type ExerciseClock,
  type ExerciseStatus,
  type FeedbackQuestion,
  type MissionArea,
  type Objective,
} from '@excon/domain';
import { Scenario } from '../scenarios/scenario.entity';
import { ExerciseInject } from './exercise-inject.entity';

/**
 * A run of a scenario. Its injects are a frozen copy of the scenario's; the clock is stored as an
 * anchor (see libs/domain/src/clock/exercise-clock.ts).
 */
@Entity({ tableName: 'exercise' })
export class Exercise {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** A scenario that an exercise was made from cannot be deleted. */
  @ManyToOne(() => Scenario, { ref: true, deleteRule: 'restrict' })
  scenario!: Ref<Scenario>;

  @Property({ type: 'string', length: 200 })
  title!: string;

  @Enum({ items: () => [...EXERCISE_STATUSES], default: 'draft' })
  status: ExerciseStatus = 'draft';

  @Property({ type: 'double' })
  speed: number = 1;

  @Property({ type: 'datetime', nullable: true, columnType: 'timestamptz(3)' })
  anchorAt: Date | null = null;

  @Property({ type: 'double', default: 0 })
  anchorScenarioMs: number = 0;

  @Property({ type: 'datetime', nullable: true })
  scheduledFor: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  pausedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  /** Command posts that take part: the targets of its injects. */
  @Property({ type: 'json' })
  commandPostIds: string[] = [];

  /** The scenario's objectives as they were when the exercise was made (capability targets and critical tasks included). */
  @Property({ type: 'json', default: '[]' })
  objectives: Objective[] = [];

  /** What the exercise covers, for the after-action report's overview. */
  @Property({ type: 'text', default: '' })
  scope: string = '';

  @Enum({ items: () => [...MISSION_AREAS], nullable: true })
  missionArea: MissionArea | null = null;

  /** The participants' feedback form operators answer after ENDEX. */
  @Property({ type: 'json', default: '[]' })
  feedbackQuestions: FeedbackQuestion[] = DEFAULT_FEEDBACK_FORM.map((q) => ({ ...q, translations: { ...q.translations } }));

  /** Bumped by every change of the scheduled start, so an outdated start job is recognised. */
  @Property({ type: 'integer', default: 0 })
  generation: number = 0;

  @OneToMany(() => ExerciseInject, (inject) => inject.exercise, { orderBy: { offsetSeconds: 'asc', ref: 'asc' } })
  injects = new Collection<ExerciseInject>(this);

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  get clock(): ExerciseClock {
    return { status: this.status, speed: this.speed, anchorAt: this.anchorAt?.getTime() ?? null, anchorScenarioMs: this.anchorScenarioMs };
  }

  set clock(clock: ExerciseClock) {
    this.status = clock.status;
    this.speed = clock.speed;
    this.anchorAt = clock.anchorAt === null ? null : new Date(clock.anchorAt);
    this.anchorScenarioMs = clock.anchorScenarioMs;
  }
}

/** Every BullMQ queue of ExCon, its job names and payloads, in one place. */
export enum QueueName {
  /** Timed events of exercises: inject firing, acknowledge deadlines, scheduled starts. */
  ExerciseEvents = 'exercise-events',
  /** Used only by the queue self-tests. */
  Diagnostics = 'diagnostics',
}

export enum JobName {
  FireInject = 'fire-inject',
  AckDeadline = 'ack-deadline',
  StartExercise = 'start-exercise',
  Ping = 'ping',
}

/** Fire one exercise inject at `dueAt`, if its schedule is still at `generation`. */
export interface FireInjectJob {
  exerciseId: string;
  injectId: string;
  generation: number;
  /** Epoch ms, for logs: the processor reads the due time from the database. */
  dueAt: number;
}

/** Check one delivery's acknowledge deadline. */
export interface AckDeadlineJob {
  deliveryId: string;
  deadlineAt: number;
}

/** STARTEX of a scheduled exercise, if its schedule is still at `generation`. */
export interface StartExerciseJob {
  exerciseId: string;
  generation: number;
  at: number;
}

export type ExerciseEventJob =
  | { name: JobName.FireInject; data: FireInjectJob }
  | { name: JobName.AckDeadline; data: AckDeadlineJob }
  | { name: JobName.StartExercise; data: StartExerciseJob };

export interface PingJob {
  sentAt: number;
}

/** Fixed job ids: enqueueing the same event twice cannot make two jobs. */
export const jobIds = {
  fireInject: (injectId: string, generation: number) => `fire.${injectId}.${generation}`,
  /** The deadline's instant is part of the id: a deadline moved by a pause gets a job of its own. */
  ackDeadline: (deliveryId: string, deadlineAt: number) => `deadline.${deliveryId}.${deadlineAt}`,
  startExercise: (exerciseId: string, generation: number) => `start.${exerciseId}.${generation}`,
} as const;

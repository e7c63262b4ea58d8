/** Every BullMQ queue of ExCon, and the jobs each carries, in one place. */
export enum QueueName {
  /** Timed events of running exercises: inject firing, acknowledge deadlines, scheduled starts. */
  ExerciseEvents = 'exercise-events',
  /** A queue used only by the start-up self-check and the queue tests. */
  Diagnostics = 'diagnostics',
}

export enum JobName {
  Ping = 'ping',
}

export interface PingJob {
  sentAt: number;
}

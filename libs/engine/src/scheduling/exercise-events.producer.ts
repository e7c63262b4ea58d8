import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import {
  JobName,
  QueueConnections,
  QueueName,
  jobIds,
  type AckDeadlineJob,
  type FireInjectJob,
  type JobQueue,
  type StartExerciseJob,
} from '@excon/queue';

/**
 * Jobs are due this long before the event itself: the processor then waits out the rest in-process
 * and re-checks the database at the due moment, so delivery does not depend on how late BullMQ's
 * delayed jobs come out (Redis at hz 10: up to ~100 ms; the PostgreSQL backend: p99 ~160 ms).
 */
export const JOB_LEAD_MS = { redis: 1500, postgres: 5000 } as const;

const RETENTION: JobsOptions = {
  removeOnComplete: { age: 3600, count: 20_000 },
  removeOnFail: { age: 24 * 3600 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 250 },
};

/**
 * Jobs per `addBulk` call: each call is bounded (QUEUE_CALL_TIMEOUT_MS), so a long scenario is queued in
 * chunks that each fit the bound rather than in one call that might not.
 */
export const ADD_BULK_CHUNK = 500;

/**
 * The one producer of the exercise-events queue. Job ids are fixed, so enqueueing twice makes one job.
 * Every call answers or rejects within a couple of seconds (QueueUnavailableError from @excon/queue when
 * Redis or the queue's PostgreSQL is away): callers decide whether that matters, since PostgreSQL holds
 * the schedule and the reconciler re-queues it.
 */
@Injectable()
export class ExerciseEventsProducer implements OnModuleInit {
  private queue!: JobQueue<FireInjectJob | AckDeadlineJob | StartExerciseJob>;

  constructor(private readonly queues: QueueConnections) {}

  onModuleInit(): void {
    this.queue = this.queues.createQueue(QueueName.ExerciseEvents);
  }

  private delay(at: number): number {
    return Math.max(0, at - JOB_LEAD_MS[this.queues.mode] - Date.now());
  }

  async scheduleFirings(jobs: FireInjectJob[]): Promise<void> {
    await this.addInChunks(
      jobs.map((data) => ({
        name: JobName.FireInject,
        data,
        opts: { ...RETENTION, jobId: jobIds.fireInject(data.injectId, data.generation), delay: this.delay(data.dueAt) },
      })),
    );
  }

  async scheduleDeadlines(jobs: AckDeadlineJob[]): Promise<void> {
    await this.addInChunks(
      jobs.map((data) => ({
        name: JobName.AckDeadline,
        data,
        opts: { ...RETENTION, jobId: jobIds.ackDeadline(data.deliveryId, data.deadlineAt), delay: this.delay(data.deadlineAt) },
      })),
    );
  }

  /** In order, stopping at the first chunk that fails (its error is the caller's). */
  private async addInChunks(jobs: { name: JobName; data: FireInjectJob | AckDeadlineJob; opts: JobsOptions }[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += ADD_BULK_CHUNK) await this.queue.addBulk(jobs.slice(i, i + ADD_BULK_CHUNK));
  }

  async scheduleStart(data: StartExerciseJob): Promise<void> {
    await this.queue.add(JobName.StartExercise, data, {
      ...RETENTION,
      jobId: jobIds.startExercise(data.exerciseId, data.generation),
      delay: this.delay(data.at),
    });
  }
}

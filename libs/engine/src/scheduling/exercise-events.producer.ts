import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import {
  boundQueueCall,
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

/** However sure the producer is that its jobs are queued, the reconciler re-adds them all this often. */
export const FULL_REQUEUE_MS = 30_000;

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
  /**
   * Firing jobs this process has queued, by job id, with their due time, until they are handed out: the
   * reconciler re-adds only the jobs not in here (see missingFirings), instead of every job of the next minute
   * on every pass.
   */
  private readonly queuedFirings = new Map<string, number>();
  private lastFullAt = 0;

  /** When missingFirings last answered every job (tests wait for a quiet stretch after it). */
  get lastFullRequeueAt(): number {
    return this.lastFullAt;
  }

  constructor(private readonly queues: QueueConnections) {}

  onModuleInit(): void {
    this.queue = this.queues.createQueue(QueueName.ExerciseEvents);
  }

  private delay(at: number): number {
    return Math.max(0, at - JOB_LEAD_MS[this.queues.mode] - Date.now());
  }

  async scheduleFirings(jobs: FireInjectJob[]): Promise<void> {
    const ids = jobs.map((data) => jobIds.fireInject(data.injectId, data.generation));
    await this.addInChunks(
      jobs.map((data, i) => ({
        name: JobName.FireInject,
        data,
        opts: { ...RETENTION, jobId: ids[i], delay: this.delay(data.dueAt) },
      })),
      (from, to) => {
        for (let i = from; i < to; i++) this.queuedFirings.set(ids[i], jobs[i].dueAt);
      },
    );
  }

  /**
   * The jobs among `jobs` that this process has not queued (or queued so recently that they are with the worker:
   * adding those again is a no-op), or all of them when the queue holds fewer delayed jobs than this process
   * queued: jobs were lost (Redis flushed, or restarted empty), and the reconciler puts them all back. Every
   * FULL_REQUEUE_MS it gets all of them anyway.
   */
  async missingFirings(jobs: FireInjectJob[], now = Date.now()): Promise<FireInjectJob[]> {
    // Jobs within their lead time are with the worker (or done, if stale): only the delayed ones are counted.
    const handedOut = now + JOB_LEAD_MS[this.queues.mode];
    for (const [id, dueAt] of this.queuedFirings) if (dueAt <= handedOut) this.queuedFirings.delete(id);
    if (now - this.lastFullAt >= FULL_REQUEUE_MS) {
      // A lost job the count below cannot see (a failover to a replica that missed the last writes) is put back by now.
      this.queuedFirings.clear();
      this.lastFullAt = now;
    } else if (this.queuedFirings.size > 0) {
      const queue = this.queues.inspectQueue(QueueName.ExerciseEvents);
      const counts = await boundQueueCall(`${QueueName.ExerciseEvents}.getJobCounts`, () => queue.getJobCounts('delayed'));
      if ((counts.delayed ?? 0) < this.queuedFirings.size) this.queuedFirings.clear();
    }
    return jobs.filter((job) => !this.queuedFirings.has(jobIds.fireInject(job.injectId, job.generation)));
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

  /** In order, stopping at the first chunk that fails (its error is the caller's); `added` hears of each chunk taken. */
  private async addInChunks(
    jobs: { name: JobName; data: FireInjectJob | AckDeadlineJob; opts: JobsOptions }[],
    added: (from: number, to: number) => void = () => undefined,
  ): Promise<void> {
    for (let i = 0; i < jobs.length; i += ADD_BULK_CHUNK) {
      await this.queue.addBulk(jobs.slice(i, i + ADD_BULK_CHUNK));
      added(i, Math.min(jobs.length, i + ADD_BULK_CHUNK));
    }
  }

  async scheduleStart(data: StartExerciseJob): Promise<void> {
    await this.queue.add(JobName.StartExercise, data, {
      ...RETENTION,
      jobId: jobIds.startExercise(data.exerciseId, data.generation),
      delay: this.delay(data.at),
    });
  }
}

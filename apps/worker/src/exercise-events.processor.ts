import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AckDeadlineService, ExerciseClockService, InjectFiringService, ScheduleReconciler } from '@excon/engine';
import { JobName, QueueConnections, QueueName, type ExerciseEventJob } from '@excon/queue';

/**
 * Jobs that wait in-process for their exact moment hold a slot while they wait (at most the lead
 * time), so a burst of injects due in the same second needs this many slots at once.
 */
export const EXERCISE_EVENTS_CONCURRENCY = 2000;

/** Hands each timed event of the exercise-events queue to its service; nothing else. */
@Injectable()
export class ExerciseEventsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(ExerciseEventsProcessor.name);

  constructor(
    private readonly queues: QueueConnections,
    private readonly firing: InjectFiringService,
    private readonly clock: ExerciseClockService,
    private readonly deadlines: AckDeadlineService,
    private readonly reconciler: ScheduleReconciler,
  ) {}

  onApplicationBootstrap(): void {
    const worker = this.queues.createWorker<ExerciseEventJob['data']>(
      QueueName.ExerciseEvents,
      (job) => this.process(job as Job & ExerciseEventJob),
      {
        concurrency: EXERCISE_EVENTS_CONCURRENCY,
      },
    );
    worker.on('failed', (job, error) => this.logger.warn(`${job?.name ?? 'job'} ${job?.id ?? ''} failed: ${error.message}`));
    this.reconciler.start();
  }

  process(job: ExerciseEventJob): Promise<string> {
    switch (job.name) {
      case JobName.FireInject:
        return this.firing.fireWhenDue(job.data);
      case JobName.AckDeadline:
        return this.deadlines.checkWhenDue(job.data);
      case JobName.StartExercise:
        return this.clock.startWhenDue(job.data);
    }
  }
}

import { Module } from '@nestjs/common';
import { ExerciseEventsProcessor } from './exercise-events.processor';

/** The worker role: BullMQ processors and the schedule reconciler (EXCON_ROLES=worker, or both roles in one process). */
@Module({ providers: [ExerciseEventsProcessor] })
export class WorkerModule {}

import { Module } from '@nestjs/common';
import { ExerciseEventsProcessor } from './exercise-events.processor';

/** The worker role: BullMQ processors and the schedule reconciler (its own process, or beside the API in `npm start`). */
@Module({ providers: [ExerciseEventsProcessor] })
export class WorkerModule {}

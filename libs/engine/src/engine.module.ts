import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { ExerciseClockService } from './clock/exercise-clock.service';
import { AckDeadlineService } from './deadlines/ack-deadline.service';
import { DeliveryLifecycleService } from './deliveries/delivery-lifecycle.service';
import { InjectFiringService } from './firing/inject-firing.service';
import { ScheduleReconciler } from './reconciliation/schedule-reconciler.service';
import { ExerciseEventsProducer } from './scheduling/exercise-events.producer';

const SERVICES = [
  AuditService,
  ExerciseEventsProducer,
  InjectFiringService,
  ExerciseClockService,
  AckDeadlineService,
  DeliveryLifecycleService,
  ScheduleReconciler,
];

/**
 * The exercise engine shared by the API (control actions, fire now) and the worker (timed events,
 * reconciliation). The composition root says how consoles are reached.
 */
@Module({})
export class EngineModule {
  static forRoot(publisher: Provider[]): DynamicModule {
    const exported = publisher.map((p) => (typeof p === 'function' ? p : p.provide));
    return { module: EngineModule, global: true, providers: [...publisher, ...SERVICES], exports: [...exported, ...SERVICES] };
  }
}

export * from './worker.module';
export * from './exercise-events.processor';

export * from './rest.types';
export * from './exercise.types';
export * from './socket-events';
export * from './report.types';
export * from './msel-import.types';
export * from './evaluation.types';
export * from './improvement-plan.types';

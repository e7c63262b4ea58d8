export * from './vocabulary';
export * from './domain-error';
export * from './msel/msel-rules';
export * from './clock/exercise-clock';
export * from './reports/report-statistics';
export * from './clock/instant';
export * from './msel/inject-normalization';
export * from './text/text-hygiene';

export * from './msel-fields';
export * from './sheet-table';
export * from './portable-scenario';

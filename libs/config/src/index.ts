export * from './app-config';
export * from './config.module';
export * from './secrets';
export * from './database-url';

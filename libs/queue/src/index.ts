export * from './queue-names';
export * from './queue-connections';
export * from './queue.module';
export * from './redis-reachability';

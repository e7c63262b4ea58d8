export * from './queue-names';
export * from './queue-connections';
export * from './queue.module';
export * from './queue-unavailable.error';
export * from './redis-clients';
export * from './redis-reachability';

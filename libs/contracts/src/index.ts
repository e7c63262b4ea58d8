export * from './rest.types';

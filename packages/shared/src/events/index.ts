export * from './catalogue';
export * from './consumer';
export * from './dead-letter';
export * from './event-spec';
export * from './json-schema';
export * from './validation';
export * from './asyncapi';
export { taskTransitionEvent } from './tracking-events';

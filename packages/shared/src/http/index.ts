export * from './app';
export * from './health';
export * from './problem-middleware';
export * from './server';
export * from './in-flight-limit';
export * from './rate-limit';
export * from './cors';
export * from './cookie-token';

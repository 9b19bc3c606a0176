export * from './app';
export * from './health';
export * from './problem-middleware';
export * from './server';

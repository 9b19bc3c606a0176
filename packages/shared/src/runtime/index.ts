export * from './context';
export * from './lifecycle';
export * from './service';
export * from './worker';
export * from './probe';
export * from './worker-tuning';
export * from './startup-retry';

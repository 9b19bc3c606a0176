export * from './problem';
export * from './transient';

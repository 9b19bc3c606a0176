export * from './connection';
export * from './command-profile';
export * from './upsert';

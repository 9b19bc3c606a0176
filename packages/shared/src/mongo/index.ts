export * from './connection';
export * from './command-profile';

export * from './bearer-auth';
export * from './tokens';

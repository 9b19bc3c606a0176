// Deterministic, dependency-light contracts: safe to import from workflow code.
export * from './services';
export * from './search-attributes';
export * from './topics';
export * from './probe';
export * from './documents';
export * from './signing';
export * from './archive';
export * from './events';
export * from './lifecycle';
export * from './secrecy';
export * from './tracking';

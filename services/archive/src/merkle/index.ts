export * from './hash';
export * from './proofs';
export * from './tree-head';

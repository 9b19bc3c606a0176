export * from './demo-province';
export * from './demo-data';

export * from './demo-province';

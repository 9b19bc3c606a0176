export * from './client';
export * from './codec';
export * from './search-attributes';
export * from './namespace';

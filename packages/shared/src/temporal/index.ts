export * from './client';
export * from './search-attributes';
export * from './namespace';

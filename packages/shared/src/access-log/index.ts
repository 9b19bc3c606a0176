export * from './types';
export * from './access-log';
export { ACCESS_LOG_GENESIS, accessRecordHash, canonicalJson } from './canonical-json';
export { accessRecordId } from './chain';

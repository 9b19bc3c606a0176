export * from './blob-store';
export * from './gridfs-blob-store';

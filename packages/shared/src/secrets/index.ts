export * from './key-ring';
export * from './document-key';
export * from './sealed-blobs';

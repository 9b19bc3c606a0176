export * from './lease';
export * from './outbox-record';
export * from './relay';
export * from './announcements';

/**
 * The four services and what the rest of the system needs to know about them. The local
 * supervisor, the compose file check and each service's own config all read this table, so a
 * port or task queue is named in exactly one place.
 */
export const SERVICES = {
  intake: { taskQueue: 'intake', apiPort: 3001, workerHealthPort: 3101, database: 'vanthu_intake' },
  signing: { taskQueue: 'signing', apiPort: 3002, workerHealthPort: 3102, database: 'vanthu_signing' },
  notify: { taskQueue: 'notify', apiPort: 3003, workerHealthPort: 3103, database: 'vanthu_notify' },
  archive: { taskQueue: 'archive', apiPort: 3004, workerHealthPort: 3104, database: 'vanthu_archive' },
} as const;

export type ServiceName = keyof typeof SERVICES;
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** A service runs as two processes: the HTTP API and the Temporal worker. */
export type ServiceRole = 'api' | 'worker';
export const SERVICE_ROLES: readonly ServiceRole[] = ['api', 'worker'];

export const TASK_QUEUES = {
  intake: SERVICES.intake.taskQueue,
  signing: SERVICES.signing.taskQueue,
  notify: SERVICES.notify.taskQueue,
  archive: SERVICES.archive.taskQueue,
} as const;

/** Content blobs live in a database of their own, shared by all services through the blob store. */
export const BLOB_DATABASE = 'vanthu_blobs';

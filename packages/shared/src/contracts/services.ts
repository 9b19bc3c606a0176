/**
 * The services and what the rest of the system needs to know about them. The local
 * supervisor, the compose file check and each service's own config all read this table, so a
 * port or task queue is named in exactly one place.
 */
export const SERVICES = {
  intake: { taskQueue: 'intake', apiPort: 3001, workerHealthPort: 3101, database: 'vanthu_intake' },
  signing: { taskQueue: 'signing', apiPort: 3002, workerHealthPort: 3102, database: 'vanthu_signing' },
  notify: { taskQueue: 'notify', apiPort: 3003, workerHealthPort: 3103, database: 'vanthu_notify' },
  archive: { taskQueue: 'archive', apiPort: 3004, workerHealthPort: 3104, database: 'vanthu_archive' },
  tracking: { taskQueue: 'tracking', apiPort: 3005, workerHealthPort: 3105, database: 'vanthu_tracking' },
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
  tracking: SERVICES.tracking.taskQueue,
} as const;

/** Content blobs live in a database of their own, shared by all services through the blob store. */
export const BLOB_DATABASE = 'vanthu_blobs';

/**
 * The edge's load limits and the worker's concurrency, named after the service
 * (packages/shared/src/auth/edge-settings.ts, packages/shared/src/runtime/worker-tuning.ts).
 */
const limits = (prefix: string) => [
  `${prefix}_MAX_IN_FLIGHT`,
  `${prefix}_RATE_PER_SECOND`,
  `${prefix}_RATE_BURST`,
  `${prefix}_ADMISSION_TARGET_MS`,
  `${prefix}_ADMISSION_PERCENTILE`,
  `${prefix}_WORKER_ACTIVITIES`,
  `${prefix}_WORKER_WORKFLOW_TASKS`,
];

/**
 * Variables a service reads beyond the common ones (each validates them in its own config). Listed
 * here so deployment files are checked against them like the rest: a misspelt name is an error.
 */
export const SERVICE_EXTRA_ENV: Record<ServiceName, readonly string[]> = {
  intake: [
    'JWT_SECRET',
    'INTAKE_MAX_CONTENT_BYTES',
    'INTAKE_MAX_ATTACHMENTS',
    'INTAKE_VALIDATE_RESPONSES',
    'INTAKE_FIGURES_REFRESH_MS',
    'VANTHU_DEMO_DATA',
    'CODEC_CORS_ORIGINS',
    ...limits('INTAKE'),
  ],
  signing: ['SIGNING_KEK', 'SIGNING_PUBLIC_URL', 'SIGNING_MAX_UPLOAD_BYTES', 'SIGNING_DEMO_PKI', 'SIGNING_PROCESSES', 'SIGNING_TRUSTED_IMPORT_CAS', 'SIGNING_MAX_RESTARTS', 'SIGNING_RESTART_WINDOW_MS', 'VANTHU_DEMO_DATA', ...limits('SIGNING')],
  notify: ['JWT_SECRET', 'SMTP_URL', 'MAIL_FROM', 'NOTIFY_PORTAL_URL', 'NOTIFY_SECRET_KEK', 'NOTIFY_WEBHOOK_ALLOW_HOSTS', 'NOTIFY_MAX_STREAMS', ...limits('NOTIFY')],
  tracking: ['JWT_SECRET', 'TRACKING_MAX_EVIDENCE_BYTES', 'TRACKING_FIGURES_REFRESH_MS', ...limits('TRACKING')],
  archive: ['ARCHIVE_LOG_KEY', 'ARCHIVE_FIXITY_CRON', 'ARCHIVE_EXPORT_PUBLIC_KEY', 'ARCHIVE_EXPORT_KEY_ID', ...limits('ARCHIVE')],
};

/**
 * The web console (apps/console): no Temporal service, so not in SERVICES, but its port is named
 * here beside theirs, for the local supervisor and the compose file check alike.
 */
export const CONSOLE_PORT = 3000;

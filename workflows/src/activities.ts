import { proxyActivities } from '@temporalio/workflow';
import { TASK_QUEUES, type ArchiveActivities, type IntakeActivities, type SigningActivities, type TrackingActivities } from '@vanthu/shared/contracts';

/**
 * Each service's activities run on its own task queue, with retry policies that fit it. Domain
 * errors are thrown as non-retryable failures by the activities themselves.
 */
export const intake = proxyActivities<IntakeActivities>({
  taskQueue: TASK_QUEUES.intake,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** Signing is CPU-bound and quick; a slow attempt means a stuck worker, so time out early and retry elsewhere. */
export const signing = proxyActivities<SigningActivities>({
  taskQueue: TASK_QUEUES.signing,
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** Archiving writes packages and log leaves; it may wait on the database, so it gets longer. */
export const archive = proxyActivities<ArchiveActivities>({
  taskQueue: TASK_QUEUES.archive,
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** A task's one activity writes its record and event: a quick database write, retried like intake's. */
export const tracking = proxyActivities<TrackingActivities>({
  taskQueue: TASK_QUEUES.tracking,
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

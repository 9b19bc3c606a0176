import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import { PATCHES } from './patches';
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

/**
 * Intake's quick calls as local activities: run by the intake worker that runs the workflow (it
 * registers both), inside the workflow task that asked for them, with no round trip through the
 * server to schedule and hand them out. Each is idempotent (a transition by its seq, the
 * recipients' view overwritten whole, a number claimed once per document, a read), so a
 * workflow task retried after its worker died does nothing twice. Only for calls of
 * milliseconds: while one runs, the workflow takes no Update, signal or query.
 */
type LocalIntake = Pick<IntakeActivities, 'recordTransition' | 'recordRecipients' | 'allocateDocumentNumber' | 'signingParties'>;
const intakeLocal = proxyLocalActivities<LocalIntake>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Intake's quick calls: local since the `local-intake-calls` patch (workflows/src/patches.ts),
 * before it through the server. Asked at each call, where the patch's marker belongs in history.
 */
export const intakeQuick = (): LocalIntake => (patched(PATCHES.localIntakeCalls) ? intakeLocal : intake);

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

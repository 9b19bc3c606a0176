import { randomUUID } from 'node:crypto';
import {
  AccessLog,
  createLogger,
  Lifecycle,
  loadServiceConfig,
  openServiceContext,
  OutboxRelay,
  startServiceWorker,
  TASK_QUEUES,
  type BlobRef,
  type ServiceContext,
} from '@vanthu/shared';
import { createActivities } from '../../src/activities';
import { intakeActivities } from '../../src/activities/intake-activities';
import { createIntakeApplication } from '../../src/app/intake-app';
import type { IntakeApplication, Principal } from '../../src/app/ports';
import { arrivalAllocator, numberAllocator, prepareIntake } from '../../src/prepare';
import { LiveRegisters } from '../../src/registers/live-registers';
import { sealingStore } from '../../src/records/sealings';

export interface IntakeHarness {
  ctx: ServiceContext;
  app: IntakeApplication;
  accessLog: AccessLog;
  relay: OutboxRelay;
  stop: () => Promise<void>;
}

/**
 * The intake worker (lifecycle workflows, intake activities, outbox relay) running in the test
 * process against the real servers, on databases of its own. The other services' workers are
 * whatever runs on their task queues in the test namespace.
 */
export async function startIntakeHarness(): Promise<IntakeHarness> {
  const suffix = randomUUID().slice(0, 8);
  const logger = createLogger({ test: 'intake' }, process.env.LOG_LEVEL ?? 'warn');
  const lifecycle = new Lifecycle(logger);
  const config = loadServiceConfig('intake', 'worker', {
    ...process.env,
    MONGO_DATABASE: `vanthu_it_intake_${suffix}`,
    BLOB_DATABASE: `vanthu_it_blobs_${suffix}`,
  });
  const ctx = await openServiceContext(config, logger, lifecycle);
  try {
    return await startOn(ctx, lifecycle, suffix);
  } catch (error) {
    // A worker left polling the shared task queue after its suite failed would take other
    // suites' tasks, in a module registry jest has torn down.
    await lifecycle.stop();
    throw error;
  }
}

async function startOn(ctx: ServiceContext, lifecycle: Lifecycle, suffix: string): Promise<IntakeHarness> {
  const { config, logger } = ctx;
  await prepareIntake(ctx);
  const relay = new OutboxRelay({ connection: ctx.mongo, bus: ctx.bus, logger, name: `intake-it-${suffix}`, collection: 'outbox' });
  relay.start();
  lifecycle.onStop('relay', () => relay.stop());
  await startServiceWorker({
    address: config.TEMPORAL_ADDRESS,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TASK_QUEUES.intake,
    logger,
    lifecycle,
    activities: createActivities(ctx, { numbers: numberAllocator(ctx), arrivals: arrivalAllocator(ctx), relay }),
    workflows: { workflowsPath: require.resolve('@vanthu/workflows') },
  });
  const accessLog = new AccessLog(ctx.mongo);
  // As an API process pages its registers: from the lines in memory, kept up by the journal.
  const registers = new LiveRegisters({ mongo: ctx.mongo, logger, refreshMs: 1_000 });
  registers.start();
  lifecycle.onStop('registers', async () => registers.stop());
  await registers.loaded;
  return {
    ctx,
    app: createIntakeApplication(ctx, accessLog, registers),
    accessLog,
    relay,
    stop: async () => {
      await lifecycle.stop();
      const client = ctx.mongo.getClient();
      await client.db(config.MONGO_DATABASE).dropDatabase().catch(() => undefined);
      await client.db(config.BLOB_DATABASE).dropDatabase().catch(() => undefined);
    },
  };
}

/** Principals of the seeded demo users. */
export const as = {
  specialist: { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' },
  deputy: { userId: 'bs-deputy', orgCode: 'BS-TU', role: 'leader' },
  secretary: { userId: 'bs-secretary', orgCode: 'BS-TU', role: 'leader' },
  clerk: { userId: 'bs-clerk', orgCode: 'BS-TU', role: 'clerk' },
  tlClerk: { userId: 'tl-clerk', orgCode: 'BS-TL-DU', role: 'clerk' },
  tlSpecialist: { userId: 'tl-specialist', orgCode: 'BS-TL-DU', role: 'specialist' },
  hbClerk: { userId: 'hb-clerk', orgCode: 'BS-HB-DU', role: 'clerk' },
  hbSpecialist: { userId: 'hb-specialist', orgCode: 'BS-HB-DU', role: 'specialist' },
  admin: { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' },
  security: { userId: 'bs-security', orgCode: 'BS-TU', role: 'security-officer' },
  tlSecretary: { userId: 'tl-secretary', orgCode: 'BS-TL-DU', role: 'leader' },
} satisfies Record<string, Principal>;

/**
 * A recipient's copy of an issued draft, written by the activity a copy's workflow runs on
 * arrival: for tests that need an incoming document without running the whole distribution.
 */
export async function receiveCopy(
  h: IntakeHarness,
  created: { id: string; workflowId: string; content: BlobRef },
  org: string,
  arrivedAt = new Date().toISOString(),
): Promise<string> {
  const activities = intakeActivities({ mongo: h.ctx.mongo, numbers: numberAllocator(h.ctx), arrivals: arrivalAllocator(h.ctx) });
  await activities.registerIncoming({
    documentId: created.id,
    org,
    parentWorkflowId: created.workflowId,
    issuer: 'BS-TU',
    urgency: 'normal',
    secrecy: 'none',
    content: created.content,
    attachments: [],
    arrivedAt,
  });
  return `${created.id}@${org}`;
}

/** A recipient's copy of a secret draft, as distribution makes it: the key comes with it, re-wrapped on arrival. */
export async function receiveSecretCopy(h: IntakeHarness, documentId: string, org: string): Promise<string> {
  const sealing = await sealingStore(h.ctx.mongo).get(documentId);
  const doc = await h.ctx.mongo.collection('documents').findOne({ _id: documentId as never });
  const activities = intakeActivities({ mongo: h.ctx.mongo, numbers: numberAllocator(h.ctx), arrivals: arrivalAllocator(h.ctx), keys: h.ctx.keys });
  await activities.registerIncoming({
    documentId,
    org,
    parentWorkflowId: `document-${documentId}`,
    issuer: 'BS-TU',
    urgency: 'normal',
    secrecy: doc!.secrecy,
    content: doc!.content,
    attachments: doc!.attachments ?? [],
    arrivedAt: new Date().toISOString(),
    ...(sealing && { sealing }),
  });
  return `${documentId}@${org}`;
}

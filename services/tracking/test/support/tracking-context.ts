import { randomUUID } from 'node:crypto';
import { createLogger, Lifecycle, loadServiceConfig, openServiceContext, type DomainEvent, type ServiceContext } from '@vanthu/shared';
import { applyInputEvent } from '../../src/consumers/input-projection';
import { ensureIndexes } from '../../src/store/collections';
import { demoDirectoryEvents, documentIssued, type IssuedDocument } from './input-events';

export interface TrackingTestContext {
  /** A worker's context (mongo, blobs, bus, temporal, logger) on databases of this test's own. */
  ctx: ServiceContext;
  /** Stops first in `close`, before the databases are dropped: register anything the test starts over `ctx`. */
  lifecycle: Lifecycle;
  /** Unique to this context: for consumer groups, ids, relay names. */
  run: string;
  /** Applies events to the input projection as the inputs consumer does, without Kafka. */
  apply(events: DomainEvent[]): Promise<void>;
  /** The demo province's organisations and people in the projection. */
  seedDirectory(): Promise<void>;
  /** An issued document in `sources`, as learnt from its `document.issued`. */
  issue(doc: Partial<IssuedDocument> & Pick<IssuedDocument, 'documentId'>): Promise<IssuedDocument>;
  /** Resolves once `group` has handled the event (the consumer remembers it after its handler). */
  handled(group: string, eventId: string, timeoutMs?: number): Promise<void>;
  /** Resolves once `group`, consuming over this context's bus, has committed every offset its topics hold. */
  caughtUp(group: string, timeoutMs?: number): Promise<void>;
  /** Stops what was registered, drops both databases, closes the connections. */
  close(): Promise<void>;
}

/**
 * Tracking's context over the real servers the integration run started, with a database and a
 * blob database of its own, indexes ensured. Shared by the tracking tests (activities, inputs,
 * API, figures), so each builds on the same wiring as the service.
 */
export async function trackingTestContext(options: { role?: 'api' | 'worker'; env?: NodeJS.ProcessEnv } = {}): Promise<TrackingTestContext> {
  const run = randomUUID().replace(/-/g, '').slice(0, 10);
  const logger = createLogger({ test: 'tracking', run }, process.env.LOG_LEVEL ?? 'warn');
  // Two lifecycles: what the test starts stops first, then the databases go, then the connections.
  const connections = new Lifecycle(logger);
  const lifecycle = new Lifecycle(logger);
  const config = loadServiceConfig('tracking', options.role ?? 'worker', {
    ...process.env,
    ...options.env,
    MONGO_DATABASE: `vanthu_it_tracking_${run}`,
    BLOB_DATABASE: `vanthu_it_tracking_blobs_${run}`,
  });
  const ctx = await openServiceContext(config, logger, connections);
  await ensureIndexes(ctx.mongo);
  const apply = async (events: DomainEvent[]) => {
    for (const event of events) await applyInputEvent(ctx.mongo, event);
  };
  return {
    ctx,
    lifecycle,
    run,
    apply,
    seedDirectory: () => apply(demoDirectoryEvents()),
    async issue(partial) {
      const doc: IssuedDocument = { issuer: 'BS-TU', type: 'NQ', notation: '12-NQ/TU', number: 12, secrecy: 'none', issuedAt: '2026-11-20T03:00:00.000Z', ...partial };
      await apply([documentIssued(doc)]);
      return doc;
    },
    async handled(group, eventId, timeoutMs = 45_000) {
      const consumed = ctx.mongo.collection<{ _id: string }>('consumed_events');
      const deadline = Date.now() + timeoutMs;
      while (!(await consumed.findOne({ _id: `${group}|${eventId}` }))) {
        if (Date.now() > deadline) throw new Error(`${group} did not handle ${eventId} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async caughtUp(group, timeoutMs = 45_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const lags = (await ctx.bus.consumerLag()).filter((l) => l.group === group);
        if (lags.length > 0 && lags.every((l) => l.lag === 0)) return;
        if (Date.now() > deadline) throw new Error(`${group} did not catch up within ${timeoutMs} ms: ${JSON.stringify(lags)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async close() {
      await lifecycle.stop();
      const client = ctx.mongo.getClient();
      await Promise.all([client.db(config.MONGO_DATABASE).dropDatabase(), client.db(config.BLOB_DATABASE).dropDatabase()]).catch(() => undefined);
      await connections.stop();
    },
  };
}

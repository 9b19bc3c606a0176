import type { Connection } from 'mongoose';
import { EVENT_HEADERS } from '../contracts/events';
import type { Publisher, MessageBus } from '../kafka/bus';
import type { Logger } from '../logging/logger';
import { Lease } from './lease';
import { outboxModel, type OutboxRecord } from './outbox-record';

export interface RelayOptions {
  connection: Connection;
  bus: MessageBus;
  logger: Logger;
  /** Names the lease: one relay per service publishes at a time. */
  name: string;
  collection?: string;
  batchSize?: number;
  idleDelayMs?: number;
  maxBackoffMs?: number;
}

export interface RelayStats {
  published: number;
  failures: number;
  lastError?: string;
}

/**
 * Publishes outbox records to Kafka in the order they were written, then removes them.
 * While Kafka is down it backs off and tries again; nothing is dropped. A crash between publish
 * and removal publishes a record twice, which is why consumers dedupe on the event id.
 */
export class OutboxRelay {
  readonly stats: RelayStats = { published: 0, failures: 0 };
  private publisher?: Publisher;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A write happened since the last read of the outbox. */
  private written = false;
  private readonly lease: Lease;

  constructor(private readonly options: RelayOptions) {
    this.lease = new Lease(options.connection, `outbox-relay:${options.name}`, 15_000);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a write, so an event goes out at once instead of at the next poll. */
  nudge(): void {
    this.written = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    await this.publisher?.close().catch(() => undefined);
    await this.lease.release().catch(() => undefined);
  }

  /** Publishes what is pending once; returns how many records went out. Exposed for tests and benchmarks. */
  async drainOnce(): Promise<number> {
    const model = outboxModel(this.options.connection, this.options.collection);
    const batch = await model
      .find({})
      .sort({ createdAt: 1, seq: 1 })
      .limit(this.options.batchSize ?? 200)
      .lean<OutboxRecord[]>();
    if (batch.length === 0) return 0;
    this.publisher ??= await this.options.bus.publisher();
    const byTopic = new Map<string, OutboxRecord[]>();
    for (const record of batch) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    for (const [topic, records] of byTopic) {
      await this.publisher.publish(
        topic,
        records.map((r) => ({
          key: r.event.subject,
          value: JSON.stringify(r.event),
          headers: {
            [EVENT_HEADERS.id]: r.event.id,
            [EVENT_HEADERS.type]: r.event.type,
            [EVENT_HEADERS.version]: String(r.event.version),
            [EVENT_HEADERS.contentType]: 'application/json',
          },
        })),
      );
    }
    // The relay holds the lease, so it is the only one removing records.
    await model.deleteMany({ _id: { $in: batch.map((r) => r._id) } });
    this.stats.published += batch.length;
    return batch.length;
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (this.running) {
      // Idle polling only catches writes made by other processes; our own writes nudge at once.
      let delay = this.options.idleDelayMs ?? 1_000;
      try {
        if (await this.lease.acquire()) {
          this.written = false;
          const sent = await this.drainOnce();
          // Read again at once only if there may be more: a full batch, or a write during this
          // one. Otherwise the next write's nudge (or the idle poll) wakes us: an empty read per
          // batch was a third of the outbox's reads under load.
          if (sent >= (this.options.batchSize ?? 200) || this.written) delay = 0;
        } else {
          delay = 2_000;
        }
        backoff = 0;
      } catch (error) {
        this.stats.failures += 1;
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        backoff = Math.min(Math.max(backoff * 2, 250), this.options.maxBackoffMs ?? 5_000);
        delay = backoff;
        this.options.logger.warn({ err: error, retryInMs: delay }, 'outbox relay could not publish; will retry');
        // A producer that failed may be in a bad state: start a new one next time.
        await this.publisher?.close().catch(() => undefined);
        this.publisher = undefined;
      }
      if (delay > 0 && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }
}

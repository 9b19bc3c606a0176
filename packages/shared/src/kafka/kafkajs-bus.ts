import './request-queue-fix';
import { Kafka, Partitioners, type Admin, type Consumer, type ConsumerRunConfig, type IHeaders, type KafkaMessage, type Producer } from 'kafkajs';
import type { TopicSpec } from '../contracts/topics';
import type { Logger } from '../logging/logger';
import type { BatchHandler, ConsumerLag, IncomingMessage, MessageBus, OutgoingMessage, MessageHandler, Publisher, SubscribeOptions, Subscription } from './bus';
import { KAFKAJS_LOG_LEVEL, kafkajsLogCreator } from './kafkajs-logging';
import { withHeartbeats } from './keep-alive';

/** How a consumer group member keeps its place and how much it holds (see `CONSUMER_DEFAULTS`). */
export interface ConsumerSettings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  /** The most one fetch brings, all partitions together: the bound on what a member buffers. */
  maxBytes: number;
  maxBytesPerPartition: number;
}

/**
 * kafkajs's own values, written out because back-pressure depends on them: a member is dropped
 * after 30 s without a heartbeat (handlers beat while they run, keep-alive.ts), and a member
 * holds at most one fetch, 10 MiB, per group until its handlers are through it.
 */
export const CONSUMER_DEFAULTS: ConsumerSettings = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  rebalanceTimeoutMs: 60_000,
  maxBytes: 10 * 1024 * 1024,
  maxBytesPerPartition: 1024 * 1024,
};

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  consumer?: Partial<ConsumerSettings>;
}

function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

function toIncoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key ? message.key.toString() : null,
    value: message.value ?? Buffer.alloc(0),
    headers: headersToStrings(message.headers),
    timestamp: message.timestamp,
  };
}

class KafkajsPublisher implements Publisher {
  constructor(private readonly producer: Producer) {}

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: m.value, ...(m.headers && { headers: m.headers }) })),
    });
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** The pauses between starts of a consumer kafkajs left stopped: 1 s, doubling, at most 30 s. */
export const RESTART_FIRST_MS = 1_000;
export const RESTART_MAX_MS = 30_000;

export class KafkajsSubscription implements Subscription {
  /** What the group reads, once it runs: what its lag is measured on. */
  topics: string[] = [];
  fromBeginning = false;
  /** Connects, subscribes and runs the consumer as `run` or `runBatches` first did. */
  private start?: () => Promise<void>;
  private closing = false;
  private restarts = 0;
  private restartTimer?: NodeJS.Timeout;

  constructor(
    readonly groupId: string,
    private readonly consumer: Consumer,
    private readonly onClose: () => void,
    private readonly heartbeatIntervalMs: number,
    private readonly logger: Logger,
  ) {
    // kafkajs restarts a crashed consumer only when the error is retriable; "Failed to find group
    // coordinator" while the broker goes away is not (tulios/kafkajs#1630, #1445), and the group
    // then stays stopped for good while the process looks healthy: CI's chaos run found a
    // tracking worker's inputs consumer, in both replicas, stopped after Kafka was stopped.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.restartLater(payload.error);
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.restarts = 0;
    });
  }

  private restartLater(error: Error): void {
    if (this.closing || !this.start) return;
    const delay = Math.min(RESTART_FIRST_MS * 2 ** this.restarts, RESTART_MAX_MS);
    this.restarts += 1;
    this.logger.warn({ err: error, consumerGroup: this.groupId, retryInMs: delay }, 'the consumer stopped on an error kafkajs does not restart on; starting it again');
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.closing) return;
      this.start!().catch((failed: unknown) => this.restartLater(failed as Error));
    }, delay);
  }

  private keepAlive<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
    return withHeartbeats(heartbeat, this.heartbeatIntervalMs, work, (error) =>
      this.logger.debug({ err: error, consumerGroup: this.groupId }, 'heartbeat during a long handler failed; kafkajs rejoins after it'),
    );
  }

  private joining(options: SubscribeOptions): void {
    this.topics = options.topics;
    this.fromBeginning = options.fromBeginning ?? false;
  }

  /** Runs the consumer with `config`, and again with it whenever kafkajs leaves it stopped. */
  private async starting(options: SubscribeOptions, config: ConsumerRunConfig): Promise<void> {
    this.joining(options);
    this.start = async () => {
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
      await this.consumer.run(config);
    };
    await this.start();
  }

  run(options: SubscribeOptions, handler: MessageHandler): Promise<void> {
    return this.starting(options, {
      autoCommit: true,
      partitionsConsumedConcurrently: options.partitionsConcurrently ?? 1,
      eachMessage: ({ topic, partition, message, heartbeat }) => this.keepAlive(heartbeat, () => handler(toIncoming(topic, partition, message))),
    });
  }

  runBatches(options: SubscribeOptions, handler: BatchHandler): Promise<void> {
    return this.starting(options, {
      autoCommit: true,
      // The whole batch is resolved once the handler returns, never part of it: a batch the
      // handler did not finish is fetched again.
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: options.partitionsConcurrently ?? 1,
      eachBatch: ({ batch, heartbeat }) =>
        this.keepAlive(heartbeat, () =>
          handler({ topic: batch.topic, partition: batch.partition, messages: batch.messages.map((m) => toIncoming(batch.topic, batch.partition, m)) }),
        ),
    });
  }

  close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    this.onClose();
    return this.consumer.disconnect();
  }
}

export class KafkajsBus implements MessageBus {
  private readonly kafka: Kafka;
  private admin?: Promise<Admin>;
  private readonly owned = new Set<{ close(): Promise<void> }>();
  private readonly subscriptions = new Set<KafkajsSubscription>();
  private readonly consumerSettings: ConsumerSettings;
  private readonly logger: Logger;

  constructor(options: KafkaBusOptions) {
    this.consumerSettings = { ...CONSUMER_DEFAULTS, ...options.consumer };
    this.logger = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: KAFKAJS_LOG_LEVEL,
      logCreator: kafkajsLogCreator(options.logger),
      connectionTimeout: 3_000,
      retry: { initialRetryTime: 200, retries: 8 },
    });
  }

  async publisher(): Promise<Publisher> {
    // Idempotent producer: a retried send after a lost ack does not write the message twice.
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The murmur2-based partitioner, the same as the Java client's: other systems that key
      // by document id land on the same partitions as we do.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const publisher = new KafkajsPublisher(producer);
    return this.track(publisher);
  }

  subscription(groupId: string): Subscription {
    const c = this.consumerSettings;
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: c.sessionTimeoutMs,
      heartbeatInterval: c.heartbeatIntervalMs,
      rebalanceTimeout: c.rebalanceTimeoutMs,
      maxBytes: c.maxBytes,
      maxBytesPerPartition: c.maxBytesPerPartition,
    });
    const subscription = new KafkajsSubscription(groupId, consumer, () => this.subscriptions.delete(subscription), c.heartbeatIntervalMs, this.logger);
    this.subscriptions.add(subscription);
    return this.track(subscription);
  }

  async ensureTopics(topics: TopicSpec[]): Promise<string[]> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        configEntries: [{ name: 'retention.ms', value: String(t.retentionMs) }],
      })),
    });
    return missing.map((t) => t.name);
  }

  async listTopics(): Promise<string[]> {
    return (await this.getAdmin()).listTopics();
  }

  async readTopic(topic: string, options: { timeoutMs?: number } = {}): Promise<IncomingMessage[]> {
    const admin = await this.getAdmin();
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(ends.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    if (remaining.size === 0) return [];
    // A throwaway group, deleted afterwards: reading must not move anyone's committed offsets.
    const groupId = `vanthu-reader-${process.pid}-${Date.now()}`;
    const consumer = this.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    const messages: IncomingMessage[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${topic} took longer than ${options.timeoutMs ?? 30_000} ms`)), options.timeoutMs ?? 30_000);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = remaining.get(partition);
              if (end === undefined) return;
              messages.push(toIncoming(topic, partition, message));
              if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  }

  async consumerLag(): Promise<ConsumerLag[]> {
    const running = [...this.subscriptions].filter((s) => s.topics.length > 0);
    if (running.length === 0) return [];
    const admin = await this.getAdmin();
    const topics = [...new Set(running.flatMap((s) => s.topics))];
    const ends = new Map(await Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)));
    const lags = await Promise.all(
      running.map(async (subscription) => {
        const committed = await admin.fetchOffsets({ groupId: subscription.groupId, topics: subscription.topics });
        return committed.map(({ topic, partitions }) => {
          let lag = 0n;
          for (const end of ends.get(topic) ?? []) {
            const offset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            // Nothing committed yet: a group that starts at the end has read nothing it owes;
            // one that starts at the beginning owes everything still retained.
            const from = offset !== '-1' ? BigInt(offset) : BigInt(subscription.fromBeginning ? end.low : end.high);
            if (BigInt(end.high) > from) lag += BigInt(end.high) - from;
          }
          return { group: subscription.groupId, topic, lag: Number(lag) };
        });
      }),
    );
    return lags.flat();
  }

  async ping(): Promise<void> {
    await (await this.getAdmin()).describeCluster();
  }

  async close(): Promise<void> {
    const closing = [...this.owned].map((c) => c.close().catch(() => undefined));
    this.owned.clear();
    if (this.admin) {
      const admin = this.admin;
      this.admin = undefined;
      closing.push((await admin.catch(() => undefined))?.disconnect() ?? Promise.resolve());
    }
    await Promise.all(closing);
  }

  private track<T extends { close(): Promise<void> }>(client: T): T {
    this.owned.add(client);
    return client;
  }

  private getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      // A failed connect must not be cached: the next call tries again.
      this.admin.catch(() => {
        this.admin = undefined;
      });
    }
    return this.admin;
  }
}

export function createMessageBus(options: KafkaBusOptions): MessageBus {
  return new KafkajsBus(options);
}

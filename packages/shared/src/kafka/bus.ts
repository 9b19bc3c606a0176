import type { TopicSpec } from '../contracts/topics';

/**
 * Our own small interface over the Kafka client. Services only see these types, so replacing
 * kafkajs (unmaintained since 2023) touches this folder and nothing else.
 */
export interface OutgoingMessage {
  /** Partition key: the aggregate id (a document id), so one aggregate's events stay in order. */
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: string;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/** Consecutive messages of one partition, in order. */
export interface MessageBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
}

export type BatchHandler = (batch: MessageBatch) => Promise<void>;

export interface Publisher {
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  topics: string[];
  /** Where a new consumer group starts; an existing group resumes from its committed offsets. */
  fromBeginning?: boolean;
  /**
   * How many partitions are handled at once (default 1). Messages of one partition — one key,
   * one document — are still handled one after another, in order.
   */
  partitionsConcurrently?: number;
}

export interface Subscription {
  /**
   * Handles messages one at a time per partition and commits an offset only after its handler
   * resolved, so a crash redelivers rather than loses. Handlers must therefore be idempotent.
   */
  run(options: SubscribeOptions, handler: MessageHandler): Promise<void>;
  /**
   * The same, a batch at a time (for projections that write a batch in one round trip): the
   * batch's offsets are committed only after the handler resolved; a rejection redelivers it.
   */
  runBatches(options: SubscribeOptions, handler: BatchHandler): Promise<void>;
  close(): Promise<void>;
}

/** How far one consumer group of this process is behind on one topic. */
export interface ConsumerLag {
  group: string;
  topic: string;
  /** Messages on the topic past the group's committed offsets, summed over its partitions. */
  lag: number;
}

export interface MessageBus {
  publisher(): Promise<Publisher>;
  subscription(groupId: string): Subscription;
  /** Creates the topics that do not exist yet; returns the names it created. */
  ensureTopics(topics: TopicSpec[]): Promise<string[]>;
  listTopics(): Promise<string[]>;
  /**
   * Everything on a topic now, from the start up to its current end, without joining any
   * consumer group's offsets (for inspection tools such as the dead-letter replay).
   */
  readTopic(topic: string, options?: { timeoutMs?: number }): Promise<IncomingMessage[]>;
  /**
   * The lag of every consumer group this process runs, per topic: the topic's end against the
   * group's committed offsets. Asks the cluster each time; callers cache and bound it.
   */
  consumerLag(): Promise<ConsumerLag[]>;
  /** Cheap liveness probe of the cluster, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

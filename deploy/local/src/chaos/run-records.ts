import { Client, Connection as TemporalConnection } from '@temporalio/client';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { createLogger, createMessageBus, SERVICES, temporalDataConverter, TOPICS, type DomainEvent } from '@vanthu/shared';

type Db = mongoose.mongo.Db;

/** What the services recorded, read straight from their databases, Kafka and Temporal once the run has settled. */
export interface RunRecords {
  documents: Array<{ _id: string; status: string; issuer: string; type: string; number?: number; notation?: string; seq: number; history: Array<{ action: string }> }>;
  incoming: Array<{ _id: string; documentId: string; org: string; status: string; arrivalNumber: number; seq: number }>;
  numberClaims: Array<{ _id: string; series: string; number: number; owner: string }>;
  arrivalClaims: Array<{ _id: string; series: string; number: number; owner: string }>;
  tasks: Array<{ _id: string; status: string; leadOrg: string; seq: number; source: { documentId: string }; reports: unknown[] }>;
  /** Records still in each service's outbox. */
  outboxPending: Record<string, number>;
  /** Per database, the `<group>|<event id>` ids its consumer groups remember handling. */
  consumed: Map<string, Set<string>>;
  inboxItems: Array<{ stream: string; eventId: string; eventType: string; aggregateId: string }>;
  notifications: Array<{ _id: string; eventId: string; userId: string; channel: string; status: string; attempts?: number }>;
  deliveries: Array<{ _id: string; endpointId: string; eventId: string; eventType: string; status: string; attempts?: number }>;
  packages: Array<{ _id: string; documentId: string; workflowId: string }>;
  leaves: Array<{ _id: string; index: number; packageId: string }>;
  /** Every message on the document and tracking topics, parsed, in topic order. */
  events: DomainEvent[];
  deadLetters: number;
  workflows: Array<{ workflowId: string; type: string; status: string }>;
  /** Per consumer group and domain topic, messages past its committed offsets. */
  lag: Array<{ group: string; topic: string; lag: number }>;
}

/** The topics our events travel on (the dead-letter and notify's live topic aside). */
export const DOMAIN_TOPICS: string[] = [TOPICS.documentEvents.name, TOPICS.trackingEvents.name, TOPICS.directoryEvents.name];

/** The workflows a document's life and its tasks run, whose every execution must end. */
export const LIFE_WORKFLOWS = ['documentLifecycle', 'incomingDocument', 'implementationTask', 'emailDelivery', 'webhookDelivery'];

const all = <T>(db: Db, collection: string, projection: Record<string, 0 | 1>) => db.collection(collection).find({}, { projection }).toArray() as unknown as Promise<T[]>;

async function readDatabases(mongoUrl: string): Promise<Omit<RunRecords, 'events' | 'deadLetters' | 'workflows' | 'lag'>> {
  const connection = await mongoose.createConnection(mongoUrl).asPromise();
  try {
    const db = (name: string) => connection.getClient().db(name);
    const intake = db(SERVICES.intake.database);
    const tracking = db(SERVICES.tracking.database);
    const notify = db(SERVICES.notify.database);
    const archive = db(SERVICES.archive.database);
    const outboxPending: Record<string, number> = {};
    const consumed = new Map<string, Set<string>>();
    for (const service of Object.values(SERVICES)) {
      outboxPending[service.database] = await db(service.database).collection('outbox').countDocuments();
      const ids = await all<{ _id: string }>(db(service.database), 'consumed_events', { _id: 1 });
      consumed.set(service.database, new Set(ids.map((r) => r._id)));
    }
    return {
      documents: await all(intake, 'documents', { status: 1, issuer: 1, type: 1, number: 1, notation: 1, seq: 1, 'history.action': 1 }),
      incoming: await all(intake, 'incoming', { documentId: 1, org: 1, status: 1, arrivalNumber: 1, seq: 1 }),
      numberClaims: (await all<RunRecords['numberClaims'][number]>(intake, 'number_allocations', { series: 1, number: 1, owner: 1 })).filter((c) => /#\d+$/.test(c._id)),
      arrivalClaims: (await all<RunRecords['arrivalClaims'][number]>(intake, 'arrival_allocations', { series: 1, number: 1, owner: 1 })).filter((c) => /#\d+$/.test(c._id)),
      tasks: await all(tracking, 'tasks', { status: 1, leadOrg: 1, seq: 1, 'source.documentId': 1, reports: 1 }),
      outboxPending,
      consumed,
      inboxItems: await all(notify, 'inbox_items', { stream: 1, eventId: 1, eventType: 1, aggregateId: 1 }),
      notifications: await all(notify, 'notifications', { eventId: 1, userId: 1, channel: 1, status: 1, attempts: 1 }),
      deliveries: await all(notify, 'webhook_deliveries', { endpointId: 1, eventId: 1, eventType: 1, status: 1, attempts: 1 }),
      packages: await all(archive, 'packages', { documentId: 1, workflowId: 1 }),
      leaves: await all(archive, 'log_leaves', { index: 1, packageId: 1 }),
    };
  } finally {
    await connection.close();
  }
}

/** Per group, the lag on the domain topics it has committed on (a group that never read a topic is not its reader). */
export async function consumerLag(brokers: string[]): Promise<RunRecords['lag']> {
  const admin = new Kafka({ clientId: 'vanthu-chaos-check', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = new Map(await Promise.all(DOMAIN_TOPICS.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)));
    const { groups } = await admin.listGroups();
    const lags: RunRecords['lag'] = [];
    for (const { groupId } of groups) {
      const committed = await admin.fetchOffsets({ groupId, topics: DOMAIN_TOPICS });
      for (const { topic, partitions } of committed) {
        if (partitions.every((p) => p.offset === '-1')) continue;
        let lag = 0;
        for (const end of ends.get(topic) ?? []) {
          const offset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          const from = offset === '-1' ? Number(end.low) : Number(offset);
          lag += Math.max(0, Number(end.high) - from);
        }
        lags.push({ group: groupId, topic, lag });
      }
    }
    return lags;
  } finally {
    await admin.disconnect();
  }
}

async function readTopics(brokers: string[]): Promise<Pick<RunRecords, 'events' | 'deadLetters'>> {
  const bus = createMessageBus({ brokers, clientId: 'vanthu-chaos-check', logger: createLogger({ component: 'chaos-check' }, 'silent') });
  try {
    const events: DomainEvent[] = [];
    for (const topic of [TOPICS.documentEvents.name, TOPICS.trackingEvents.name]) {
      for (const message of await bus.readTopic(topic, { timeoutMs: 120_000 })) events.push(JSON.parse(message.value.toString('utf8')) as DomainEvent);
    }
    const deadLetters = (await bus.readTopic(TOPICS.deadLetter.name, { timeoutMs: 60_000 })).length;
    return { events, deadLetters };
  } finally {
    await bus.close();
  }
}

/** Every execution in the namespace, with its type and status. */
export async function listWorkflows(address: string, namespace: string, query?: string): Promise<RunRecords['workflows']> {
  const connection = await TemporalConnection.connect({ address });
  try {
    const client = new Client({ connection, namespace, dataConverter: temporalDataConverter() });
    const found: RunRecords['workflows'] = [];
    for await (const info of client.workflow.list(query === undefined ? {} : { query })) found.push({ workflowId: info.workflowId, type: info.type, status: info.status.name });
    return found;
  } finally {
    await connection.close();
  }
}

export async function readRunRecords(env: { mongoUrl: string; brokers: string[]; temporalAddress: string; namespace: string }): Promise<RunRecords> {
  const databases = await readDatabases(env.mongoUrl);
  const topics = await readTopics(env.brokers);
  const workflows = await listWorkflows(env.temporalAddress, env.namespace);
  const lag = await consumerLag(env.brokers);
  return { ...databases, ...topics, workflows, lag };
}

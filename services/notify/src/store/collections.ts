import type { Connection } from 'mongoose';
import type mongoose from 'mongoose';
import type { Role } from '@vanthu/shared';
import { establishHorizon } from '../dispatch/horizon';
import type { Category, Channel } from '../routing/categories';
import type { SecretLevel } from '../secrecy/secrecy';
import type { SealedSecret } from '../webhooks/sealed-secret';
import type { SequencedEntry } from './sequenced-log';
import type { RecordVersion } from './versioned-records';

type Db = mongoose.mongo.Db;

/** A person as intake's directory events describe them. */
export interface DirectoryUserDoc {
  _id: string;
  fullName: string;
  position: string;
  role: Role;
  org: string;
  email: string;
  updatedAt: string;
}

/** The members of one organisation's role, in the order they joined. */
export interface RoleMembers {
  org: string;
  role: Role;
  members: string[];
}

/**
 * `${org}|${role}` → member ids: "the leaders of BS-TU" is an `_id` read (and one more for the
 * version after it: see VersionedRecords, which every change goes through).
 */
export interface RoleMembersDoc extends RoleMembers {
  _id: string;
  /** Absent on documents written before versions existed (version 0). */
  version?: number;
}

/** One in-app notification; `_id` is `${userId}:${seq}` (see SequencedLog). */
export interface InboxItem {
  eventId: string;
  eventType: string;
  category: Category;
  documentId: string;
  aggregateId: string;
  org?: string;
  title: string;
  body: string;
  /** Where the portal opens the document (`NOTIFY_PORTAL_URL`/documents/<id>), when configured. */
  link?: string;
  occurredAt: string;
  createdAt: string;
}

/** What the user has read: everything up to `upTo`, plus the seqs in `above`. */
export interface InboxReads {
  upTo: number;
  above: number[];
  updatedAt: string;
}

/** A user's read marks (`_id` = user id), written by the API replicas through VersionedRecords. */
export interface InboxReadsDoc extends InboxReads {
  _id: string;
  version?: number;
}

export interface PreferencesDoc {
  _id: string;
  sse: { enabled: boolean; categories: Category[] };
  email: { enabled: boolean; categories: Category[] };
  /** The categories there were when the user saved; absent: the first four (before `task`). */
  offered?: Category[];
  updatedAt: string;
}

export type NotificationStatus = 'delivered' | 'published' | 'queued' | 'sent' | 'failed';

/**
 * The ledger: one record per (event, recipient, channel), `_id` = `${eventId}|${userId}|${channel}`.
 * Inserting it is what makes a redelivered event a no-op for that channel.
 */
export interface NotificationDoc {
  _id: string;
  eventId: string;
  userId: string;
  channel: Channel;
  category: Category;
  status: NotificationStatus;
  createdAt: string;
  /** inbox: the item's place in the user's inbox. */
  seq?: number;
  /** email: what is sent, kept here so neither address nor text sits in workflow history. */
  to?: string;
  subject?: string;
  text?: string;
  attempts?: number;
  messageId?: string;
  lastError?: string;
  sentAt?: string;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  /**
   * The signing secret, `whsec_` + base64 of the key bytes (Standard Webhooks format), sealed
   * under NOTIFY_SECRET_KEK. Only once in the clear: in memory, answering the creation.
   */
  sealedSecret?: SealedSecret;
  /** The secret in the clear: endpoints stored before sealing existed, until their list is next written. */
  secret?: string;
  /** Exact types or `prefix.*`; empty means every event of the organisation. */
  eventTypes: string[];
  description?: string;
  enabled: boolean;
  createdAt: string;
  createdBy: string;
}

export interface WebhookEndpointList {
  endpoints: WebhookEndpoint[];
  updatedAt: string;
}

/**
 * An organisation's webhook endpoints, in one document (`_id` = the organisation): the consumer
 * finds where an event goes with an `_id` read (and one for the version after it), and the API
 * replicas change it through VersionedRecords.
 */
export interface WebhookEndpointsDoc extends WebhookEndpointList {
  _id: string;
  version?: number;
}

/** `refused`: the URL's host resolved to an address webhooks may not reach; not retried. */
export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'refused';

/** One delivery of one event to one endpoint; `_id` is `${endpointId}:${seq}` (see SequencedLog). */
export interface WebhookDelivery {
  org: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  url: string;
  /** The exact bytes sent, so a replay sends the same body. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  createdAt: string;
  completedAt?: string;
  replayOf?: string;
}

export interface WebhookAttemptDoc {
  /** `${deliveryId}#${attempt}`. */
  _id: string;
  deliveryId: string;
  attempt: number;
  at: string;
  ok: boolean;
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/** A document some event said was secret (`_id` = the document id), for its copies' events that do not say. */
export interface SecretDocumentDoc {
  _id: string;
  level?: SecretLevel;
  firstSeen: string;
}

/** A document's name as its own events gave it (`_id` = the document id), for its copies' events, which do not. */
export interface KnownDocumentDoc {
  _id: string;
  /** Type code (NQ, QD, ...). */
  type?: string;
  /** Set by `document.issued`; absent while the document is a draft. */
  notation?: string;
  /** Code of the issuing organisation. */
  issuer?: string;
}

/** The deployment's notification horizon (`_id` = `notify`): see dispatch/horizon.ts. */
export interface HorizonDoc {
  _id: string;
  /** Events that occurred before this notify nobody: they only build the directory and what notify knows of documents. */
  since: string;
  /** Why `since` is what it is, for whoever reads the database. */
  reason: string;
}

export interface HeadDoc {
  _id: string;
  lastSeq: number;
}

export function notifyCollections(connection: Connection) {
  const db = connection.db as Db | undefined;
  if (!db) throw new Error('the notify database connection is not open');
  return {
    users: db.collection<DirectoryUserDoc>('directory_users'),
    roleMembers: db.collection<RoleMembersDoc>('directory_role_members'),
    roleMemberVersions: db.collection<RecordVersion<RoleMembers>>('directory_role_members_versions'),
    inboxItems: db.collection<SequencedEntry<InboxItem>>('inbox_items'),
    inboxHeads: db.collection<HeadDoc>('inbox_heads'),
    inboxReads: db.collection<InboxReadsDoc>('inbox_reads'),
    inboxReadVersions: db.collection<RecordVersion<InboxReads>>('inbox_reads_versions'),
    preferences: db.collection<PreferencesDoc>('preferences'),
    notifications: db.collection<NotificationDoc>('notifications'),
    webhookEndpoints: db.collection<WebhookEndpointsDoc>('webhook_endpoints'),
    webhookEndpointVersions: db.collection<RecordVersion<WebhookEndpointList>>('webhook_endpoints_versions'),
    deliveries: db.collection<SequencedEntry<WebhookDelivery>>('webhook_deliveries'),
    deliveryHeads: db.collection<HeadDoc>('webhook_delivery_heads'),
    attempts: db.collection<WebhookAttemptDoc>('webhook_attempts'),
    secretDocuments: db.collection<SecretDocumentDoc>('secret_documents'),
    knownDocuments: db.collection<KnownDocumentDoc>('known_documents'),
    horizon: db.collection<HorizonDoc>('horizon'),
  };
}

export type NotifyCollections = ReturnType<typeof notifyCollections>;

/**
 * Before any event is handled: the unique `key` indexes, which decide a redelivered event's race
 * against its first run, and the deployment's notification horizon.
 */
export async function prepareDatabase(c: NotifyCollections): Promise<void> {
  await c.inboxItems.createIndex({ key: 1 }, { unique: true, name: 'key_unique' });
  await c.deliveries.createIndex({ key: 1 }, { unique: true, name: 'key_unique' });
  await establishHorizon(c);
}

import type { Connection } from 'mongoose';
import { Directory } from './directory/directory';
import { Horizon } from './dispatch/horizon';
import { KnownDocuments } from './documents/known-documents';
import { EmailLedger } from './email/email-ledger';
import { Inbox } from './inbox/inbox';
import { PreferenceStore } from './preferences/preferences';
import { SecretDocuments } from './secrecy/secret-documents';
import { notifyCollections, type NotifyCollections } from './store/collections';
import { WebhookDeliveries } from './webhooks/deliveries';
import { WebhookEndpoints } from './webhooks/endpoints';

/** Everything notify keeps, over one database; both processes and the tests build it the same way. */
export interface NotifyStores {
  collections: NotifyCollections;
  directory: Directory;
  inbox: Inbox;
  preferences: PreferenceStore;
  endpoints: WebhookEndpoints;
  deliveries: WebhookDeliveries;
  emails: EmailLedger;
  secrets: SecretDocuments;
  documents: KnownDocuments;
  horizon: Horizon;
}

/**
 * Nothing here keeps state in the process: several workers and API replicas share the database,
 * and each record says how its concurrent writers are settled (docs/notify.md, Scaling out).
 */
export function notifyStores(connection: Connection, options: { requireHttps: boolean }): NotifyStores {
  const collections = notifyCollections(connection);
  return {
    collections,
    directory: new Directory(collections),
    inbox: new Inbox(collections),
    preferences: new PreferenceStore(collections),
    endpoints: new WebhookEndpoints(collections, options),
    deliveries: new WebhookDeliveries(collections),
    emails: new EmailLedger(collections),
    secrets: new SecretDocuments(collections),
    documents: new KnownDocuments(collections),
    horizon: new Horizon(collections),
  };
}

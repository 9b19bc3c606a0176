import type { Connection } from 'mongoose';
import { Directory } from './directory/directory';
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
}

/** `writesDirectory`: this process applies directory events (the worker), so it may remember the directory. */
export function notifyStores(connection: Connection, options: { requireHttps: boolean; writesDirectory?: boolean }): NotifyStores {
  const collections = notifyCollections(connection);
  return {
    collections,
    directory: new Directory(collections, { remember: options.writesDirectory ?? false }),
    inbox: new Inbox(collections),
    preferences: new PreferenceStore(collections),
    endpoints: new WebhookEndpoints(collections, options),
    deliveries: new WebhookDeliveries(collections),
    emails: new EmailLedger(collections),
    secrets: new SecretDocuments(collections),
    documents: new KnownDocuments(collections),
  };
}

import { isDuplicateKeyError, type DomainEvent } from '@vanthu/shared';
import type { NotifyCollections } from '../store/collections';
import { NOT_SECRET, secrecyOfData, type SecrecyVerdict } from './secrecy';

/**
 * Which documents notify has seen to be secret. Events of a recipient's copy did not always carry
 * `secrecy`, but they share the document's key and partition with the document's own events,
 * which always do and come first; so a copy's event that says nothing is as secret as the
 * document it is a copy of. The consumer is the only writer, one document's events at a time.
 */
export class SecretDocuments {
  constructor(private readonly c: Pick<NotifyCollections, 'secretDocuments'>) {}

  /** What the event says of its document's secrecy; when it says nothing, what earlier events said. */
  async of(event: DomainEvent): Promise<SecrecyVerdict> {
    const data = event.data ?? {};
    const documentId = typeof data.documentId === 'string' && data.documentId !== '' ? data.documentId : event.subject;
    const said = secrecyOfData(data);
    if (said?.secret) {
      const filter = { _id: documentId };
      const update = { $setOnInsert: { firstSeen: event.occurredAt }, ...(said.level && { $set: { level: said.level } }) };
      try {
        await this.c.secretDocuments.updateOne(filter, update, { upsert: true });
      } catch (error) {
        // The same event handled twice at once (a redelivery during a rebalance): both upserts
        // may try the insert, and the unique _id lets one; the other's level is the same.
        if (!isDuplicateKeyError(error)) throw error;
        await this.c.secretDocuments.updateOne(filter, update);
      }
      return said;
    }
    if (said) return said;
    return this.known(documentId);
  }

  /**
   * What notify has seen of a document's secrecy, for events about something else that comes
   * from it: a task quotes its source document in its title, so a task of a document seen to be
   * secret is treated as secret too (tracking refuses such tasks; this guards against its failing to).
   */
  async known(documentId: string): Promise<SecrecyVerdict> {
    const known = await this.c.secretDocuments.findOne({ _id: documentId });
    return known ? { secret: true, ...(known.level && { level: known.level }) } : NOT_SECRET;
  }
}

import type { DomainEvent } from '@vanthu/shared';
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
      await this.c.secretDocuments.updateOne(
        { _id: documentId },
        { $setOnInsert: { firstSeen: event.occurredAt }, ...(said.level && { $set: { level: said.level } }) },
        { upsert: true },
      );
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

import { isDuplicateKeyError, type DomainEvent } from '@vanthu/shared';
import { factsOf, isDraftEvent, type DocumentFacts } from '../messages/document-reference';
import type { NotifyCollections } from '../store/collections';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const documentIdOf = (event: DomainEvent): string => str(event.data?.documentId) ?? event.subject;

/**
 * What notify has seen of each document's name: its type and issuer from any of its own events,
 * its notation from `document.issued`. A recipient's copy's events carry none of them, but they
 * share the document's key and partition with the document's own events, which come first; so
 * by the time a copy is received, the document's notation is here. The consumer is the only
 * writer, one document's events at a time.
 */
export class KnownDocuments {
  constructor(private readonly c: Pick<NotifyCollections, 'knownDocuments'>) {}

  /**
   * Keeps what an outgoing document's event says. Only `$set`s of what the event carries, so a
   * replayed older event changes nothing: the type and issuer never change, and no event unsets
   * the notation.
   */
  async remember(event: DomainEvent): Promise<void> {
    const data = event.data ?? {};
    if (data.aggregate !== 'document') return;
    const { type, notation, issuer } = factsOf(data);
    if (!type && !notation && !issuer) return;
    const filter = { _id: documentIdOf(event) };
    const update = { $set: { ...(type && { type }), ...(notation && { notation }), ...(issuer && { issuer }) } };
    try {
      await this.c.knownDocuments.updateOne(filter, update, { upsert: true });
    } catch (error) {
      // The same event handled twice at once (a redelivery during a rebalance): both upserts may
      // try to insert, and the unique _id lets one; the other's values are the same, set anyway.
      if (!isDuplicateKeyError(error)) throw error;
      await this.c.knownDocuments.updateOne(filter, update);
    }
  }

  /**
   * The event's facts, completed from earlier events where it says nothing. No read when the
   * event names its document already, or is of a draft, which has no notation to find.
   */
  async of(event: DomainEvent): Promise<DocumentFacts> {
    const data = event.data ?? {};
    const said = factsOf(data);
    if ((said.type && said.notation && said.issuer) || isDraftEvent(data)) return said;
    const known = await this.c.knownDocuments.findOne({ _id: documentIdOf(event) });
    return known ? factsOf(data, known) : said;
  }
}

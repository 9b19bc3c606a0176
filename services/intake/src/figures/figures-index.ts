import type { DocumentType, RecipientStatus } from '@vanthu/shared';
import type { FigureItem } from './figure-item';
import { mergeItems } from './item-of-event';

const instant = (value: string | undefined) => (value === undefined ? NaN : Date.parse(value));

/** An issued document as a query reads it: instants parsed once, when the item arrives. */
export interface CountedOutgoing {
  id: string;
  issuer: string;
  type: DocumentType;
  issuedAt: number;
}

/** A recipient's copy as a query reads it; NaN where the copy has no such instant yet. */
export interface CountedIncoming {
  id: string;
  documentId: string;
  org: string;
  status: RecipientStatus;
  arrivedAt: number;
  deadline: number;
  doneAt: number;
}

/** What the computations read: the items of the organisations they name. */
export interface FiguresSource {
  issuedBy(org: string): Iterable<CountedOutgoing>;
  receivedBy(org: string): Iterable<CountedIncoming>;
  /** A document's type, from its issue (copies' events do not carry it). */
  typeOf(documentId: string): DocumentType | undefined;
}

function addTo<T>(groups: Map<string, Map<string, T>>, key: string, id: string, value: T): void {
  let group = groups.get(key);
  if (!group) {
    group = new Map();
    groups.set(key, group);
  }
  group.set(id, value);
}

/**
 * Every item, in memory, by organisation: a query names its organisations (one and those below
 * it) and reads only their documents and copies. Two accounts of one item meet when a refresh
 * overlaps the last one or a reload races the journal; they merge as in the projection.
 */
export class FiguresIndex implements FiguresSource {
  private readonly items = new Map<string, FigureItem>();
  private readonly outgoing = new Map<string, Map<string, CountedOutgoing>>();
  private readonly incoming = new Map<string, Map<string, CountedIncoming>>();
  private readonly types = new Map<string, DocumentType>();

  get size(): number {
    return this.items.size;
  }

  put(item: FigureItem): void {
    const merged = mergeItems(this.items.get(item._id), item);
    this.items.set(merged._id, merged);
    // An item's organisation never changes (`_id` names the document, or the document and the recipient).
    if (merged.kind === 'outgoing') {
      this.types.set(merged._id, merged.type);
      addTo(this.outgoing, merged.issuer, merged._id, { id: merged._id, issuer: merged.issuer, type: merged.type, issuedAt: instant(merged.issuedAt) });
    } else {
      addTo(this.incoming, merged.org, merged._id, {
        id: merged._id,
        documentId: merged.documentId,
        org: merged.org,
        status: merged.status,
        arrivedAt: instant(merged.arrivedAt),
        deadline: instant(merged.deadline),
        doneAt: instant(merged.doneAt),
      });
    }
  }

  get(id: string): FigureItem | undefined {
    return this.items.get(id);
  }

  issuedBy(org: string): Iterable<CountedOutgoing> {
    return this.outgoing.get(org)?.values() ?? [];
  }

  receivedBy(org: string): Iterable<CountedIncoming> {
    return this.incoming.get(org)?.values() ?? [];
  }

  typeOf(documentId: string): DocumentType | undefined {
    return this.types.get(documentId);
  }
}

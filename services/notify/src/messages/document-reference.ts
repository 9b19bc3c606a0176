import { DOCUMENT_TYPES, type DocumentStatus } from '@vanthu/shared';

/**
 * What names a document to a clerk: its type, its notation once issued, and who issued it. An
 * outgoing document's events carry the type (and `document.issued` the notation); its copies'
 * events carry neither, so the consumer completes them from what it saw earlier (KnownDocuments).
 */
export interface DocumentFacts {
  type?: string;
  notation?: string;
  issuer?: string;
}

export interface DocumentReference {
  text: string;
  /** The text names the issuer (only when nothing better is known), so a body need not say it again. */
  namesIssuer: boolean;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Statuses in which an outgoing document has no number yet: it is still a draft, whoever holds it. */
const BEFORE_ISSUE: ReadonlySet<string> = new Set<DocumentStatus>(['draft', 'registered', 'in_review', 'returned', 'rejected', 'signing']);

/**
 * Whether an event is of an outgoing document not yet issued. An archived document is judged by
 * the status it ended in: a rejected draft is archived as a draft.
 */
export function isDraftEvent(data: Record<string, unknown>): boolean {
  if (data.aggregate !== 'document') return false;
  const status = str(data.finalStatus) ?? str(data.status);
  return status !== undefined && BEFORE_ISSUE.has(status);
}

/** The event's own facts, each completed by `known` where the event says nothing. */
export function factsOf(data: Record<string, unknown>, known: DocumentFacts = {}): DocumentFacts {
  const type = str(data.type) ?? known.type;
  const notation = str(data.notation) ?? known.notation;
  const issuer = str(data.issuer) ?? known.issuer;
  return { ...(type && { type }), ...(notation && { notation }), ...(issuer && { issuer }) };
}

const typeName = (type: string | undefined): string | undefined =>
  type && Object.hasOwn(DOCUMENT_TYPES, type) ? DOCUMENT_TYPES[type as keyof typeof DOCUMENT_TYPES] : undefined;

/**
 * Events carry codes and ids, never a subject line, so a document is named as a register names
 * it: `Nghị quyết số 04-NQ/TU` once issued; `Dự thảo Nghị quyết` before. An id means nothing to a
 * reader (the inbox item links to the document anyway), so when notify never saw the notation —
 * a document issued before it kept them, or of an unknown type — the type and issuer are all it says.
 */
export function documentReference(facts: DocumentFacts, draft: boolean): DocumentReference {
  const name = typeName(facts.type);
  if (facts.notation) return { text: `${name ?? 'Văn bản'} số ${facts.notation}`, namesIssuer: false };
  if (draft) return { text: name ? `Dự thảo ${name}` : 'Dự thảo văn bản', namesIssuer: false };
  if (facts.issuer) return { text: `${name ?? 'Văn bản'} của ${facts.issuer}`, namesIssuer: true };
  return { text: name ?? 'Văn bản', namesIssuer: false };
}

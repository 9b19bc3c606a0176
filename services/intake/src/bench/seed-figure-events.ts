import { createHash } from 'node:crypto';
import {
  assertValidEvent,
  DOCUMENT_TYPE_CODES,
  EVENT_HEADERS,
  TOPICS,
  URGENCIES,
  type DocumentType,
  type DomainEvent,
  type IncomingInput,
  type LifecycleInput,
  type OutgoingMessage,
  type Publisher,
  type RecipientStatus,
  type Secrecy,
  type TransitionInput,
  type Urgency,
} from '@vanthu/shared';
import { copyRouting, documentRouting } from '@vanthu/workflows/dist/event-routing';
import { endOfVietnamDay, vietnamIso } from '@vanthu/workflows/dist/time';
import { transitionEvent } from '../records/transitions';
import { addDays, vietnamDay } from '../figures/vietnam-days';

/*
 * Documents for the operations figures without their lifecycles: the events a document's issue
 * and its copies' handling publish, built by the same code the workflows and the outbox use
 * (event-routing, transitionEvent), each checked against the catalogue, onto the real topic. A
 * benchmark seeds thousands in seconds; the projection cannot tell them from real ones.
 */

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** What became of a recipient's copy after it was registered. */
export type CopyOutcome =
  | { kind: 'done'; deadline: string; doneAt: number }
  | { kind: 'open'; deadline: string }
  | { kind: 'accepted' }
  | { kind: 'refused' };

export interface SyntheticCopy {
  org: string;
  /** Arrival (epoch ms): registered at once, received a minute later. */
  arrivedAt: number;
  arrivalNumber: number;
  outcome: CopyOutcome;
}

/** One issued document and what happened to each of its copies. */
export interface SyntheticDocument {
  documentId: string;
  issuer: string;
  type: DocumentType;
  urgency: Urgency;
  secrecy: Secrecy;
  createdBy: string;
  signer: string;
  issuedAt: number;
  number: number;
  notation: string;
  copies: SyntheticCopy[];
}

/** One copy's transitions, and its arrival as the register records it. */
export interface CopyTransitions {
  org: string;
  arrivedAt: string;
  arrivalNumber: number;
  transitions: TransitionInput[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The issue of an outgoing document, `seq` 5 as in a lifecycle without review (created, registered, ready, signed, issued). */
export const ISSUED_SEQ = 5;

/**
 * The transitions the workflows would ask intake to record for a document's issue and its copies,
 * with the event data they route (event-routing.ts): what the outbox turns into events, or what
 * intake's activities record (an integration test drives them with these).
 */
export function documentTransitions(doc: SyntheticDocument): { issued: TransitionInput; copies: CopyTransitions[] } {
  // The routing reads only these fields of the lifecycle's and copies' inputs.
  const lifecycle = { issuer: doc.issuer, type: doc.type, urgency: doc.urgency, secrecy: doc.secrecy, createdBy: doc.createdBy, signer: { userId: doc.signer, authority: 'T/M' } } as LifecycleInput;
  const issuedAt = vietnamIso(new Date(doc.issuedAt));
  const issued: TransitionInput = {
    aggregateId: doc.documentId,
    documentId: doc.documentId,
    kind: 'document',
    seq: ISSUED_SEQ,
    action: 'issued',
    status: 'issued',
    at: new Date(doc.issuedAt).toISOString(),
    actor: doc.createdBy,
    patch: { status: 'issued', number: doc.number, notation: doc.notation, issuedAt },
    data: { ...documentRouting(lifecycle, {}), number: doc.number, notation: doc.notation, issuedAt, content: sha256(`${doc.documentId}:issued`) },
  };

  const copies = doc.copies.map((copy): CopyTransitions => {
    const id = `${doc.documentId}@${copy.org}`;
    const input = { org: copy.org, issuer: doc.issuer, urgency: doc.urgency, secrecy: doc.secrecy } as IncomingInput;
    const state: { handler?: string; deadline?: string } = {};
    const transitions: TransitionInput[] = [];
    const arrivedAt = new Date(copy.arrivedAt).toISOString();
    const step = (action: string, status: RecipientStatus, at: number, extra: { actor?: string; data?: Record<string, unknown>; patch?: Record<string, unknown> } = {}) =>
      transitions.push({
        aggregateId: id,
        documentId: doc.documentId,
        kind: 'incoming',
        seq: transitions.length + 1,
        action,
        status,
        at: new Date(at).toISOString(),
        ...(extra.actor !== undefined && { actor: extra.actor }),
        patch: { status, ...extra.patch },
        data: { ...copyRouting(input, state, status), ...extra.data },
      });
    step('delivered', 'arrived', copy.arrivedAt, { data: { verified: true, arrivedAt } });
    const outcome = copy.outcome;
    if (outcome.kind === 'refused') {
      step('refused', 'rejected', copy.arrivedAt + MINUTE_MS, { actor: `clerk-${copy.org}` });
      return { org: copy.org, arrivedAt, arrivalNumber: copy.arrivalNumber, transitions };
    }
    step('received', 'accepted', copy.arrivedAt + MINUTE_MS, { data: { arrivalNumber: copy.arrivalNumber }, patch: { arrivalNumber: copy.arrivalNumber } });
    if (outcome.kind === 'accepted') return { org: copy.org, arrivedAt, arrivalNumber: copy.arrivalNumber, transitions };
    state.handler = `handler-${copy.org}`.toLowerCase();
    state.deadline = outcome.deadline;
    step('assigned', 'assigned', copy.arrivedAt + 2 * MINUTE_MS, { actor: `clerk-${copy.org}`, data: { handler: state.handler, deadline: state.deadline }, patch: { handler: state.handler, deadline: state.deadline } });
    step('processing', 'processing', copy.arrivedAt + 3 * MINUTE_MS, { actor: state.handler });
    if (outcome.kind === 'done') step('processed', 'done', outcome.doneAt, { actor: state.handler });
    return { org: copy.org, arrivedAt, arrivalNumber: copy.arrivalNumber, transitions };
  });
  return { issued, copies };
}

/** A document's events in the order its workflows publish them, each valid per the catalogue. */
export function documentEvents(doc: SyntheticDocument): DomainEvent[] {
  const { issued, copies } = documentTransitions(doc);
  const events = [issued, ...copies.flatMap((c) => c.transitions)].map(transitionEvent);
  for (const event of events) assertValidEvent(event);
  return events;
}

export interface FigureSeedPlan {
  /** Prefix of the documents' ids, unique per run: runs never meet on the shared topic. */
  run: string;
  documents: number;
  /** Issuing organisations, taken in turn; they and the recipients must be in intake's directory. */
  issuers: readonly string[];
  /** Each document goes to `recipientsPerDocument` of these, in turn (never to its own issuer). */
  recipients: readonly string[];
  recipientsPerDocument?: number;
  /** Issued over the `days` Vietnam days up to `now` (default 30). */
  days?: number;
  now?: number;
  /** Every `secretEvery`th document is secret (Mật); default 10. They count like the others. */
  secretEvery?: number;
}

/**
 * The `i`th document of a plan, the same every time: types, urgencies and issuers in turn, issue
 * times spread over the period, and copies in every state the figures tell apart — done in a few
 * hours to a few days, open past their deadline, due within days, due later, received and not yet
 * assigned, refused.
 */
export function plannedDocument(plan: FigureSeedPlan, i: number): SyntheticDocument {
  const now = plan.now ?? Date.now();
  const days = plan.days ?? 30;
  const issuer = plan.issuers[i % plan.issuers.length]!;
  const type = DOCUMENT_TYPE_CODES[i % DOCUMENT_TYPE_CODES.length]!;
  // A multiplier prime to the period's hours spreads consecutive documents over it.
  const issuedAt = now - ((i * 7919) % (days * 24)) * HOUR_MS - (i % 60) * MINUTE_MS - HOUR_MS;
  const today = vietnamDay(now);
  const eligible = plan.recipients.filter((org) => org !== issuer);
  const wanted = Math.min(plan.recipientsPerDocument ?? 2, eligible.length);
  const copies = Array.from({ length: wanted }, (_, k): SyntheticCopy => {
    const org = eligible[(i + k) % eligible.length]!;
    const arrivedAt = issuedAt + (1 + ((i + k) % 30)) * MINUTE_MS;
    const variant = (i * 3 + k) % 10;
    let outcome: CopyOutcome;
    if (variant < 5) {
      const doneAt = arrivedAt + (1 + ((i * 31 + k * 17) % 96)) * HOUR_MS;
      const deadline = endOfVietnamDay(addDays(vietnamDay(arrivedAt), 10)).toISOString();
      outcome = doneAt <= now ? { kind: 'done', deadline, doneAt } : { kind: 'open', deadline };
    } else if (variant < 8) {
      // Due the day after it arrived (past, for most), due today or tomorrow, or due in ten days.
      const dueDay = variant === 5 ? addDays(vietnamDay(arrivedAt), 1) : addDays(today, variant === 6 ? i % 2 : 10);
      outcome = { kind: 'open', deadline: endOfVietnamDay(dueDay).toISOString() };
    } else outcome = variant === 8 ? { kind: 'accepted' } : { kind: 'refused' };
    return { org, arrivedAt, arrivalNumber: i * wanted + k + 1, outcome };
  });
  const secretEvery = plan.secretEvery ?? 10;
  return {
    documentId: `${plan.run}-${i}`,
    issuer,
    type,
    urgency: URGENCIES[i % URGENCIES.length]!,
    secrecy: secretEvery > 0 && i % secretEvery === secretEvery - 1 ? 'mat' : 'none',
    createdBy: `specialist-${issuer}`.toLowerCase(),
    signer: `leader-${issuer}`.toLowerCase(),
    issuedAt,
    number: i + 1,
    notation: `${i + 1}-${type}/${issuer}`,
    copies,
  };
}

export interface FigureSeedResult {
  documents: number;
  copies: number;
  events: number;
  ms: number;
}

const asMessage = (event: DomainEvent): OutgoingMessage => ({
  key: event.subject,
  value: JSON.stringify(event),
  headers: { [EVENT_HEADERS.id]: event.id, [EVENT_HEADERS.type]: event.type, [EVENT_HEADERS.version]: String(event.version), [EVENT_HEADERS.contentType]: 'application/json' },
});

/**
 * Publishes a plan's documents' events onto the document topic (or `topic`), a chunk at a time:
 * a produce request stays under the broker's 1 MB, and the whole plan never sits in memory.
 * Ids are deterministic (`<aggregate>:<seq>`), so seeding a plan twice changes no figure.
 */
export async function seedFigureEvents(publisher: Publisher, plan: FigureSeedPlan, topic: string = TOPICS.documentEvents.name): Promise<FigureSeedResult> {
  const started = Date.now();
  const fixed = { ...plan, now: plan.now ?? started };
  // About 11 events of 700 bytes per document: some 300 KB per request.
  const CHUNK = 40;
  const result = { documents: 0, copies: 0, events: 0 };
  for (let start = 0; start < plan.documents; start += CHUNK) {
    const messages: OutgoingMessage[] = [];
    for (let i = start; i < Math.min(plan.documents, start + CHUNK); i += 1) {
      const doc = plannedDocument(fixed, i);
      result.documents += 1;
      result.copies += doc.copies.length;
      for (const event of documentEvents(doc)) messages.push(asMessage(event));
    }
    await publisher.publish(topic, messages);
    result.events += messages.length;
  }
  return { ...result, ms: Date.now() - started };
}

import {
  copyParticipants,
  documentContext,
  documentParticipants,
  DocumentKey,
  isSecret,
  orgScope,
  putSealed,
  RECIPIENT_STATUSES,
  type BlobRef,
  type BlobStore,
  type KeyRing,
  type RecipientStatus,
  type Sealing,
  type TransitionInput,
} from '@vanthu/shared';
import { workflowIdFor } from '@vanthu/workflows';
import { documentTransitions, ISSUED_SEQ, type SyntheticDocument } from '@vanthu/intake/dist/bench/seed-figure-events';
import type { DocumentDoc } from '@vanthu/intake/dist/records/documents';
import { incomingId, type IncomingDoc } from '@vanthu/intake/dist/records/incoming';
import { historyEntry } from '@vanthu/intake/dist/records/transitions';
import { AUTHOR, ISSUING_CLERK, SIGNER } from './bench-documents';

const HOUR_MS = 3_600_000;

/** A secret record's key as intake keeps it (records/sealings.ts): the document's, then each copy's, wrapped under its organisation's KEK. */
export interface KeyToStore {
  id: string;
  documentId: string;
  org: string;
  sealing: Sealing;
}

/** What intake's records hold for one issued document: its outgoing record, each recipient's copy, and the keys of a secret one. */
export interface RegisterRecords {
  document: DocumentDoc;
  copies: IncomingDoc[];
  keys: KeyToStore[];
}

type Aggregate = { status: string; seq: number; updatedAt: string; history?: DocumentDoc['history'] };

/**
 * What intake's `recordTransition` activity does to an aggregate's record: the transition's patch,
 * its seq and time, and a line of history (records/transitions.ts). A copy's patch also carries
 * its edXML status code, as the incoming workflow sends it (workflows/src/incoming-document.ts).
 */
function apply(record: Aggregate, input: TransitionInput): void {
  Object.assign(record, input.patch, { seq: input.seq, updatedAt: input.at });
  if (input.kind === 'incoming') Object.assign(record, { statusCode: RECIPIENT_STATUSES[input.status as RecipientStatus] });
  record.history = [...(record.history ?? []), historyEntry(input)];
}

/** The PDF every open document is issued with, and how a secret one's is sealed with its key. */
export interface IssuedContent {
  open: BlobRef;
  pdf: Buffer;
}

/**
 * The records intake's activities leave for `doc` once it is issued and its copies have gone as
 * the plan says: the outgoing record as the draft started it and the `issued` transition left it
 * (its history holds that transition: the figures are made of the events from the issue on, so
 * the benchmark seeds no earlier ones), the sender's view of each recipient as `recordRecipients`
 * writes it, and each copy as `registerIncoming` created it and its transitions changed it. A
 * secret document is sealed as intake seals one: its own data key, wrapped for the issuer and
 * re-wrapped for each recipient, its subject and PDF sealed with it, and its participants (the
 * author, the signer, the clerk who issued it; each copy's clerks and handler) on the records.
 */
export async function registerRecords(doc: SyntheticDocument, subject: string, content: IssuedContent, blobs: BlobStore, ring: KeyRing): Promise<RegisterRecords> {
  const { issued, copies } = documentTransitions(doc);
  const secret = isSecret(doc.secrecy);
  const key = secret ? DocumentKey.generate(doc.documentId) : undefined;
  const keys: KeyToStore[] = [];
  let sealing: Sealing | undefined;
  if (key) {
    sealing = await key.sealingFor(ring, doc.issuer);
    keys.push({ id: doc.documentId, documentId: doc.documentId, org: doc.issuer, sealing });
  }
  const storedSubject = key ? await key.seal(subject) : subject;
  const pdf = key ? await putSealed(blobs, key, content.pdf, 'application/pdf') : content.open;
  const signer = { userId: SIGNER, authority: 'T/M' as const };
  const createdAt = new Date(doc.issuedAt - 4 * HOUR_MS).toISOString();

  const document: DocumentDoc = {
    _id: doc.documentId,
    workflowId: workflowIdFor(doc.documentId),
    status: 'signing',
    type: doc.type,
    subject: storedSubject,
    issuer: doc.issuer,
    urgency: doc.urgency,
    secrecy: doc.secrecy,
    pageCount: 1,
    language: 'vi',
    copies: doc.copies.length + 1,
    signer,
    approvers: [],
    recipients: [],
    addressees: doc.copies.map((c) => c.org),
    content: pdf,
    attachments: [],
    createdBy: AUTHOR,
    createdAt,
    updatedAt: createdAt,
    seq: ISSUED_SEQ - 1,
    history: [],
    ...(secret && { participants: documentParticipants({ issuer: doc.issuer, createdBy: AUTHOR, approvers: [], signer }, ISSUING_CLERK) }),
  };
  apply(document, issued);

  const records: IncomingDoc[] = [];
  for (const copy of copies) {
    const id = incomingId(doc.documentId, copy.org);
    if (sealing) keys.push({ id, documentId: doc.documentId, org: copy.org, sealing: { wrappedKey: await ring.rewrap(sealing.wrappedKey, documentContext(doc.documentId), orgScope(copy.org)) } });
    const record: IncomingDoc = {
      _id: id,
      documentId: doc.documentId,
      org: copy.org,
      arrivalNumber: copy.arrivalNumber,
      arrivedAt: copy.arrivedAt,
      status: 'arrived',
      statusCode: RECIPIENT_STATUSES.arrived,
      issuer: doc.issuer,
      notation: doc.notation,
      type: doc.type,
      subject: storedSubject,
      urgency: doc.urgency,
      secrecy: doc.secrecy,
      content: pdf,
      attachments: [],
      seq: 0,
      updatedAt: copy.arrivedAt,
      history: [],
      ...(secret && { participants: copyParticipants(copy.org) }),
    };
    for (const transition of copy.transitions) apply(record, transition);
    if (secret && record.handler) record.participants = copyParticipants(copy.org, record.handler);
    records.push(record);
  }
  document.recipients = records.map((r) => ({
    org: r.org,
    status: r.status,
    statusCode: r.statusCode,
    arrivalNumber: r.arrivalNumber,
    ...(r.handler !== undefined && { handler: r.handler }),
    ...(r.deadline !== undefined && { deadline: r.deadline }),
    updatedAt: r.updatedAt,
  }));
  return { document, copies: records, keys };
}

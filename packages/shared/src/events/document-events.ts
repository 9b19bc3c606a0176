import { DOCUMENT_STATUSES, DOCUMENT_TYPE_CODES, RECIPIENT_STATUSES, ROLES, SECRECY_LEVELS, URGENCIES, type RecipientStatus } from '../contracts/documents';
import { TOPICS } from '../contracts/topics';
import { array, bool, constant, int, nothing, nullable, object, oneOf, sha256, str, timestamp, type Schema } from './json-schema';
import { defineEvent } from './event-spec';

/*
 * Lifecycle events, as intake's outbox writes them for the lifecycle workflows (see
 * services/intake/src/records/transitions.ts). Every event carries the fields a consumer needs
 * to route it — the organisation concerned and the people involved — so no consumer has to read
 * another service's records. No subject line and no content: only codes, ids and hashes.
 */

const RECIPIENT_STATUS_NAMES = Object.keys(RECIPIENT_STATUSES) as RecipientStatus[];
const RECIPIENT_STATUS_CODES = Object.values(RECIPIENT_STATUSES);

const common = {
  documentId: str('The outgoing document, also the Kafka key.', { minLength: 1 }),
  aggregateId: str('The record that changed: the document id, or `<documentId>@<orgCode>` for a recipient\'s copy.', { minLength: 1 }),
  seq: int('Position of this change in its aggregate\'s history, from 1; with aggregateId it identifies the event.', 1),
  actor: str('User id of the person who acted; absent when the system acted (timers, distribution).'),
  note: str('Free text given with the action: a reason, a comment, a report. Never present for a secret document (`secrecy` `mat`, `toi-mat` or `tuyet-mat`): its events carry its id, level, number and status, no free text.'),
  org: str('Code of the organisation the record belongs to: the issuer for an outgoing document, the recipient for a copy.'),
  urgency: oneOf('Urgency (normal, khan = Khẩn, thuong-khan = Thượng khẩn, hoa-toc = Hỏa tốc).', URGENCIES),
};

const outgoing = {
  ...common,
  aggregate: constant('document', 'The outgoing document itself.'),
  status: oneOf('The document\'s status after the change.', DOCUMENT_STATUSES),
  issuer: str('Code of the issuing organisation.'),
  type: oneOf('Document type code (NQ, QD, CT, ... see MISSION.md).', DOCUMENT_TYPE_CODES),
  secrecy: oneOf('Secrecy level.', SECRECY_LEVELS),
  createdBy: str('User id of the drafter.'),
  signer: str('User id of the person who signs.'),
  currentApprover: str('User id of the approver whose turn it is, while in review.'),
};
const outgoingRequired = ['documentId', 'aggregate', 'aggregateId', 'seq', 'status', 'org', 'issuer', 'type', 'urgency', 'secrecy', 'createdBy', 'signer'] as const;

const incoming = {
  ...common,
  aggregate: constant('incoming', 'A recipient organisation\'s copy.'),
  status: oneOf('The copy\'s status after the change (edXML names).', RECIPIENT_STATUS_NAMES),
  statusCode: oneOf('The edXML (QCVN 102:2016) status code of `status`.', RECIPIENT_STATUS_CODES),
  issuer: str('Code of the sending organisation.'),
  secrecy: oneOf('Secrecy level of the document (absent on copies distributed before it was carried).', SECRECY_LEVELS),
  handler: str('User id of the assigned handler, once assigned.'),
  deadline: timestamp('When processing is due (end of the day, Vietnam time), once assigned.'),
};
const incomingRequired = ['documentId', 'aggregate', 'aggregateId', 'seq', 'status', 'statusCode', 'org', 'urgency'] as const;

function lifecycleEvent<F extends Record<string, Schema> & { documentId: Schema<string> }, B extends keyof F & string>(fields: F, baseRequired: readonly B[]) {
  return <const A extends string, E extends Record<string, Schema> = Record<never, Schema>, R extends keyof (F & E) & string = never>(
    action: A,
    summary: string,
    extra: E = {} as E,
    required: readonly R[] = [],
  ) =>
    defineEvent({
      type: `document.${action}`,
      version: 1,
      topic: TOPICS.documentEvents.name,
      key: 'documentId',
      summary,
      data: object({ ...fields, ...extra }, [...baseRequired, ...required]),
    });
}

/** An event of the outgoing document itself. */
const documentEvent = lifecycleEvent(outgoing, outgoingRequired);
/** An event of a recipient organisation's copy. */
const copyEvent = lifecycleEvent(incoming, incomingRequired);

const approvers = array(str('User id.'), 'The approvers, in order.');

/** Events of the outgoing document itself. */
const OUTGOING_EVENTS = [
  documentEvent('created', 'A draft was created with its content.', { content: sha256('SHA-256 of the draft PDF.') }, ['content']),
  documentEvent('registered', 'A clerk submitted the draft; it is on the register.'),
  documentEvent('review-started', 'Review began with the first approver.', { approvers }, ['approvers']),
  documentEvent('approved', 'An approver approved; the next approver (if any) is named.', { nextApprover: nullable(str('User id of the next approver, or null when review is over.')) }, ['nextApprover']),
  documentEvent('returned', 'An approver returned the document for revision (reason in `note`).'),
  documentEvent('rejected', 'An approver rejected the document (reason in `note`); the lifecycle ends.'),
  documentEvent('revised', 'The drafter revised the document.', { content: sha256('SHA-256 of the revised PDF.') }, ['content']),
  documentEvent('ready-for-signing', 'Review is over (or there was none); the signer\'s turn.', { approvers }, ['approvers']),
  documentEvent(
    'signed',
    'The signer signed (PAdES); the signed PDF replaces the draft.',
    {
      content: sha256('SHA-256 of the signed PDF.'),
      signature: object(
        {
          signatureId: str('The signing service\'s id of the signature (its key-use record).'),
          certificateSerial: str('Serial of the signing certificate (hex).'),
          signerName: str('Subject common name of the certificate.'),
          signedAt: timestamp('Signing time, Vietnam time.'),
          timestamped: bool('True when an RFC 3161 timestamp is embedded (level T).'),
        },
        ['signatureId', 'certificateSerial', 'signerName', 'signedAt', 'timestamped'],
      ),
    },
    ['content', 'signature'],
  ),
  documentEvent(
    'issued',
    'The organisation signed and a clerk issued the document with its number and date.',
    {
      number: int('Number in its series (per issuer, type and period).', 1),
      notation: str('The full notation, e.g. `12-NQ/TU`.'),
      issuedAt: timestamp('Issue time, Vietnam time.'),
      content: sha256('SHA-256 of the PDF with both signatures.'),
    },
    ['number', 'notation', 'issuedAt', 'content'],
  ),
  documentEvent('distributed', 'The document was sent to every recipient.', { recipients: array(str('Organisation code.'), 'Recipient organisations.') }, ['recipients']),
  documentEvent('recalled', 'The issuer recalled the document (reason in `note`); each copy is withdrawn.'),
  documentEvent(
    'archived',
    'The document\'s archival package was stored and appended to the archive log.',
    {
      packageId: str('Archival package id.'),
      manifestSha256: sha256('SHA-256 of the package manifest.'),
      logIndex: int('Index of the package in the archive\'s Merkle log.'),
      finalStatus: oneOf('The status the document ended in.', DOCUMENT_STATUSES),
    },
    ['packageId', 'manifestSha256', 'logIndex', 'finalStatus'],
  ),
];

/** Events of a recipient organisation's copy. */
const COPY_EVENTS = [
  copyEvent(
    'delivered',
    'The document reached a recipient, whose system checked its signatures.',
    {
      verified: bool('Whether every signature verified.'),
      arrivedAt: timestamp('When the copy was entered in the recipient\'s incoming register (its arrival time there); absent on copies that arrived before it was carried.'),
    },
    ['verified'],
  ),
  copyEvent('received', 'The recipient registered the document with an arrival number.', { arrivalNumber: int('Number on the recipient\'s incoming register.', 1) }, ['arrivalNumber']),
  copyEvent('refused', 'The recipient refused the document (reason in `note`).'),
  copyEvent('assigned', 'A clerk assigned the copy to a handler with a deadline.', {}, ['handler', 'deadline']),
  copyEvent('processing', 'The handler started processing.'),
  copyEvent('processed', 'The handler completed processing (report in `note`).'),
  copyEvent('copy-recalled', 'The sender recalled the document; this copy is withdrawn.'),
  copyEvent('deadline-approaching', 'Processing is due soon: a reminder to the handler.', { escalateTo: nothing('Always null for a reminder.') }, ['escalateTo']),
  copyEvent(
    'overdue',
    'Processing is overdue: escalation to the organisation\'s leaders.',
    { escalateTo: object({ org: str('Organisation code.'), role: oneOf('Role to escalate to.', ROLES) }, ['org', 'role']) },
    ['escalateTo'],
  ),
];

export const DOCUMENT_EVENTS = [...OUTGOING_EVENTS, ...COPY_EVENTS];

export type CopyEventType = (typeof COPY_EVENTS)[number]['type'];
/** The types of a recipient's copy's events (`aggregate` `incoming`); the others are the outgoing document's. */
export const COPY_EVENT_TYPES: readonly CopyEventType[] = COPY_EVENTS.map((spec) => spec.type);

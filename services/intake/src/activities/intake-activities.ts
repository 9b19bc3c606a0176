import { ApplicationFailure } from '@temporalio/activity';
import type { Connection } from 'mongoose';
import {
  KeyRing,
  RECIPIENT_STATUSES,
  copyParticipants,
  documentContext,
  isDuplicateKeyError,
  isSecret,
  orgScope,
  type IntakeActivities,
  type OutboxRelay,
  type RecipientState,
} from '@vanthu/shared';
import { arrivalSeries, numberSeries, partyNotation } from '../numbering/series';
import type { SequenceAllocator } from '../numbering/sequence-allocator';
import { documentModel } from '../records/documents';
import { incomingModel } from '../records/incoming';
import { organisationModel, toOrganisation } from '../records/organisations';
import { historyEntry, insertTransition } from '../records/transitions';
import { sealingStore } from '../records/sealings';
import { userModel } from '../records/users';
import { RegisterJournal } from '../registers/register-journal';

export interface IntakeActivityDeps {
  mongo: Connection;
  numbers: SequenceAllocator;
  arrivals: SequenceAllocator;
  relay?: OutboxRelay;
  /** Re-wraps a secret document's key for each recipient; the service context's ring by default. */
  keys?: KeyRing;
}

const missing = (what: string) => ApplicationFailure.create({ type: 'NotFound', message: `${what} does not exist`, nonRetryable: true });

/** Intake's activities: the only writers of a document's records once its workflow runs. */
export function intakeActivities({ mongo, numbers, arrivals, relay, keys = KeyRing.fromEnv() }: IntakeActivityDeps): IntakeActivities {
  const documents = documentModel(mongo);
  const incoming = incomingModel(mongo);
  const organisations = organisationModel(mongo);
  const registerLines = new RegisterJournal(mongo);
  const users = userModel(mongo);

  async function organisation(code: string) {
    const org = await organisations.findById(code).lean();
    if (!org) throw missing(`organisation ${code}`);
    return toOrganisation(org);
  }

  async function document(id: string) {
    const doc = await documents.findById(id).lean();
    if (!doc) throw missing(`document ${id}`);
    return doc;
  }

  return {
    async recordTransition(input) {
      await insertTransition(mongo, input);
      const model = (input.kind === 'document' ? documents : incoming) as unknown as typeof documents;
      // The filter names the `_id`, so our database reads that one record (docs/local-stack.md);
      // the seq condition makes a replayed activity (after a crash) a no-op. The aggregate's
      // workflow is its one writer, so no other update races this one.
      await model.updateOne(
        { _id: input.aggregateId, seq: { $lt: input.seq } },
        { $set: { ...input.patch, seq: input.seq, updatedAt: input.at }, $push: { history: historyEntry(input) } },
      );
      relay?.nudge();
      // Also on a replay whose update was a no-op: the crash may have come before this line.
      await (input.kind === 'document' ? registerLines.documentChanged(input.aggregateId) : registerLines.copyChanged(input.aggregateId));
    },

    async recordRecipients(documentId, recipients: RecipientState[]) {
      const view = recipients.map((r) => ({ ...r, statusCode: RECIPIENT_STATUSES[r.status] }));
      await documents.updateOne({ _id: documentId }, { $set: { recipients: view } });
    },

    async allocateDocumentNumber({ documentId, issuer, type, secrecy, issuedAt }) {
      const org = await organisation(issuer);
      const number = await numbers.allocate(numberSeries(org, type, secrecy, new Date(issuedAt)), documentId);
      return { number, notation: partyNotation(number, type, org.notationCode) };
    },

    async registerIncoming(input) {
      const id = `${input.documentId}@${input.org}`;
      const arrivalNumber = await arrivals.allocate(arrivalSeries(input.org, new Date(input.arrivedAt)), id);
      const source = await document(input.documentId);
      // The copy holds the document's key under the recipient's own KEK: each organisation opens
      // its secret copies with its key alone. The sealed subject and files are shared as they are.
      if (isSecret(source.secrecy)) {
        if (!input.sealing) throw ApplicationFailure.create({ type: 'SealingMissing', message: `secret document ${input.documentId} arrived without its key`, nonRetryable: true });
        const wrappedKey = await keys.rewrap(input.sealing.wrappedKey, documentContext(input.documentId), orgScope(input.org));
        await sealingStore(mongo).put(id, input.documentId, input.org, { wrappedKey });
      }
      try {
        await incoming.create({
          _id: id,
          documentId: input.documentId,
          org: input.org,
          arrivalNumber,
          arrivedAt: input.arrivedAt,
          status: 'arrived',
          statusCode: RECIPIENT_STATUSES.arrived,
          issuer: source.issuer,
          notation: source.notation ?? '',
          type: source.type,
          subject: source.subject,
          urgency: source.urgency,
          secrecy: source.secrecy,
          content: input.content,
          attachments: input.attachments,
          seq: 0,
          updatedAt: input.arrivedAt,
          history: [],
          ...(isSecret(source.secrecy) && { participants: copyParticipants(input.org) }),
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      await registerLines.copyChanged(id);
      return { arrivalNumber };
    },

    async loadArchivalRecord(documentId) {
      const doc = await document(documentId);
      const [org, signer, copies] = await Promise.all([
        organisation(doc.issuer),
        users.findById(doc.signer.userId).lean(),
        // Each recipient's copy by its id: lookups by `_id` only (see recordTransition).
        Promise.all((doc.recipients ?? []).map((r) => incoming.findById(`${documentId}@${r.org}`).lean())),
      ]);
      const history = [
        ...(doc.history ?? []).map((h) => ({ ...h, action: `document.${h.action}` })),
        ...copies.flatMap((copy) => (copy?.history ?? []).map((h) => ({ ...h, action: `document.${h.action} (${copy!.org})` }))),
      ].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
      return {
        documentId,
        ...(doc.fileCode && { fileCode: doc.fileCode }),
        type: doc.type,
        number: doc.number ?? 0,
        notation: doc.notation ?? '',
        issuedAt: doc.issuedAt ?? '',
        issuerCode: org.code,
        issuerName: org.name,
        subject: doc.subject,
        language: doc.language ?? 'vi',
        pageCount: doc.pageCount,
        signer: { fullName: signer?.fullName ?? doc.signer.userId, position: signer?.position ?? '', authority: doc.signer.authority },
        recipients: (doc.recipients ?? []).map((r) => r.org),
        urgency: doc.urgency,
        secrecy: doc.secrecy,
        copies: doc.copies ?? 1,
        ...(doc.dueDate && { dueDate: doc.dueDate }),
        finalStatus: doc.status,
        history,
      };
    },

    async signingParties(documentId) {
      const doc = await document(documentId);
      const [org, signer] = await Promise.all([organisation(doc.issuer), users.findById(doc.signer.userId).lean()]);
      if (!signer) throw missing(`signer ${doc.signer.userId}`);
      return {
        signer: { userId: signer._id, fullName: signer.fullName, position: signer.position, orgCode: org.code, orgName: org.name },
        organisation: { orgCode: org.code, orgName: org.name },
      };
    },
  };
}

import type { Connection, FilterQuery } from 'mongoose';
import { Problem, type BlobRef, type BlobStore } from '@vanthu/shared';
import { documentModel, type DocumentDoc } from '../records/documents';
import { incomingModel, type IncomingDoc } from '../records/incoming';
import { userModel } from '../records/users';
import type { DocumentFilter, DocumentView, IncomingFilter, IncomingRegisterRow, IncomingView, OutgoingRegisterRow, Page, Principal } from './ports';
import { documentNotFound, incomingNotFound } from './failures';
import { forbidden, requireMember } from './rights';
import { toDocumentView, toIncomingView } from './views';

const dayStart = (d: string) => `${d}T00:00:00+07:00`;
const dayEnd = (d: string) => `${d}T23:59:59+07:00`;

/** Reading: who may see what is decided here, from the principal's organisation and role. */
export function queries(mongo: Connection, blobs: BlobStore) {
  const documents = documentModel(mongo);
  const incoming = incomingModel(mongo);
  const users = userModel(mongo);

  function mayRead(principal: Principal, doc: DocumentDoc): boolean {
    return principal.role === 'admin' || principal.orgCode === doc.issuer || (doc.recipients ?? []).some((r) => r.org === principal.orgCode);
  }

  async function loadDocument(principal: Principal, id: string): Promise<DocumentDoc> {
    const doc = await documents.findById(id).lean();
    // Someone else's document is reported as missing, not forbidden: its existence is not ours to reveal.
    if (!doc || !mayRead(principal, doc)) throw documentNotFound(id);
    return doc;
  }

  async function loadIncoming(principal: Principal, id: string): Promise<IncomingDoc> {
    const doc = await incoming.findById(id).lean();
    if (!doc || (principal.role !== 'admin' && principal.orgCode !== doc.org)) throw incomingNotFound(id);
    return doc;
  }

  return {
    loadDocument,
    loadIncoming,
    async getDocument(principal: Principal, id: string): Promise<DocumentView> {
      const doc = await loadDocument(principal, id);
      return toDocumentView(doc);
    },

    async listDocuments(principal: Principal, filter: DocumentFilter): Promise<Page<DocumentView>> {
      const query: FilterQuery<DocumentDoc> = {};
      if (principal.role !== 'admin') query.issuer = principal.orgCode;
      if (filter.issuer) {
        if (principal.role !== 'admin' && filter.issuer !== principal.orgCode) throw forbidden(`You may list the documents of ${principal.orgCode} only.`, 'issuer');
        query.issuer = filter.issuer;
      }
      if (filter.type) query.type = filter.type;
      if (filter.status) query.status = filter.status;
      if (filter.number !== undefined) query.number = filter.number;
      if (filter.from || filter.to) {
        query.createdAt = { ...(filter.from && { $gte: new Date(dayStart(filter.from)).toISOString() }), ...(filter.to && { $lte: new Date(dayEnd(filter.to)).toISOString() }) };
      }
      const [total, docs] = await Promise.all([
        documents.countDocuments(query),
        documents.find(query).sort({ createdAt: -1 }).skip((filter.page - 1) * filter.pageSize).limit(filter.pageSize).lean(),
      ]);
      return { items: docs.map((d) => toDocumentView({ ...d, history: [] })), total, page: filter.page, pageSize: filter.pageSize };
    },

    async getDocumentBlob(principal: Principal, id: string, sha256: string): Promise<{ ref: BlobRef; data: Buffer }> {
      const doc = await loadDocument(principal, id);
      const refs: BlobRef[] = [doc.content, ...(doc.attachments ?? [])];
      for (const s of doc.attachmentSignatures ?? []) refs.push((s as { signature: BlobRef }).signature);
      const ref = refs.find((r) => r.sha256 === sha256);
      if (!ref) throw new Problem(404, 'blob-not-found', `Document ${id} has no file ${sha256}.`, { field: 'sha256' });
      return { ref, data: await blobs.get(sha256) };
    },

    async getIncoming(principal: Principal, id: string): Promise<IncomingView> {
      const doc = await loadIncoming(principal, id);
      return toIncomingView(doc);
    },

    async listIncoming(principal: Principal, filter: IncomingFilter): Promise<Page<IncomingView>> {
      const org = filter.org ?? principal.orgCode;
      if (principal.role !== 'admin' && org !== principal.orgCode) throw forbidden(`You may list the incoming documents of ${principal.orgCode} only.`, 'org');
      const query: FilterQuery<IncomingDoc> = { org };
      if (filter.status) query.status = filter.status;
      if (filter.from || filter.to) {
        query.arrivedAt = { ...(filter.from && { $gte: new Date(dayStart(filter.from)).toISOString() }), ...(filter.to && { $lte: new Date(dayEnd(filter.to)).toISOString() }) };
      }
      const [total, docs] = await Promise.all([
        incoming.countDocuments(query),
        incoming.find(query).sort({ arrivedAt: -1 }).skip((filter.page - 1) * filter.pageSize).limit(filter.pageSize).lean(),
      ]);
      return { items: docs.map((d) => toIncomingView({ ...d, history: [] })), total, page: filter.page, pageSize: filter.pageSize };
    },

    async outgoingRegister(principal: Principal, org: string, from: string, to: string): Promise<OutgoingRegisterRow[]> {
      requireMember(principal, org, ['clerk', 'leader'], 'read the outgoing register');
      const docs = await documents
        .find({ issuer: org, issuedAt: { $gte: dayStart(from), $lte: dayEnd(to) } })
        .sort({ issuedAt: 1, number: 1 })
        .lean();
      const signers = new Map((await users.find({ _id: { $in: docs.map((d) => d.signer.userId) } }).lean()).map((u) => [u._id, u.fullName]));
      return docs.map((d) => ({
        number: d.number ?? 0,
        notation: d.notation ?? '',
        issuedAt: d.issuedAt ?? '',
        type: d.type,
        subject: d.subject,
        signer: signers.get(d.signer.userId) ?? d.signer.userId,
        recipients: (d.addressees ?? d.recipients.map((r) => r.org)).join(', '),
        copies: d.copies ?? 1,
        urgency: d.urgency,
        secrecy: d.secrecy,
      }));
    },

    async incomingRegister(principal: Principal, org: string, from: string, to: string): Promise<IncomingRegisterRow[]> {
      requireMember(principal, org, ['clerk', 'leader'], 'read the incoming register');
      const docs = await incoming
        .find({ org, arrivedAt: { $gte: new Date(dayStart(from)).toISOString(), $lte: new Date(dayEnd(to)).toISOString() } })
        .sort({ arrivalNumber: 1 })
        .lean();
      return docs.map((d) => ({
        arrivalNumber: d.arrivalNumber,
        arrivedAt: d.arrivedAt,
        issuer: d.issuer,
        notation: d.notation,
        type: d.type,
        subject: d.subject,
        handler: d.handler ?? '',
        deadline: d.deadline ?? '',
        status: d.status as IncomingRegisterRow['status'],
      }));
    },
  };
}

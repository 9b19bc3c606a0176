import type { Connection, FilterQuery } from 'mongoose';
import { Problem, getOpened, isSecret, type BlobRef, type BlobStore } from '@vanthu/shared';
import { documentModel, type DocumentDoc } from '../records/documents';
import { incomingModel, type IncomingDoc } from '../records/incoming';
import { userModel } from '../records/users';
import type { LiveRegisters } from '../registers/live-registers';
import type { InstantPeriod } from '../registers/register-index';
import type { DocumentFilter, DocumentView, IncomingFilter, IncomingRegisterRow, IncomingView, OutgoingRegisterRow, Page, Paging, Principal } from './ports';
import { documentNotFound, incomingNotFound } from './failures';
import { forbidden, requireMember } from './rights';
import type { ReadContext, SecretAccess, SecretHolder } from './secret-access';
import { toDocumentView, toIncomingView } from './views';

const dayStart = (d: string) => `${d}T00:00:00+07:00`;
const dayEnd = (d: string) => `${d}T23:59:59+07:00`;
const instantsOf = (from: string, to: string): InstantPeriod => ({ from: Date.parse(dayStart(from)), to: Date.parse(dayEnd(to)) });
const pageOf = <T>(rows: T[], paging: Paging): Page<T> => ({ items: rows.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize), total: rows.length, ...paging });
const isPresent = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

function outgoingRow(d: DocumentDoc, signers: Map<string, string>): OutgoingRegisterRow {
  return {
    documentId: d._id,
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
  };
}

function incomingRow(d: IncomingDoc): IncomingRegisterRow {
  return {
    id: d._id,
    documentId: d.documentId,
    arrivalNumber: d.arrivalNumber,
    arrivedAt: d.arrivedAt,
    issuer: d.issuer,
    notation: d.notation,
    type: d.type,
    subject: d.subject,
    handler: d.handler ?? '',
    deadline: d.deadline ?? '',
    status: d.status as IncomingRegisterRow['status'],
    secrecy: d.secrecy,
  };
}

export const documentHolder = (doc: DocumentDoc): SecretHolder => ({ holderId: doc._id, documentId: doc._id, org: doc.issuer, secrecy: doc.secrecy, ...(doc.participants && { participants: doc.participants }) });
export const copyHolder = (doc: IncomingDoc): SecretHolder => ({
  holderId: doc._id,
  documentId: doc.documentId,
  org: doc.org,
  secrecy: (doc.secrecy ?? 'none') as SecretHolder['secrecy'],
  ...(doc.participants && { participants: doc.participants }),
});

/**
 * Reading: who may see what is decided here, from the principal's organisation and role — and
 * for secret documents from their clearance and part in the flow (secret-access.ts). A secret
 * record is opened (subject, notes, files) only on its way out to someone let in.
 */
export function queries(mongo: Connection, blobs: BlobStore, secrets: SecretAccess, registers?: LiveRegisters) {
  const documents = documentModel(mongo);
  const incoming = incomingModel(mongo);
  const users = userModel(mongo);

  async function signerNames(docs: DocumentDoc[]): Promise<Map<string, string>> {
    // By `_id`, each on its own: the only lookup our FerretDB answers without reading every user.
    const ids = [...new Set(docs.map((d) => d.signer.userId))];
    const found = await Promise.all(ids.map((id) => users.findById(id, { fullName: 1 }).lean()));
    return new Map(found.filter(isPresent).map((u) => [u._id, u.fullName]));
  }

  async function outgoingRegister(principal: Principal, org: string, from: string, to: string, context: ReadContext = {}): Promise<OutgoingRegisterRow[]> {
    requireMember(principal, org, ['clerk', 'leader'], 'read the outgoing register');
    const found = await documents
      .find({ issuer: org, issuedAt: { $gte: dayStart(from), $lte: dayEnd(to) }, ...(await secrets.visibleFilter(principal)) })
      .sort({ issuedAt: 1, number: 1 })
      .lean();
    const docs = await Promise.all(found.map(openDocument));
    for (const d of docs) await secrets.allowed(principal, documentHolder(d), 'register-export', context, `${from}/${to}`);
    const signers = await signerNames(docs);
    return docs.map((d) => outgoingRow(d, signers));
  }

  async function incomingRegister(principal: Principal, org: string, from: string, to: string, context: ReadContext = {}): Promise<IncomingRegisterRow[]> {
    requireMember(principal, org, ['clerk', 'leader'], 'read the incoming register');
    const found = await incoming
      .find({ org, arrivedAt: { $gte: new Date(dayStart(from)).toISOString(), $lte: new Date(dayEnd(to)).toISOString() }, ...(await secrets.visibleFilter(principal)) })
      .sort({ arrivalNumber: 1 })
      .lean();
    const docs = await Promise.all(found.map(openIncoming));
    for (const d of docs) await secrets.allowed(principal, copyHolder(d), 'register-export', context, `${from}/${to}`);
    return docs.map(incomingRow);
  }

  /**
   * A register page: the period's visible lines from memory (registers/), then only the page's
   * records read by `_id`, opened, and their secret ones logged as listed. Until this process
   * has its lines (just started, or run without them), the whole period from the records.
   */
  async function registerPage<Doc extends { secrecy?: string; participants?: string[] }>(
    principal: Principal,
    kind: 'outgoing' | 'incoming',
    org: string,
    period: { from: string; to: string },
    paging: Paging,
    read: { byId: (id: string) => Promise<Doc | null>; open: (doc: Doc) => Promise<Doc> },
  ): Promise<{ docs: Doc[]; total: number }> {
    const index = await registers!.current();
    const visible = await secrets.visiblePredicate(principal);
    const lines = index.linesOf(kind, org, instantsOf(period.from, period.to), visible);
    const shown = lines.slice((paging.page - 1) * paging.pageSize, paging.page * paging.pageSize);
    const found = (await Promise.all(shown.map((line) => read.byId(line._id)))).filter(isPresent);
    // The record decides, should it have changed since its line was read.
    const docs = found.filter((d) => visible({ secrecy: (d.secrecy ?? 'none') as SecretHolder['secrecy'], ...(d.participants && { participants: d.participants }) }));
    return { docs: await Promise.all(docs.map(read.open)), total: lines.length };
  }

  function mayRead(principal: Principal, doc: DocumentDoc): boolean {
    return principal.role === 'admin' || principal.orgCode === doc.issuer || (doc.recipients ?? []).some((r) => r.org === principal.orgCode);
  }

  async function loadDocument(principal: Principal, id: string, context: ReadContext = {}, action: 'read' | 'act' | 'download' = 'read', target?: string): Promise<DocumentDoc> {
    const doc = await documents.findById(id).lean();
    // Someone else's document is reported as missing, not forbidden: its existence is not ours to reveal.
    if (!doc || !mayRead(principal, doc)) throw documentNotFound(id);
    if (!(await secrets.check(principal, documentHolder(doc), context.via ?? action, context, target))) throw documentNotFound(id);
    return doc;
  }

  async function loadIncoming(principal: Principal, id: string, context: ReadContext = {}, action: 'read' | 'act' | 'download' = 'read', target?: string): Promise<IncomingDoc> {
    const doc = await incoming.findById(id).lean();
    if (!doc || (principal.role !== 'admin' && principal.orgCode !== doc.org)) throw incomingNotFound(id);
    if (!(await secrets.check(principal, copyHolder(doc), context.via ?? action, context, target))) throw incomingNotFound(id);
    return doc;
  }

  async function openDocument(doc: DocumentDoc): Promise<DocumentDoc> {
    if (!isSecret(doc.secrecy)) return doc;
    const key = await secrets.keyOf(documentHolder(doc));
    return { ...doc, subject: await secrets.openText(key, doc.subject), history: await secrets.openHistory(key, doc.history ?? []) };
  }

  async function openIncoming(doc: IncomingDoc): Promise<IncomingDoc> {
    if (!isSecret((doc.secrecy ?? 'none') as DocumentDoc['secrecy'])) return doc;
    const key = await secrets.keyOf(copyHolder(doc));
    return {
      ...doc,
      subject: await secrets.openText(key, doc.subject),
      ...(doc.report !== undefined && { report: await secrets.openText(key, doc.report) }),
      history: await secrets.openHistory(key, doc.history ?? []),
    };
  }

  return {
    loadDocument,
    loadIncoming,
    async getDocument(principal: Principal, id: string, context: ReadContext = {}): Promise<DocumentView> {
      const doc = await loadDocument(principal, id, context);
      return toDocumentView(await openDocument(doc));
    },

    async listDocuments(principal: Principal, filter: DocumentFilter, context: ReadContext = {}): Promise<Page<DocumentView>> {
      const query: FilterQuery<DocumentDoc> = { ...(await secrets.visibleFilter(principal)) };
      if (principal.role !== 'admin') query.issuer = principal.orgCode;
      if (filter.issuer) {
        if (principal.role !== 'admin' && filter.issuer !== principal.orgCode) throw forbidden(`You may list the documents of ${principal.orgCode} only.`, 'issuer');
        query.issuer = filter.issuer;
      }
      if (filter.type) query.type = filter.type;
      if (filter.status) query.status = filter.status;
      if (filter.number !== undefined) query.number = filter.number;
      if (filter.createdBy) query.createdBy = filter.createdBy;
      // The workflow keeps the person's signature on the record once made: it tells awaiting issue from awaiting the signer.
      if (filter.signed !== undefined) query.personSignature = { $exists: filter.signed };
      if (filter.awaiting) {
        // $and: the visibility filter has its own $or.
        query.$and = [
          {
            $or: [
              { status: 'in_review', currentApprover: filter.awaiting },
              { status: 'signing', 'signer.userId': filter.awaiting, personSignature: { $exists: false } },
            ],
          },
        ];
      }
      if (filter.from || filter.to) {
        query.createdAt = { ...(filter.from && { $gte: new Date(dayStart(filter.from)).toISOString() }), ...(filter.to && { $lte: new Date(dayEnd(filter.to)).toISOString() }) };
      }
      const [total, docs] = await Promise.all([
        documents.countDocuments(query),
        documents.find(query).sort({ createdAt: -1 }).skip((filter.page - 1) * filter.pageSize).limit(filter.pageSize).lean(),
      ]);
      for (const d of docs) await secrets.allowed(principal, documentHolder(d), 'list', context);
      const items = await Promise.all(docs.map(async (d) => toDocumentView(await openDocument({ ...d, history: [] }))));
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    },

    async getDocumentBlob(principal: Principal, id: string, sha256: string, context: ReadContext = {}): Promise<{ ref: BlobRef; data: Buffer }> {
      const doc = await loadDocument(principal, id, context, 'download', sha256);
      const refs: BlobRef[] = [doc.content, ...(doc.attachments ?? [])];
      for (const s of doc.attachmentSignatures ?? []) refs.push((s as { signature: BlobRef }).signature);
      const ref = refs.find((r) => r.sha256 === sha256);
      if (!ref) throw new Problem(404, 'blob-not-found', `Document ${id} has no file ${sha256}.`, { field: 'sha256' });
      const key = ref.sealed ? await secrets.keyOf(documentHolder(doc)) : undefined;
      // The caller gets the file as it was given: the sealed blob is an at-rest matter.
      const { sealed: _sealed, ...clear } = ref;
      return { ref: clear, data: await getOpened(blobs, ref, key) };
    },

    async getIncomingBlob(principal: Principal, id: string, sha256: string, context: ReadContext = {}): Promise<{ ref: BlobRef; data: Buffer }> {
      const doc = await loadIncoming(principal, id, context, 'download', sha256);
      const ref = [doc.content, ...(doc.attachments ?? [])].find((r): r is BlobRef => !!r && r.sha256 === sha256);
      if (!ref) throw new Problem(404, 'blob-not-found', `Incoming document ${id} has no file ${sha256}.`, { field: 'sha256' });
      const key = ref.sealed ? await secrets.keyOf(copyHolder(doc)) : undefined;
      const { sealed: _sealed, ...clear } = ref;
      return { ref: clear, data: await getOpened(blobs, ref, key) };
    },

    async getIncoming(principal: Principal, id: string, context: ReadContext = {}): Promise<IncomingView> {
      const doc = await loadIncoming(principal, id, context);
      return toIncomingView(await openIncoming(doc));
    },

    async listIncoming(principal: Principal, filter: IncomingFilter, context: ReadContext = {}): Promise<Page<IncomingView>> {
      const org = filter.org ?? principal.orgCode;
      if (principal.role !== 'admin' && org !== principal.orgCode) throw forbidden(`You may list the incoming documents of ${principal.orgCode} only.`, 'org');
      const query: FilterQuery<IncomingDoc> = { org, ...(await secrets.visibleFilter(principal)) };
      if (filter.status) query.status = filter.status;
      if (filter.handler) query.handler = filter.handler;
      if (filter.from || filter.to) {
        query.arrivedAt = { ...(filter.from && { $gte: new Date(dayStart(filter.from)).toISOString() }), ...(filter.to && { $lte: new Date(dayEnd(filter.to)).toISOString() }) };
      }
      const [total, docs] = await Promise.all([
        incoming.countDocuments(query),
        incoming.find(query).sort({ arrivedAt: -1 }).skip((filter.page - 1) * filter.pageSize).limit(filter.pageSize).lean(),
      ]);
      for (const d of docs) await secrets.allowed(principal, copyHolder(d), 'list', context);
      const items = await Promise.all(docs.map(async (d) => toIncomingView(await openIncoming({ ...d, history: [] }))));
      return { items, total, page: filter.page, pageSize: filter.pageSize };
    },

    outgoingRegister,
    incomingRegister,

    async outgoingRegisterPage(principal: Principal, org: string, from: string, to: string, paging: Paging, context: ReadContext = {}): Promise<Page<OutgoingRegisterRow>> {
      requireMember(principal, org, ['clerk', 'leader'], 'read the outgoing register');
      if (!registers?.isLoaded) return pageOf(await outgoingRegister(principal, org, from, to, context), paging);
      const { docs, total } = await registerPage<DocumentDoc>(principal, 'outgoing', org, { from, to }, paging, {
        byId: (id) => documents.findById(id).lean<DocumentDoc>(),
        open: (d) => openDocument({ ...d, history: [] }),
      });
      for (const d of docs) await secrets.allowed(principal, documentHolder(d), 'list', context, `register ${from}/${to}`);
      const signers = await signerNames(docs);
      return { items: docs.map((d) => outgoingRow(d, signers)), total, ...paging };
    },

    async incomingRegisterPage(principal: Principal, org: string, from: string, to: string, paging: Paging, context: ReadContext = {}): Promise<Page<IncomingRegisterRow>> {
      requireMember(principal, org, ['clerk', 'leader'], 'read the incoming register');
      if (!registers?.isLoaded) return pageOf(await incomingRegister(principal, org, from, to, context), paging);
      const { docs, total } = await registerPage<IncomingDoc>(principal, 'incoming', org, { from, to }, paging, {
        byId: (id) => incoming.findById(id).lean<IncomingDoc>(),
        open: (d) => openIncoming({ ...d, history: [] }),
      });
      for (const d of docs) await secrets.allowed(principal, copyHolder(d), 'list', context, `register ${from}/${to}`);
      return { items: docs.map(incomingRow), total, ...paging };
    },
  };
}

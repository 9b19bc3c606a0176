import { createHash } from 'node:crypto';
import { Problem, type BlobRef } from '@vanthu/shared';
import type {
  DocumentView,
  DraftInput,
  IncomingRegisterRow,
  Paging,
  IncomingView,
  IntakeApplication,
  Organisation,
  OutgoingRegisterRow,
  Principal,
  UploadedFile,
  User,
} from '../../../../src/app/ports';

export interface Call {
  method: keyof IntakeApplication;
  principal: Principal;
  args: unknown[];
}

const AT = '2026-03-02T09:15:00+07:00';

const blobOf = (file: UploadedFile): BlobRef => ({
  sha256: createHash('sha256').update(file.data).digest('hex'),
  size: file.data.length,
  contentType: file.declaredType,
});

/**
 * An in-memory application with just enough behaviour to exercise the HTTP layer: it records every
 * call, answers with views that satisfy the contract, and throws the Problems a real one would.
 * `delayMs` makes it slow on purpose, for load shedding and idempotency races.
 */
export class FakeIntake implements IntakeApplication {
  readonly calls: Call[] = [];
  delayMs = 0;
  readonly organisations: Organisation[] = [
    { code: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', notationCode: 'TU', numbering: { period: 'term', term: '2025-2030' } },
  ];
  readonly users: User[] = [];
  readonly documents = new Map<string, DocumentView>();
  readonly blobs = new Map<string, { ref: BlobRef; data: Buffer }>();
  outgoingRows: OutgoingRegisterRow[] = [];
  incomingRows: IncomingRegisterRow[] = [];
  /** Replaces the next answer, to prove that responses are checked against the contract. */
  corruptNextView = false;
  /** Makes the next create fail as an unexpected error (a 500). */
  failNextCreate = false;
  private nextId = 1;

  private async record(method: keyof IntakeApplication, principal: Principal, ...args: unknown[]): Promise<void> {
    this.calls.push({ method, principal, args });
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
  }

  callsOf(method: keyof IntakeApplication): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  private document(id: string): DocumentView {
    const view = this.documents.get(id);
    if (!view) throw new Problem(404, 'document-not-found', `No document ${id}.`);
    return view;
  }

  private answer(view: DocumentView): DocumentView {
    if (!this.corruptNextView) return view;
    this.corruptNextView = false;
    return { ...view, status: 'lost' as DocumentView['status'] };
  }

  async listOrganisations(principal: Principal) {
    await this.record('listOrganisations', principal);
    return this.organisations;
  }

  async createOrganisation(principal: Principal, org: Organisation) {
    await this.record('createOrganisation', principal, org);
    if (principal.role !== 'admin') throw new Problem(403, 'forbidden', 'Only an administrator creates organisations.');
    if (this.organisations.some((o) => o.code === org.code)) {
      throw new Problem(409, 'organisation-exists', `${org.code} exists already.`, { field: 'code' });
    }
    this.organisations.push(org);
    return org;
  }

  async listUsers(principal: Principal, org?: string) {
    await this.record('listUsers', principal, org);
    return this.users.filter((u) => org === undefined || u.org === org);
  }

  async createUser(principal: Principal, user: User) {
    await this.record('createUser', principal, user);
    this.users.push(user);
    return user;
  }

  async setClearance(principal: Principal, userId: string, clearance: NonNullable<User['clearance']>) {
    await this.record('setClearance', principal, userId, clearance);
    const user = this.users.find((u) => u.id === userId);
    if (!user) throw new Problem(404, 'user-not-found', `There is no user ${userId}.`, { field: 'id' });
    user.clearance = clearance;
    return user;
  }

  async createDraft(principal: Principal, input: DraftInput, files: UploadedFile[]) {
    await this.record('createDraft', principal, input, files);
    if (this.failNextCreate) {
      this.failNextCreate = false;
      throw new Error('the database went away');
    }
    if (!this.organisations.some((o) => o.code === input.issuer)) {
      throw new Problem(422, 'unknown-organisation', `No organisation ${input.issuer}.`, { field: 'issuer' });
    }
    const content = files.find((f) => f.field === 'content');
    if (!content) throw new Problem(400, 'content-required', 'A draft needs its content.', { field: 'content' });
    for (const file of files) this.blobs.set(blobOf(file).sha256, { ref: blobOf(file), data: file.data });
    const id = `doc-${this.nextId++}`;
    const view: DocumentView = {
      id,
      workflowId: `document-${id}`,
      status: 'draft',
      type: input.type,
      subject: input.subject,
      issuer: input.issuer,
      urgency: input.urgency,
      secrecy: input.secrecy,
      pageCount: input.pageCount ?? 1,
      signer: input.signer,
      approvers: input.approvers,
      recipients: input.recipients.map((org) => ({ org, status: 'arrived', statusCode: '01', updatedAt: AT })),
      content: blobOf(content),
      attachments: files.filter((f) => f.field === 'attachments').map(blobOf),
      createdBy: principal.userId,
      createdAt: AT,
      history: [{ seq: 1, at: AT, action: 'create', status: 'draft', actor: principal.userId }],
    };
    this.documents.set(id, view);
    return this.answer(view);
  }

  async reviseDraft(principal: Principal, id: string, input: Partial<DraftInput>, files: UploadedFile[]) {
    await this.record('reviseDraft', principal, id, input, files);
    const view = { ...this.document(id), ...(input.subject !== undefined && { subject: input.subject }) };
    this.documents.set(id, view);
    return this.answer(view);
  }

  private async transition(method: keyof IntakeApplication, principal: Principal, id: string, status: DocumentView['status'], ...args: unknown[]) {
    await this.record(method, principal, id, ...args);
    const view = { ...this.document(id), status };
    this.documents.set(id, view);
    return this.answer(view);
  }

  submit(p: Principal, id: string) {
    return this.transition('submit', p, id, 'in_review');
  }
  approve(p: Principal, id: string, comment?: string) {
    return this.transition('approve', p, id, 'signing', comment);
  }
  returnForRevision(p: Principal, id: string, reason: string) {
    return this.transition('returnForRevision', p, id, 'returned', reason);
  }
  reject(p: Principal, id: string, reason: string) {
    return this.transition('reject', p, id, 'rejected', reason);
  }
  sign(p: Principal, id: string) {
    return this.transition('sign', p, id, 'signing');
  }
  issue(p: Principal, id: string) {
    return this.transition('issue', p, id, 'issued');
  }
  recall(p: Principal, id: string, reason: string) {
    return this.transition('recall', p, id, 'recalled', reason);
  }

  async getDocument(principal: Principal, id: string) {
    await this.record('getDocument', principal, id);
    return this.answer(this.document(id));
  }

  async listDocuments(principal: Principal, filter: Parameters<IntakeApplication['listDocuments']>[1]) {
    await this.record('listDocuments', principal, filter);
    const items = [...this.documents.values()].filter((d) => !filter.type || d.type === filter.type);
    return { items, total: items.length, page: filter.page, pageSize: filter.pageSize };
  }

  async getDocumentBlob(principal: Principal, id: string, sha256: string) {
    await this.record('getDocumentBlob', principal, id, sha256);
    this.document(id);
    const blob = this.blobs.get(sha256);
    if (!blob) throw new Problem(404, 'blob-not-found', `No blob ${sha256} in ${id}.`);
    return blob;
  }

  async getIncomingBlob(principal: Principal, id: string, sha256: string) {
    await this.record('getIncomingBlob', principal, id, sha256);
    const blob = this.blobs.get(sha256);
    if (!blob) throw new Problem(404, 'blob-not-found', `No blob ${sha256} in ${id}.`);
    return blob;
  }

  private incoming(id: string, status: IncomingView['status'] = 'arrived'): IncomingView {
    return {
      id,
      documentId: 'doc-1',
      org: 'BS-TL-DU',
      arrivalNumber: 7,
      arrivedAt: AT,
      status,
      statusCode: { arrived: '01', rejected: '02', accepted: '03', assigned: '04', processing: '05', done: '06', recalled: '13' }[status],
      issuer: 'BS-TU',
      notation: '15-NQ/TU',
      type: 'NQ',
      subject: 'Về chuyển đổi số',
      urgency: 'normal',
      secrecy: 'none',
      content: { sha256: 'a'.repeat(64), size: 10, contentType: 'application/pdf' },
      attachments: [],
      history: [],
    };
  }

  async listIncoming(principal: Principal, filter: Parameters<IntakeApplication['listIncoming']>[1]) {
    await this.record('listIncoming', principal, filter);
    return { items: [this.incoming('doc-1@BS-TL-DU')], total: 1, page: filter.page, pageSize: filter.pageSize };
  }
  async getIncoming(principal: Principal, id: string) {
    await this.record('getIncoming', principal, id);
    return this.incoming(id);
  }
  async assignIncoming(principal: Principal, id: string, handler: string, deadline?: string) {
    await this.record('assignIncoming', principal, id, handler, deadline);
    // The application answers with the deadline as an instant: the end of that day in Vietnam.
    return { ...this.incoming(id, 'assigned'), handler, ...(deadline !== undefined && { deadline: new Date(`${deadline}T23:59:59+07:00`).toISOString() }) };
  }
  async startProcessing(principal: Principal, id: string) {
    await this.record('startProcessing', principal, id);
    return this.incoming(id, 'processing');
  }
  async completeIncoming(principal: Principal, id: string, report: string) {
    await this.record('completeIncoming', principal, id, report);
    return { ...this.incoming(id, 'done'), report };
  }
  async refuseIncoming(principal: Principal, id: string, reason: string) {
    await this.record('refuseIncoming', principal, id, reason);
    return this.incoming(id, 'rejected');
  }

  async outgoingRegister(principal: Principal, org: string, from: string, to: string) {
    await this.record('outgoingRegister', principal, org, from, to);
    return this.outgoingRows;
  }
  async incomingRegister(principal: Principal, org: string, from: string, to: string) {
    await this.record('incomingRegister', principal, org, from, to);
    return this.incomingRows;
  }
  async outgoingRegisterPage(principal: Principal, org: string, from: string, to: string, paging: Paging) {
    await this.record('outgoingRegisterPage', principal, org, from, to, paging);
    return pageOf(this.outgoingRows, paging);
  }
  async incomingRegisterPage(principal: Principal, org: string, from: string, to: string, paging: Paging) {
    await this.record('incomingRegisterPage', principal, org, from, to, paging);
    return pageOf(this.incomingRows, paging);
  }
}

const pageOf = <T>(rows: T[], { page, pageSize }: Paging) => ({ items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize });

import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  DocumentAttributes,
  DocumentKey,
  Problem,
  TASK_QUEUES,
  documentParticipants,
  isDuplicateKeyError,
  isSecret,
  putSealed,
  type BlobRef,
  type BlobStore,
  type KeyRing,
  type LifecycleInput,
  type Sealing,
} from '@vanthu/shared';
import { documentLifecycle, reviseUpdate, workflowIdFor } from '@vanthu/workflows';
import type { Connection } from 'mongoose';
import { documentModel, type DocumentDoc } from '../records/documents';
import type { SealingStore } from '../records/sealings';
import { checkDeclaredType, checkPdf } from './content-checks';
import type { Directory } from './directory';
import { documentNotFound, lifecycleOver, translating } from './failures';
import type { DraftInput, Principal, UploadedFile } from './ports';
import { requireMember } from './rights';

const AUTHORING_ROLES = ['specialist', 'clerk', 'leader'] as const;

export interface DraftDeps {
  mongo: Connection;
  blobs: BlobStore;
  keys: KeyRing;
  sealings: SealingStore;
  temporal: Client;
  directory: Directory;
}

/** A secret document's files are sealed with its key before they are stored (secrets/sealed-blobs.ts). */
async function storeFiles(blobs: BlobStore, files: UploadedFile[], key?: DocumentKey): Promise<{ content?: BlobRef; attachments: BlobRef[]; pages?: number }> {
  const contents = files.filter((f) => f.field === 'content');
  if (contents.length > 1) throw new Problem(400, 'too-many-contents', 'A document has exactly one content file.', { field: 'content' });
  const attachmentFiles = files.filter((f) => f.field === 'attachments');
  attachmentFiles.forEach((f, i) => checkDeclaredType(f, `attachments[${i}]`));
  const main = contents[0];
  let pages: number | undefined;
  if (main) {
    pages = await checkPdf(main);
    checkDeclaredType(main, 'content');
  }
  // Everything is checked before anything is stored: a refused request leaves nothing behind.
  const put = (data: Buffer, contentType: string) => (key ? putSealed(blobs, key, data, contentType) : blobs.put(data, contentType));
  const content = main ? await put(main.data, 'application/pdf') : undefined;
  const attachments = await Promise.all(attachmentFiles.map((f) => put(f.data, f.declaredType.split(';')[0]!.trim())));
  return { ...(content && { content }), attachments, ...(pages !== undefined && { pages }) };
}

/** Checks every reference of a draft against the directory, naming the first bad field. */
async function checkReferences(directory: Directory, input: DraftInput): Promise<void> {
  const issuer = await directory.organisation(input.issuer, 'issuer');
  const signer = await directory.user(input.signer.userId, 'signer.userId');
  if (signer.org !== issuer.code) throw new Problem(422, 'signer-not-in-issuer', `${signer.id} does not belong to ${issuer.code}.`, { field: 'signer.userId' });
  if (signer.role !== 'leader') throw new Problem(422, 'signer-not-a-leader', `${signer.id} is a ${signer.role}; documents are signed by leaders.`, { field: 'signer.userId' });
  if (new Set(input.approvers).size !== input.approvers.length) throw new Problem(422, 'duplicate-approver', 'An approver is listed twice.', { field: 'approvers' });
  for (const [i, id] of input.approvers.entries()) {
    const approver = await directory.user(id, `approvers[${i}]`);
    if (approver.org !== issuer.code) throw new Problem(422, 'approver-not-in-issuer', `${id} does not belong to ${issuer.code}.`, { field: `approvers[${i}]` });
  }
  if (input.recipients.length === 0) throw new Problem(422, 'no-recipients', 'A document goes to at least one recipient.', { field: 'recipients' });
  if (new Set(input.recipients).size !== input.recipients.length) throw new Problem(422, 'duplicate-recipient', 'A recipient is listed twice.', { field: 'recipients' });
  for (const [i, code] of input.recipients.entries()) {
    await directory.organisation(code, `recipients[${i}]`);
    if (code === issuer.code) throw new Problem(422, 'recipient-is-issuer', 'An organisation does not send a document to itself.', { field: `recipients[${i}]` });
  }
}

/**
 * The id of a new document. With an idempotency key it is derived from it, so a client retrying
 * a create after a lost answer (or our crash between two writes) lands on the same document.
 */
function newDocumentId(principal: Principal, idempotencyKey?: string): string {
  if (!idempotencyKey) return randomUUID();
  const hash = createHash('sha256').update(`${principal.userId}\n${idempotencyKey}`).digest('hex');
  return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-${hash.slice(12, 16)}-${hash.slice(16, 20)}-${hash.slice(20, 32)}`;
}

/**
 * As every other action (actions.ts): a draft never started is started and the revision sent
 * again; a document whose lifecycle has closed conflicts, it is not missing.
 */
async function revising(doc: DocumentDoc, update: () => Promise<unknown>, resume: (id: string) => Promise<boolean>): Promise<void> {
  try {
    await translating(`document ${doc._id}`, update);
  } catch (error) {
    if (!(error instanceof Problem) || error.reason !== 'document-not-found') throw error;
    if (await resume(doc._id)) return revising(doc, update, async () => false);
    throw lifecycleOver('document', doc.status);
  }
}

export function drafts({ mongo, blobs, keys, sealings, temporal, directory }: DraftDeps) {
  const documents = documentModel(mongo);

  /**
   * Starts a draft's lifecycle from its record. Recorded first, started second: a process that
   * dies in between leaves a draft without a workflow, which the retried request (the same key,
   * the same id) or the next action on the draft (`resumeLifecycle`) starts.
   */
  async function startLifecycle(doc: DocumentDoc, sealing: Sealing | undefined, options: { onlyIfNeverStarted?: boolean } = {}): Promise<boolean> {
    const lifecycle: LifecycleInput = {
      documentId: doc._id,
      issuer: doc.issuer,
      type: doc.type,
      urgency: doc.urgency,
      secrecy: doc.secrecy,
      createdBy: doc.createdBy,
      approvers: doc.approvers,
      signer: doc.signer,
      recipients: doc.addressees ?? [],
      ...(doc.dueDate !== undefined && { dueDate: doc.dueDate }),
      content: doc.content,
      attachments: doc.attachments ?? [],
      ...(sealing && { sealing }),
    };
    try {
      await temporal.workflow.start(documentLifecycle, {
        workflowId: workflowIdFor(doc._id),
        taskQueue: TASK_QUEUES.intake,
        args: [lifecycle],
        // A lifecycle that ran and closed (rejected, recalled, archived) is never started again.
        ...(options.onlyIfNeverStarted && { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const }),
        typedSearchAttributes: [
          { key: DocumentAttributes.issuer, value: doc.issuer },
          { key: DocumentAttributes.type, value: doc.type },
          { key: DocumentAttributes.status, value: 'draft' },
          { key: DocumentAttributes.urgency, value: doc.urgency },
          { key: DocumentAttributes.secrecy, value: doc.secrecy },
        ],
      });
      return true;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return false;
    }
  }

  /** A draft recorded but never started (its creating process died in between): starts it; false if it ran before. */
  async function resumeLifecycle(id: string): Promise<boolean> {
    const doc = await documents.findById(id).lean();
    if (doc?.status !== 'draft') return false;
    const sealing = isSecret(doc.secrecy) ? await sealings.get(id) : undefined;
    return startLifecycle(doc, sealing, { onlyIfNeverStarted: true });
  }

  return {
    resumeLifecycle,

    async createDraft(principal: Principal, input: DraftInput, files: UploadedFile[], options: { idempotencyKey?: string } = {}): Promise<string> {
      requireMember(principal, input.issuer, AUTHORING_ROLES, 'create a document');
      await checkReferences(directory, input);
      const id = newDocumentId(principal, options.idempotencyKey);
      // A secret document gets its own data key, recorded before anything sealed with it (a retry
      // gets the first attempt's key back); its subject and files never reach the database in clear.
      let key = isSecret(input.secrecy) ? DocumentKey.generate(id) : undefined;
      const made = key && (await key.sealingFor(keys, input.issuer));
      const sealing = made && (await sealings.put(id, id, input.issuer, made));
      // Only a retry finds another key recorded: open that one instead of the fresh one.
      if (sealing && sealing !== made) key = await DocumentKey.open(keys, id, sealing);
      const stored = await storeFiles(blobs, files, key);
      if (!stored.content) throw new Problem(400, 'missing-content', 'The document content (a PDF) is required.', { field: 'content' });
      const now = new Date().toISOString();
      const doc: DocumentDoc = {
        _id: id,
        workflowId: workflowIdFor(id),
        status: 'draft',
        type: input.type,
        subject: key ? await key.seal(input.subject) : input.subject,
        issuer: input.issuer,
        urgency: input.urgency,
        secrecy: input.secrecy,
        ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
        pageCount: stored.pages ?? input.pageCount ?? 1,
        language: input.language ?? 'vi',
        ...(input.fileCode !== undefined && { fileCode: input.fileCode }),
        copies: input.copies ?? input.recipients.length + 1,
        signer: input.signer,
        approvers: input.approvers,
        recipients: [],
        addressees: input.recipients,
        content: stored.content,
        attachments: stored.attachments,
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
        seq: 0,
        history: [],
        ...(key && { participants: documentParticipants({ ...input, createdBy: principal.userId }) }),
      };
      let created = doc;
      try {
        await documents.create(doc);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // A retry: the workflow must start from what the first attempt recorded (its key, its files).
        created = (await documents.findById(id).lean()) ?? doc;
      }
      await startLifecycle(created, sealing || undefined);
      return id;
    },

    async reviseDraft(principal: Principal, id: string, input: Partial<DraftInput>, files: UploadedFile[]): Promise<void> {
      const doc = await documents.findById(id).lean();
      if (!doc) throw documentNotFound(id);
      if (doc.createdBy !== principal.userId) throw new Problem(403, 'forbidden', 'Only the author may revise a document.');
      if (input.type || input.issuer || input.signer || input.urgency || input.secrecy) {
        throw new Problem(422, 'field-not-revisable', 'Type, issuer, signer, urgency and secrecy are fixed once a document is created; create a new one instead.', { field: input.type ? 'type' : input.issuer ? 'issuer' : input.signer ? 'signer' : input.urgency ? 'urgency' : 'secrecy' });
      }
      if (input.approvers || input.recipients) {
        await checkReferences(directory, {
          type: doc.type,
          subject: doc.subject,
          issuer: doc.issuer,
          signer: doc.signer,
          urgency: doc.urgency,
          secrecy: doc.secrecy,
          approvers: input.approvers ?? doc.approvers,
          recipients: input.recipients ?? doc.addressees ?? [],
        });
      }
      const sealing = isSecret(doc.secrecy) ? await sealings.get(id) : undefined;
      const key = sealing ? await DocumentKey.open(keys, id, sealing) : undefined;
      const stored = await storeFiles(blobs, files, key);
      await revising(doc, () =>
        temporal.workflow.getHandle(workflowIdFor(id)).executeUpdate(reviseUpdate, {
          args: [
            { userId: principal.userId, org: principal.orgCode, role: principal.role },
            {
              ...(stored.content && { content: stored.content }),
              ...(files.some((f) => f.field === 'attachments') && { attachments: stored.attachments }),
              ...(input.approvers && { approvers: input.approvers }),
              ...(input.recipients && { recipients: input.recipients }),
              ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
            },
          ],
        }),
        resumeLifecycle,
      );
    },
  };
}

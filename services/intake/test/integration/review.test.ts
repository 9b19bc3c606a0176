import { Kafka, logLevel } from 'kafkajs';
import { createHash, randomUUID } from 'node:crypto';
import { DocumentAttributes, loadConfig, baseEnvSchema, TOPICS } from '@vanthu/shared';
import type { DraftInput, UploadedFile } from '../../src/app/ports';
import { as, startIntakeHarness, type IntakeHarness } from '../support/harness';
import { makePdf } from '../support/pdf';
import { refusalOf } from '../support/problems';

const draft = (overrides: Partial<DraftInput> = {}): DraftInput => ({
  type: 'NQ',
  subject: 'Nghị quyết về chuyển đổi số trong cơ quan Đảng',
  issuer: 'BS-TU',
  signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ' },
  approvers: ['bs-deputy'],
  recipients: ['BS-TL-DU', 'BS-HB-DU'],
  urgency: 'khan',
  secrecy: 'none',
  dueDate: '2026-12-15',
  ...overrides,
});

const pdfFile = async (title: string): Promise<UploadedFile> => ({ field: 'content', filename: `${title}.pdf`, declaredType: 'application/pdf', data: await makePdf(title, 2) });


describe('the review part of a document lifecycle (real Temporal, MongoDB, Kafka)', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntakeHarness();
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  it('returns for revision, takes a revised content, then goes to signing after approval', async () => {
    const created = await h.app.createDraft(as.specialist, draft(), [await pdfFile('v1')], { idempotencyKey: randomUUID() });
    expect(created).toMatchObject({ status: 'draft', pageCount: 2, issuer: 'BS-TU', createdBy: 'bs-specialist' });

    const submitted = await h.app.submit(as.specialist, created.id);
    expect(submitted).toMatchObject({ status: 'in_review', currentApprover: 'bs-deputy' });

    // Not the specialist's turn: refused at once, nothing changes.
    expect(await refusalOf(h.app.approve(as.specialist, created.id))).toMatchObject({ status: 403, reason: 'not-your-turn' });

    const returned = await h.app.returnForRevision(as.deputy, created.id, 'Bổ sung căn cứ pháp lý');
    expect(returned.status).toBe('returned');

    const revised = await h.app.reviseDraft(as.specialist, created.id, {}, [await pdfFile('v2')]);
    expect(revised.status).toBe('in_review');
    expect(revised.content.sha256).not.toBe(created.content.sha256);

    const approved = await h.app.approve(as.deputy, created.id, 'Đồng ý');
    expect(approved.status).toBe('signing');
    expect(approved.history.map((t) => t.action)).toEqual([
      'created', 'registered', 'review-started', 'returned', 'revised', 'registered', 'review-started', 'approved',
    ].filter((a, i, all) => !(a === 'registered' && all.indexOf(a) !== i)));

    // The operator's view: the workflow is found by its search attributes.
    const found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      for await (const wf of h.ctx.temporal.workflow.list({ query: `DocumentIssuer = "BS-TU" AND DocumentStatus = "signing" AND DocumentType = "NQ" AND DocumentUrgency = "khan" AND DocumentSecrecy = "none"` })) {
        if (wf.workflowId === created.workflowId) found.push(wf.workflowId);
      }
      if (found.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([created.workflowId]);
    expect(DocumentAttributes.status.name).toBe('DocumentStatus');
  });

  it('starts the lifecycle of a draft whose creating process died before starting it, at the next action', async () => {
    // What a process killed between the record and the workflow's start leaves: a draft, no workflow.
    const first = await h.app.createDraft(as.specialist, draft(), [await pdfFile('orphan')]);
    const documents = h.ctx.mongo.collection<{ _id: string; workflowId: string }>('documents');
    const record = await documents.findOne({ _id: first.id });
    const orphan = randomUUID();
    await documents.insertOne({ ...record!, _id: orphan, workflowId: `document-${orphan}` });
    await expect(h.ctx.temporal.workflow.getHandle(`document-${orphan}`).describe()).rejects.toThrow();

    const submitted = await h.app.submit(as.specialist, orphan);
    expect(submitted).toMatchObject({ status: 'in_review', currentApprover: 'bs-deputy' });
    expect((await h.ctx.temporal.workflow.getHandle(`document-${orphan}`).describe()).status.name).toBe('RUNNING');

    // A lifecycle that ran and closed is never started again: the document stays over.
    const rejected = await h.app.reject(as.deputy, orphan, 'Không phù hợp');
    expect(rejected.status).toBe('rejected');
    await h.ctx.temporal.workflow.getHandle(`document-${orphan}`).result();
    await documents.updateOne({ _id: orphan }, { $set: { status: 'draft' } });
    expect(await refusalOf(h.app.submit(as.specialist, orphan))).toMatchObject({ status: 409, reason: 'invalid-transition' });
  });

  it('rejects, after which no action is accepted', async () => {
    const created = await h.app.createDraft(as.specialist, draft({ approvers: ['bs-deputy', 'bs-secretary'] }), [await pdfFile('reject')]);
    await h.app.submit(as.specialist, created.id);
    await h.app.approve(as.deputy, created.id);
    const rejected = await h.app.reject(as.secretary, created.id, 'Không phù hợp chủ trương');
    expect(rejected.status).toBe('rejected');
    const refused = await refusalOf(h.app.approve(as.secretary, created.id));
    expect(refused.status).toBe(409);
  });

  it('refuses bad drafts with the reason and the field, and keeps nothing of them', async () => {
    const pdf = await pdfFile('bad');
    const documentsBefore = await h.ctx.mongo.collection('documents').countDocuments({ createdBy: 'bs-specialist' });
    const cases: Array<[string, () => Promise<unknown>, number, string, string]> = [
      ['unknown recipient', () => h.app.createDraft(as.specialist, draft({ recipients: ['NOWHERE'] }), [pdf]), 422, 'unknown-organisation', 'recipients[0]'],
      ['signer not a leader', () => h.app.createDraft(as.specialist, draft({ signer: { userId: 'bs-clerk', authority: 'T/L' } }), [pdf]), 422, 'signer-not-a-leader', 'signer.userId'],
      ['approver of another org', () => h.app.createDraft(as.specialist, draft({ approvers: ['tl-secretary'] }), [pdf]), 422, 'approver-not-in-issuer', 'approvers[0]'],
      ['issuing for another org', () => h.app.createDraft(as.tlSpecialist, draft(), [pdf]), 403, 'forbidden', ''],
      ['no content', () => h.app.createDraft(as.specialist, draft(), []), 400, 'missing-content', 'content'],
      ['a text file as the PDF', () => h.app.createDraft(as.specialist, draft(), [{ ...pdf, data: Buffer.from('not a pdf at all') }]), 415, 'not-a-pdf', 'content'],
      ['a damaged PDF', () => h.app.createDraft(as.specialist, draft(), [{ ...pdf, data: Buffer.from('%PDF-1.7\n garbage') }]), 422, 'damaged-pdf', 'content'],
      ['an attachment that is not what it claims', () => h.app.createDraft(as.specialist, draft(), [pdf, { field: 'attachments', filename: 'a.png', declaredType: 'image/png', data: Buffer.from('%PDF-1.4 fake') }]), 415, 'content-type-mismatch', 'attachments[0]'],
    ];
    for (const [what, promise, status, reason, field] of cases) {
      const problem = await refusalOf(promise());
      expect({ what, status: problem.status, reason: problem.reason }).toEqual({ what, status, reason });
      if (field) expect({ what, field: problem.field }).toEqual({ what, field });
    }
    // Nothing of the refused requests was kept: no document, and not even the uploaded bytes.
    expect(await h.ctx.mongo.collection('documents').countDocuments({})).toBe(await h.ctx.mongo.collection('documents').countDocuments({ createdBy: { $ne: 'bs-specialist' } }) + documentsBefore);
    expect(await h.ctx.blobs.stat(createHash('sha256').update(pdf.data).digest('hex'))).toBeUndefined();
  });

  it('publishes every transition as a versioned event on Kafka, keyed by the document id', async () => {
    const created = await h.app.createDraft(as.specialist, draft({ approvers: [] }), [await pdfFile('events')]);
    await h.app.submit(as.specialist, created.id);
    const kafka = new Kafka({ brokers: loadConfig(baseEnvSchema).KAFKA_BROKERS, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `it-events-${randomUUID()}` });
    const seen: Array<{ type: string; id: string; key: string | undefined; version: number }> = [];
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.documentEvents.name, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const event = JSON.parse(message.value!.toString()) as { id: string; type: string; subject: string; version: number };
          if (event.subject !== created.id) return;
          seen.push({ type: event.type, id: event.id, key: message.key?.toString(), version: event.version });
          if (seen.length >= 3) resolve();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`saw only ${JSON.stringify(seen)}`)), 45_000)))]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    expect(seen.map((e) => e.type)).toEqual(['document.created', 'document.registered', 'document.ready-for-signing']);
    expect(seen.every((e) => e.key === created.id && e.version === 1)).toBe(true);
    expect(seen.map((e) => e.id)).toEqual([1, 2, 3].map((seq) => `${created.id}:${seq}`));
  });
});

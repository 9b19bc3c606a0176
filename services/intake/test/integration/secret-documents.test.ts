import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { DocumentKey, KeyRing, TOPICS, baseEnvSchema, kekIdOf, loadConfig, loadKeyRingSettings, type DomainEvent } from '@vanthu/shared';
import type { DraftInput, Principal, UploadedFile } from '../../src/app/ports';
import { sealingStore } from '../../src/records/sealings';
import { as, receiveSecretCopy, startIntakeHarness, type IntakeHarness } from '../support/harness';
import { makePdf } from '../support/pdf';
import { refusalOf } from '../support/problems';

/*
 * Need-to-know, sealing at rest and the access log of secret documents, through the intake
 * application on the real servers (docs/secret-documents.md).
 */

const MARKER = `MATKHAU-${randomUUID().slice(0, 8)}`;

const draft = (overrides: Partial<DraftInput> = {}): DraftInput => ({
  type: 'NQ',
  subject: `Nghị quyết tuyệt mật ${MARKER}`,
  issuer: 'BS-TU',
  signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ' },
  approvers: ['bs-deputy'],
  recipients: ['BS-TL-DU', 'BS-HB-DU'],
  urgency: 'khan',
  secrecy: 'tuyet-mat',
  ...overrides,
});

const files = async (): Promise<UploadedFile[]> => [
  { field: 'content', filename: 'nq.pdf', declaredType: 'application/pdf', data: await makePdf(`Noi dung ${MARKER}`, 1) },
  { field: 'attachments', filename: 'phu-luc.txt', declaredType: 'text/plain', data: Buffer.from(`Phụ lục ${MARKER}`) },
];

/** The document's events on Kafka, from the beginning, up to the first of type `until`. */
async function eventsOf(documentId: string, until: string): Promise<DomainEvent[]> {
  const kafka = new Kafka({ brokers: loadConfig(baseEnvSchema).KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `it-secret-${randomUUID()}` });
  const seen: DomainEvent[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: TOPICS.documentEvents.name, fromBeginning: true });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`saw only ${seen.map((e) => e.type).join(', ')}`)), 45_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const event = JSON.parse(message.value!.toString()) as DomainEvent;
          if (event.subject !== documentId) return;
          seen.push(event);
          if (event.type === until) resolve();
        },
      });
    });
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return seen;
}


describe('secret documents in intake (real MongoDB, Temporal, Kafka)', () => {
  let h: IntakeHarness;

  beforeAll(async () => {
    h = await startIntakeHarness();
  }, 120_000);
  afterAll(() => h.stop(), 60_000);

  const rawDocument = (id: string) => h.ctx.mongo.collection('documents').findOne({ _id: id as never });

  it('seals the subject, files and reasons at rest, and keeps notes out of events', async () => {
    const created = await h.app.createDraft(as.specialist, draft(), await files(), { idempotencyKey: randomUUID() });
    // The author reads it in clear; the stored record holds only the JWE.
    expect(created.subject).toContain(MARKER);
    const raw = await rawDocument(created.id);
    expect(JSON.stringify(raw)).not.toContain(MARKER);
    expect(raw!.participants).toEqual(['bs-specialist', 'bs-deputy', 'bs-secretary', 'desk:BS-TU:clerk']);
    const stored = await h.ctx.blobs.get(created.content.sha256);
    expect(stored.subarray(0, 3).toString()).toBe('eyJ');
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    expect(created.content.sealed).toBe(true);
    // The author downloads the files in clear.
    const content = await h.app.getDocumentBlob(as.specialist, created.id, created.content.sha256);
    expect(content.data.subarray(0, 5).toString()).toBe('%PDF-');
    expect(content.ref.sealed).toBeUndefined();
    const attachment = await h.app.getDocumentBlob(as.specialist, created.id, created.attachments[0]!.sha256);
    expect(attachment.data.toString()).toBe(`Phụ lục ${MARKER}`);
    // The key is the issuer's, under the current master.
    const sealing = await sealingStore(h.ctx.mongo).get(created.id);
    expect(kekIdOf(sealing!.wrappedKey)).toBe(h.ctx.keys.currentKekId('org:BS-TU'));

    await h.app.submit(as.specialist, created.id);
    const reason = `Sửa lại căn cứ ${MARKER}`;
    const returned = await h.app.returnForRevision(as.deputy, created.id, reason);
    expect(returned.history.find((t) => t.action === 'returned')?.note).toBe(reason);
    const afterReturn = await rawDocument(created.id);
    expect(JSON.stringify(afterReturn)).not.toContain(MARKER);

    // On Kafka: level and status, never the note.
    const events = await eventsOf(created.id, 'document.returned');
    const returnedEvent = events.find((e) => e.type === 'document.returned');
    expect(returnedEvent?.data).toMatchObject({ secrecy: 'tuyet-mat', status: 'returned' });
    expect(returnedEvent?.data).not.toHaveProperty('note');
    expect(JSON.stringify(events)).not.toContain(MARKER);
    // Stored API answers (idempotency) are sealed too.
    expect(JSON.stringify(await h.ctx.mongo.collection('idempotency_keys').find({}).toArray())).not.toContain(MARKER);
  });

  it('does not exist for anyone without the clearance or a part in the flow, in reads, lists, registers and actions', async () => {
    const created = await h.app.createDraft(as.specialist, draft(), await files());
    const outsiders: Array<[string, Principal]> = [
      ['an admin without clearance', as.admin],
      ['the security officer (cleared, outside the flow)', as.security],
      ['an archivist (toi-mat: not enough)', { userId: 'bs-archivist', orgCode: 'BS-TU', role: 'archivist' }],
      ['a commune clerk', as.tlClerk],
    ];
    for (const [who, principal] of outsiders) {
      expect([who, (await refusalOf(h.app.getDocument(principal, created.id))).status]).toEqual([who, 404]);
      expect([who, (await refusalOf(h.app.getDocumentBlob(principal, created.id, created.content.sha256))).status]).toEqual([who, 404]);
      const listed = await h.app.listDocuments(principal, { page: 1, pageSize: 100, ...(principal.role === 'admin' && { issuer: 'BS-TU' }) }).catch(() => ({ items: [], total: 0 }));
      expect([who, listed.items.some((d) => d.id === created.id)]).toEqual([who, false]);
    }
    // Acting is reading first: the same 404, not the workflow's 403.
    expect((await refusalOf(h.app.submit(as.security, created.id))).status).toBe(404);
    expect((await refusalOf(h.app.approve(as.admin, created.id))).status).toBe(404);

    // Those in the flow see it: the author, the approver, the signer, the issuing desk.
    for (const principal of [as.specialist, as.deputy, as.secretary, as.clerk]) {
      expect((await h.app.getDocument(principal, created.id)).subject).toContain(MARKER);
      expect((await h.app.listDocuments(principal, { page: 1, pageSize: 100 })).items.some((d) => d.id === created.id)).toBe(true);
    }

    // Counts leave it out too.
    const forAdmin = await h.app.listDocuments(as.admin, { issuer: 'BS-TU', page: 1, pageSize: 1 });
    const forClerk = await h.app.listDocuments(as.clerk, { page: 1, pageSize: 1 });
    expect(forClerk.total).toBeGreaterThan(forAdmin.total);
  });

  it('logs every read and refusal in a chain the service cannot rewrite silently', async () => {
    const created = await h.app.createDraft(as.specialist, draft(), await files());
    await h.app.getDocument(as.deputy, created.id, { from: '10.0.0.7' });
    await refusalOf(h.app.getDocument(as.security, created.id, { from: '10.0.0.9' }));
    await h.app.getDocumentBlob(as.secretary, created.id, created.content.sha256);

    const log = await h.accessLog.list('BS-TU', { documentId: created.id, page: 1, pageSize: 100 });
    const lines = log.items.map((r) => [r.actor, r.action, r.outcome, r.reason ?? '', r.from ?? '']);
    expect(lines).toEqual(
      expect.arrayContaining([
        ['bs-deputy', 'read', 'allowed', '', '10.0.0.7'],
        ['bs-security', 'read', 'refused', 'not-in-flow', '10.0.0.9'],
        ['bs-secretary', 'download', 'allowed', '', ''],
      ]),
    );
    expect(await h.accessLog.verify('BS-TU')).toMatchObject({ ok: true });

    // An altered line breaks the chain at that line.
    const refused = log.items.find((r) => r.actor === 'bs-security')!;
    const logCollection = h.ctx.mongo.collection('access_log');
    await logCollection.updateOne({ actor: 'bs-security', seq: refused.seq } as never, { $set: { outcome: 'allowed' } });
    expect(await h.accessLog.verify('BS-TU')).toMatchObject({ ok: false, brokenAt: refused.seq });
    await logCollection.updateOne({ actor: 'bs-security', seq: refused.seq } as never, { $set: { outcome: 'refused' } });
  });

  it('gives each recipient the key under its own KEK, and need-to-know there too', async () => {
    const created = await h.app.createDraft(as.specialist, draft(), await files());
    const copyId = await receiveSecretCopy(h, created.id, 'BS-TL-DU');
    const copyKey = await sealingStore(h.ctx.mongo).get(copyId);
    expect(kekIdOf(copyKey!.wrappedKey)).toBe(h.ctx.keys.currentKekId('org:BS-TL-DU'));

    // The commune's clerk desk reads it in clear, and its files; its specialist (not assigned) cannot.
    const copy = await h.app.getIncoming(as.tlClerk, copyId);
    expect(copy.subject).toContain(MARKER);
    expect((await h.app.getIncomingBlob(as.tlClerk, copyId, created.content.sha256)).data.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await refusalOf(h.app.getIncoming(as.tlSpecialist, copyId))).status).toBe(404);
    expect((await h.app.listIncoming(as.tlSpecialist, { page: 1, pageSize: 100 })).items.some((c) => c.id === copyId)).toBe(false);
    expect((await h.app.incomingRegister(as.tlSecretary, 'BS-TL-DU', '2026-01-01', '2030-12-31')).some((r) => r.subject.includes(MARKER))).toBe(false);
    expect((await h.app.incomingRegister(as.tlClerk, 'BS-TL-DU', '2026-01-01', '2030-12-31')).some((r) => r.subject.includes(MARKER))).toBe(true);
    // A screen's page of the register (from the lines in memory): the same need-to-know, and the shown line logged as listed.
    const page = (principal: Principal) => h.app.incomingRegisterPage(principal, 'BS-TL-DU', '2026-01-01', '2030-12-31', { page: 1, pageSize: 100 });
    expect((await page(as.tlSecretary)).items.some((r) => r.id === copyId)).toBe(false);
    expect((await page(as.tlClerk)).items.find((r) => r.id === copyId)?.subject).toContain(MARKER);
    const logged = await h.accessLog.list('BS-TL-DU', { documentId: created.id, page: 1, pageSize: 100 });
    expect(logged.items.map((r) => [r.actor, r.action, r.outcome])).toEqual(expect.arrayContaining([['tl-clerk', 'list', 'allowed']]));
    expect(JSON.stringify(await h.ctx.mongo.collection('incoming').findOne({ _id: copyId as never }))).not.toContain(MARKER);
  });

  it('sets clearances by an admin of the user\'s organisation, announced as an event', async () => {
    await h.app.setClearance(as.admin, 'bs-archivist', 'tuyet-mat');
    const user = await h.ctx.mongo.collection('users').findOne({ _id: 'bs-archivist' as never });
    expect(user?.clearance).toBe('tuyet-mat');
    const announced = await h.ctx.mongo.collection('outbox').find({ aggregateId: 'user:bs-archivist' }).toArray();
    expect(announced.map((r) => (r.event as DomainEvent).type)).toContain('directory.user-clearance-changed');
    expect((await refusalOf(h.app.setClearance(as.admin, 'tl-clerk', 'none'))).status).toBe(404);
    expect((await refusalOf(h.app.setClearance(as.clerk, 'bs-archivist', 'none'))).status).toBe(403);
    await h.app.setClearance(as.admin, 'bs-archivist', 'toi-mat');
  });

  it('reads documents sealed under a retired master after a rotation, and the re-wrap moves them', async () => {
    const created = await h.app.createDraft(as.specialist, draft(), await files());
    const oldSealing = (await sealingStore(h.ctx.mongo).get(created.id))!;
    // The new master is current; the old one is still configured, as the rotation procedure says.
    const before = loadKeyRingSettings(process.env);
    const rotated = new KeyRing({ masters: new Map([...before.masters, ['k2027', Buffer.alloc(32, 7)]]), current: 'k2027' });
    const old = await DocumentKey.open(rotated, created.id, oldSealing);
    const raw = await rawDocument(created.id);
    expect(await old.open(raw!.subject as string)).toContain(MARKER);

    const result = await sealingStore(h.ctx.mongo).rewrapAll(rotated);
    expect(result.rewrapped).toBeGreaterThan(0);
    const moved = (await sealingStore(h.ctx.mongo).get(created.id))!;
    expect(kekIdOf(moved.wrappedKey)).toBe('k2027/org:BS-TU');
    // Under the new master alone the moved key opens the same subject.
    const newOnly = new KeyRing({ masters: new Map([['k2027', Buffer.alloc(32, 7)]]), current: 'k2027' });
    expect(await (await DocumentKey.open(newOnly, created.id, moved)).open(raw!.subject as string)).toContain(MARKER);
    // Running it again finds nothing left to move.
    expect((await sealingStore(h.ctx.mongo).rewrapAll(rotated)).rewrapped).toBe(0);
  });
});

import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import {
  AccessLog,
  createLogger,
  createMessageBus,
  DocumentKey,
  EVENT_HEADERS,
  isSealed,
  kekIdOf,
  KeyRing,
  loadKeyRingSettings,
  TOPICS,
  type DomainEvent,
  type EventConsumer,
  type MessageBus,
  type Principal,
} from '@vanthu/shared';
import { archiveActivities } from '../../src/activities';
import { rewrapArchiveKeys } from '../../src/cli/rewrap-keys';
import { planWorkFileBag } from '../../src/bagit/work-file-bag';
import { runFixityAudit } from '../../src/fixity/run-audit';
import { consumeClearances } from '../../src/secrecy/clearance-consumer';
import { startArchiveApi, type ArchiveApi } from '../support/archive-api';
import { integrationEnv, sampleInput } from '../support/archive-env';
import { exportedBag, filesUnder, validateBag } from '../support/bag';
import { call, USERS } from '../support/http-app';
import { sealedInput, type SealedDocument } from '../support/sealed-input';
import { runVerifier } from '../support/verifier';

const PROBLEM = 'application/problem+json';
/** The receiving archive: we get its public key; only this test, as the receiver, holds the private one. */
const receiver = generateKeyPairSync('rsa', { modulusLength: 2048 });
const RECEIVER_KEY_ID = 'luu-tru-lich-su-it';

describe('secret packages: sealed at rest, need-to-know, access log, export under the receiver’s key (real MongoDB, Kafka and Temporal)', () => {
  const run = randomUUID().slice(0, 8);
  const group = `it-archive-clearances-${run}`;
  /** In every clear text and file of the secret document, and so nowhere the archive keeps or exports. */
  const MARKER = `KIN-${run}-TEXT`;
  /** Archivists of the issuing office, cleared (by directory events) to toi-mat and to mat only. */
  const cleared: Principal = { userId: `it-cleared-${run}`, orgCode: 'BS-TU', role: 'archivist' };
  const uncleared: Principal = { userId: `it-mat-${run}`, orgCode: 'BS-TU', role: 'archivist' };
  const clearedLeader: Principal = { userId: `it-leader-${run}`, orgCode: 'BS-TU', role: 'leader' };
  /** Never announced: the archive knows no clearance of theirs. */
  const unknown: Principal = { userId: `it-unknown-${run}`, orgCode: 'BS-TU', role: 'archivist' };
  let api: ArchiveApi;
  let url: string;
  let bus: MessageBus;
  let consumer: EventConsumer;
  let secret: SealedDocument;
  let secretId: string;
  let clearId: string;
  let workFileId: string;

  const directoryEvent = (id: string, type: string, occurredAt: string, data: Record<string, unknown>): DomainEvent => ({
    id,
    type,
    version: 1,
    occurredAt,
    source: 'intake',
    subject: String(data.userId),
    data,
  });
  const registered = (who: Principal, clearance: string, at: string) =>
    directoryEvent(`user-${who.userId}:1`, 'directory.user-registered', at, {
      userId: who.userId,
      fullName: 'Người thử',
      position: 'Lưu trữ viên',
      role: who.role,
      org: who.orgCode,
      email: `${who.userId}@demo.vanthu.local`,
      clearance,
    });
  const clearanceChanged = (who: Principal, seq: number, clearance: string, changedAt: string) =>
    directoryEvent(`user-${who.userId}:${seq}`, 'directory.user-clearance-changed', changedAt, { userId: who.userId, org: who.orgCode, clearance, changedBy: 'bs-admin', changedAt });

  async function clearanceBecomes(who: Principal, expected: string): Promise<void> {
    const deadline = Date.now() + 45_000;
    while ((await api.env.archive.clearances.of(who)) !== expected) {
      if (Date.now() > deadline) throw new Error(`${who.userId} never got clearance ${expected}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  const entriesFor = (documentId: string) =>
    api.env.connection.db!.collection('access_log').find({ documentId }, { projection: { _id: 0 } }).toArray();

  beforeAll(async () => {
    api = await startArchiveApi({ config: { ARCHIVE_EXPORT_PUBLIC_KEY: receiver.publicKey.export({ type: 'spki', format: 'pem' }).toString(), ARCHIVE_EXPORT_KEY_ID: RECEIVER_KEY_ID } });
    url = api.url;
    const logger = createLogger({ test: 'secret-packages' }, 'silent');
    bus = createMessageBus({ brokers: integrationEnv().KAFKA_BROKERS, clientId: `it-archive-secret-${run}`, logger });
    consumer = await consumeClearances({ mongo: api.env.connection, bus, logger }, api.env.archive.clearances, { group });

    // Through Kafka as intake announces them: the uncleared archivist was registered at toi-mat,
    // lowered to mat, and a stale change (older changedAt, arriving last) must not raise them again.
    const publisher = await bus.publisher();
    const events = [
      registered(cleared, 'mat', '2026-11-01T00:00:00.000Z'),
      clearanceChanged(cleared, 2, 'toi-mat', '2026-11-02T00:00:00.000Z'),
      registered(clearedLeader, 'tuyet-mat', '2026-11-01T00:00:00.000Z'),
      registered(uncleared, 'toi-mat', '2026-11-01T00:00:00.000Z'),
      clearanceChanged(uncleared, 3, 'mat', '2026-11-03T00:00:00.000Z'),
      clearanceChanged(uncleared, 2, 'tuyet-mat', '2026-11-02T00:00:00.000Z'),
    ];
    await publisher.publish(
      TOPICS.directoryEvents.name,
      events.map((e) => ({ key: String(e.subject), value: JSON.stringify(e), headers: { [EVENT_HEADERS.id]: e.id, [EVENT_HEADERS.type]: e.type, [EVENT_HEADERS.version]: '1', [EVENT_HEADERS.contentType]: 'application/json' } })),
    );
    await publisher.close();
    await clearanceBecomes(cleared, 'toi-mat');
    await clearanceBecomes(clearedLeader, 'tuyet-mat');
    await clearanceBecomes(uncleared, 'mat');
    // The stale change came last in its user's partition: once it is handled, the projection must still say mat.
    const consumedEvents = api.env.connection.db!.collection<{ _id: string }>('consumed_events');
    while (!(await consumedEvents.findOne({ _id: `${group}|${events[events.length - 1]!.id}` }))) await new Promise((r) => setTimeout(r, 200));

    secret = await sealedInput(api.env.blobs, api.env.archive.keys, MARKER);
    // The activity as the worker registers it.
    secretId = (await archiveActivities(api.env.archive).archiveDocument(secret.input)).packageId;
    clearId = (await archiveActivities(api.env.archive).archiveDocument(await sampleInput(api.env.blobs, { issuerCode: 'BS-TU', subject: 'Kế hoạch công tác năm 2027' }))).packageId;
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await api?.close();
  });

  it('projects clearances from directory events, the latest change winning whatever the order, none for a stale one', async () => {
    expect(consumer.stats.deadLettered).toBe(0);
    expect(await api.env.archive.clearances.of(uncleared)).toBe('mat');
    // A replayed event changes nothing; a clearance belongs to the organisation that granted it.
    expect(await api.env.archive.clearances.apply(clearanceChanged(uncleared, 2, 'tuyet-mat', '2026-11-02T00:00:00.000Z'))).toBe(false);
    expect(await api.env.archive.clearances.of({ userId: cleared.userId, orgCode: 'BS-TL-DU' })).toBe('none');
  });

  it('keeps the package sealed: the data key wrapped for the archive, the parts as they arrived, no clear text in any collection or blob', async () => {
    const pkg = (await api.env.archive.c.packages.findOne({ _id: secretId }))!;
    expect(kekIdOf(pkg.sealing!.wrappedKey)).toBe(`${api.env.archive.keys.currentMasterId}/archive:BS-TU`);
    expect(pkg.sealing!.kid).toBe(`${api.env.archive.keys.currentMasterId}/archive:BS-TU`);
    expect(pkg.metadata.subject).toBe(secret.input.metadata.subject);
    expect(isSealed(pkg.records.history[2]!.note)).toBe(true);
    // The archive's wrap opens the very key the document was sealed with.
    const key = await DocumentKey.open(api.env.archive.keys, pkg.documentId, pkg.sealing!, 'archive:BS-TU');
    expect(await key.open(pkg.metadata.subject)).toBe(secret.subject);

    const content = pkg.parts.find((p) => p.path === 'content.pdf.jwe')!;
    expect(content).toMatchObject({ sha256: secret.input.content.sha256, sealed: true, contentType: 'application/pdf', source: 'blob' });
    const manifest = JSON.parse(pkg.manifest) as { parts: Array<{ path: string; sealed?: boolean }>; sealing: { format: string; context: string } };
    expect(manifest.parts.filter((p) => p.sealed).map((p) => p.path).sort()).toEqual(['attachments/1.txt.jwe', 'content.pdf.jwe']);
    expect(manifest.sealing).toEqual({ format: expect.stringContaining('alg dir, enc A256GCM'), context: `document:${pkg.documentId}` });
    expect(pkg.manifest).not.toContain('wrappedKey');

    const db = api.env.connection.db!;
    for (const { name } of await db.listCollections().toArray()) {
      const text = JSON.stringify(await db.collection(name).find({}).toArray());
      expect({ collection: name, clear: text.includes(MARKER) }).toEqual({ collection: name, clear: false });
    }
    const blobsDb = api.env.connection.getClient().db(api.env.blobDatabase);
    for (const { name } of await blobsDb.listCollections().toArray()) {
      for (const doc of await blobsDb.collection(name).find({}).toArray()) {
        const data = doc.data as { buffer?: Uint8Array } | undefined;
        const bytes = data?.buffer ? Buffer.from(data.buffer) : Buffer.from(JSON.stringify(doc));
        expect({ collection: name, clear: bytes.includes(MARKER) }).toEqual({ collection: name, clear: false });
      }
    }
  });

  it('passes the fixity audit over its ciphertext, and has its manifest in the log', async () => {
    const head = await api.env.archive.log.currentTreeHead();
    const report = await runFixityAudit({ c: api.env.archive.c, blobs: api.env.blobs, log: api.env.archive.log, publicKey: api.env.archive.config.logPublicKey }, { auditId: `audit-${run}` });
    expect(report).toMatchObject({ packagesChecked: 2, partsChecked: 18, mismatchCount: 0, mismatches: [] });
    const proof = await api.env.archive.log.inclusionProof(secretId, head.treeSize);
    const pkg = (await api.env.archive.c.packages.findOne({ _id: secretId }))!;
    expect(proof).toMatchObject({ packageId: secretId, manifestSha256: pkg.manifestSha256 });
  });

  it('shows it to an archivist cleared for its level, and to nobody else: 404, absent from lists, counts and work files', async () => {
    const read = await call(`${url}/v1/packages/${secretId}`, 'GET', undefined, cleared);
    expect(read).toMatchObject({ status: 200, body: { packageId: secretId, sealed: true, keyId: `${api.env.archive.keys.currentMasterId}/archive:BS-TU` } });
    expect(isSealed((read.body.metadata as { subject: string }).subject)).toBe(true);
    expect((await call(`${url}/v1/packages`, 'GET', undefined, cleared)).body).toMatchObject({ total: 2 });
    expect((await call(`${url}/v1/packages/${secretId}`, 'GET', undefined, clearedLeader)).status).toBe(200);

    for (const who of [uncleared, unknown, USERS.communeArchivist]) {
      expect(await call(`${url}/v1/packages/${secretId}`, 'GET', undefined, who)).toMatchObject({ status: 404, contentType: expect.stringContaining(PROBLEM), body: { reason: 'package-not-found' } });
      expect((await call(`${url}/v1/log/proofs/inclusion?packageId=${secretId}`, 'GET', undefined, who)).status).toBe(404);
    }
    const listed = await call(`${url}/v1/packages`, 'GET', undefined, uncleared);
    expect(listed.body).toMatchObject({ total: 1, items: [{ packageId: clearId }] });
    const number = secret.input.metadata.number;
    expect((await call(`${url}/v1/packages?number=${number}`, 'GET', undefined, uncleared)).body).toMatchObject({ total: 0, items: [] });
    expect((await call(`${url}/v1/packages?number=${number}`, 'GET', undefined, cleared)).body).toMatchObject({ total: 1, items: [{ packageId: secretId, sealed: true }] });

    // Words never search a sealed subject, not even its JWE text, for anyone.
    for (const q of ['eyJ', secret.input.metadata.subject.slice(0, 20), 'phương án bảo vệ']) {
      expect((await call(`${url}/v1/packages?q=${encodeURIComponent(q)}`, 'GET', undefined, cleared)).body).toMatchObject({ total: 0 });
    }
    expect((await call(`${url}/v1/packages?q=${encodeURIComponent('kế hoạch')}`, 'GET', undefined, cleared)).body).toMatchObject({ total: 1, items: [{ packageId: clearId }] });

    const created = await call(`${url}/v1/work-files`, 'POST', { code: `HS-MAT-${run}`, title: 'Hồ sơ bảo vệ' }, cleared);
    workFileId = created.body._id as string;
    expect(await call(`${url}/v1/work-files/${workFileId}/documents`, 'POST', { packageId: secretId }, uncleared)).toMatchObject({ status: 404, body: { reason: 'package-not-found' } });
    for (const packageId of [secretId, clearId]) expect((await call(`${url}/v1/work-files/${workFileId}/documents`, 'POST', { packageId }, cleared)).status).toBe(201);
    const members = (who: Principal) => call(`${url}/v1/work-files/${workFileId}`, 'GET', undefined, who).then((a) => (a.body.members as Array<{ packageId: string }>).map((m) => m.packageId).sort());
    expect(await members(cleared)).toEqual([secretId, clearId].sort());
    expect(await members(uncleared)).toEqual([clearId]);
    expect(await members(USERS.admin)).toEqual([clearId]);
  });

  it('exports it sealed, with its data key wrapped for the receiving archive, which alone opens it', async () => {
    const bag = await exportedBag(url, workFileId, cleared);
    expect(validateBag(bag)).toEqual([]);
    const dir = join(bag, 'data', secretId);
    expect(filesUnder(dir).map((f) => f.slice(dir.length + 1)).sort()).toEqual(
      ['attachments/1.p7s', 'attachments/1.txt.jwe', 'content.pdf.jwe', 'key.jwe', 'manifest.json', 'records/history.json', 'records/metadata.json', 'records/signatures.json', 'records/validation-report.json', 'validation/certificates/1.der', 'validation/crls/1.crl'].sort(),
    );
    for (const file of filesUnder(bag)) expect({ file, clear: readFileSync(file).includes(MARKER) }).toEqual({ file, clear: false });
    const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
    expect(info).toContain('Secret-Packages: 1\n');
    expect(info).toContain(`Encryption-Key-Id: ${RECEIVER_KEY_ID}\n`);
    expect(info).toMatch(/Encryption: .*RFC 7516.*RSA-OAEP-256, enc A256GCM/);

    // The receiving archive's view: its private key, any JOSE library, nothing of ours.
    const keyJwe = readFileSync(join(dir, 'key.jwe'), 'ascii');
    expect(decodeProtectedHeader(keyJwe)).toMatchObject({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: RECEIVER_KEY_ID, ctx: `document:${secret.input.metadata.documentId}` });
    const { plaintext: dataKey } = await compactDecrypt(keyJwe, receiver.privateKey);
    expect(dataKey.length).toBe(32);
    const { plaintext: pdf } = await compactDecrypt(readFileSync(join(dir, 'content.pdf.jwe'), 'ascii'), dataKey);
    expect(Buffer.from(pdf).subarray(0, 4).toString()).toBe('%PDF');
    expect(Buffer.from(pdf)).toEqual(secret.pdf);
    const metadata = JSON.parse(readFileSync(join(dir, 'records/metadata.json'), 'utf8')) as { subject: string };
    expect(new TextDecoder().decode((await compactDecrypt(metadata.subject, dataKey)).plaintext)).toBe(secret.subject);

    const verdict = await runVerifier([
      'inclusion',
      '--key', join(bag, 'log/log-public-key.pem'),
      '--tree-head', join(bag, 'log/tree-head.json'),
      '--proof', join(bag, `log/inclusion/${secretId}.json`),
      '--manifest', join(dir, 'manifest.json'),
    ]);
    expect(verdict).toMatchObject({ code: 0 });
  });

  it('leaves it out of the bag of an archivist not cleared for it, as if the file did not hold it', async () => {
    const bag = await exportedBag(url, workFileId, uncleared);
    expect(validateBag(bag)).toEqual([]);
    expect(filesUnder(join(bag, 'data')).some((f) => f.includes(secretId))).toBe(false);
    expect(filesUnder(bag).some((f) => f.includes(secretId))).toBe(false);
    expect(readFileSync(join(bag, 'data/work-file.json'), 'utf8')).not.toContain(secretId);
    expect(readFileSync(join(bag, 'bag-info.txt'), 'utf8')).not.toContain('Secret-Packages');
  });

  it('refuses to export it when no key of the receiving archive is configured (409), and records the refusal', async () => {
    const archive = { ...api.env.archive, config: { ...api.env.archive.config, exportKey: undefined } };
    const file = await api.env.archive.workFiles.get(workFileId);
    const viewer = { principal: cleared, clearance: 'toi-mat' as const };
    await expect(planWorkFileBag(archive, file, await api.env.archive.workFiles.members(workFileId), viewer)).rejects.toMatchObject({ status: 409, reason: 'secret-export-key-missing' });
  });

  it('records every look at it, allowed or refused, in the access log, and none at the clear package', async () => {
    const entries = await entriesFor(secret.input.metadata.documentId);
    const summary = new Set(entries.map((e) => [e.actor, e.action, e.outcome, e.reason ?? ''].join(' ')));
    expect([...summary].sort()).toEqual(
      [
        `${cleared.userId} read allowed `,
        `${cleared.userId} list allowed `,
        `${cleared.userId} archive-export allowed `,
        `${cleared.userId} archive-export refused no-export-key`,
        `${clearedLeader.userId} read allowed `,
        `${uncleared.userId} read refused no-clearance`,
        `${uncleared.userId} archive-export refused no-clearance`,
        `${unknown.userId} read refused no-clearance`,
        `${USERS.communeArchivist.userId} read refused other-organisation`,
      ].sort(),
    );
    for (const entry of entries) expect(entry).toMatchObject({ org: 'BS-TU', secrecy: 'toi-mat', documentId: secret.input.metadata.documentId });
    expect(entries.find((e) => e.action === 'archive-export' && e.outcome === 'allowed')).toMatchObject({ target: `work-file:${workFileId}`, actorOrg: 'BS-TU', from: expect.any(String) });
    const clearPackage = (await api.env.archive.c.packages.findOne({ _id: clearId }))!;
    expect(await entriesFor(clearPackage.documentId)).toEqual([]);
    // The organisation's chain holds them all, unbroken.
    expect(await new AccessLog(api.env.connection).verify('BS-TU')).toEqual({ ok: true, records: entries.length });
  });

  it('re-wraps its data key under a new master after a rotation, leaving the log leaf as it was', async () => {
    const before = (await api.env.archive.c.packages.findOne({ _id: secretId }))!;
    const leaf = JSON.stringify(await api.env.archive.c.leaves.find({}).toArray());
    // The masters the archive runs with stay configured (they open the old wrap); a new one is current.
    const masters = new Map([...loadKeyRingSettings(process.env).masters, ['k2027', Buffer.alloc(32, 7)]]);
    const env = {
      ...process.env,
      MONGO_DATABASE: api.env.database,
      VANTHU_KEKS: [...masters].map(([id, key]) => `${id}:${key.toString('base64')}`).join(','),
      VANTHU_KEK_CURRENT: 'k2027',
    };
    const ring = KeyRing.fromEnv(env);
    const result = await rewrapArchiveKeys(env);
    expect(result.rewrapped).toBeGreaterThan(0);
    const after = (await api.env.archive.c.packages.findOne({ _id: secretId }))!;
    expect(after.sealing!.kid).toBe('k2027/archive:BS-TU');
    const key = await DocumentKey.open(ring, after.documentId, after.sealing!, 'archive:BS-TU');
    expect(await key.open(after.metadata.subject)).toBe(secret.subject);
    expect(after.manifest).toBe(before.manifest);
    expect(JSON.stringify(await api.env.archive.c.leaves.find({}).toArray())).toBe(leaf);
  });

});

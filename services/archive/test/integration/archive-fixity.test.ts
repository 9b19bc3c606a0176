import { archiveDocument } from '../../src/packages/archive-document';
import { runFixityAudit } from '../../src/fixity/run-audit';
import { logKey } from '../../src/store/collections';
import { openArchiveEnv, sampleInput, type ArchiveTestEnv } from '../support/archive-env';
import { runVerifier, writeFiles } from '../support/verifier';

describe('archiving, the log and the fixity audit (real MongoDB)', () => {
  let env: ArchiveTestEnv;
  const audit = (auditId: string) =>
    runFixityAudit({ c: env.archive.c, blobs: env.blobs, log: env.archive.log, publicKey: env.archive.config.logPublicKey }, { auditId });

  beforeAll(async () => {
    env = await openArchiveEnv();
  });
  afterAll(() => env.close());

  it('keeps one package and one leaf per workflow, however often the activity is retried', async () => {
    const input = await sampleInput(env.blobs);
    const results = await Promise.all(Array.from({ length: 5 }, () => archiveDocument(env.archive, input)));
    const again = await archiveDocument(env.archive, input);
    expect(new Set([...results, again].map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await env.archive.c.packages.countDocuments({ workflowId: input.workflowId })).toBe(1);
    expect(await env.archive.c.leaves.countDocuments({ packageId: again.packageId })).toBe(1);
    const pkg = await env.archive.c.packages.findOne({ _id: again.packageId });
    expect(pkg!.parts.map((p) => p.path).sort()).toEqual([
      'attachments/1.p7s',
      'attachments/1.pdf',
      'content.pdf',
      'records/history.json',
      'records/metadata.json',
      'records/signatures.json',
      'records/validation-report.json',
      'validation/certificates/1.der',
      'validation/crls/1.crl',
    ]);
  });

  it('gives 30 concurrent archivings 30 distinct, gapless log indexes', async () => {
    const inputs = await Promise.all(Array.from({ length: 30 }, () => sampleInput(env.blobs)));
    const before = await env.archive.log.size();
    const results = await Promise.all(inputs.map((input) => archiveDocument(env.archive, input)));
    const indexes = results.map((r) => r.logIndex).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 30 }, (_, i) => before + i));
    expect(await env.archive.log.size()).toBe(before + 30);
  });

  it('finds nothing wrong in an untouched archive', async () => {
    await env.archive.log.currentTreeHead();
    const report = await audit('audit-clean');
    expect(report.mismatches).toEqual([]);
    expect(report.packagesChecked).toBe(31);
    expect(report.partsChecked).toBe(31 * 9);
    expect(await env.archive.c.audits.findOne({ _id: 'audit-clean' })).toMatchObject({ mismatchCount: 0 });
  });

  it('names exactly the part whose stored bytes or metadata were altered in the database', async () => {
    const [altered, edited, rewritten] = await Promise.all([0, 1, 2].map(async () => archiveDocument(env.archive, await sampleInput(env.blobs))));
    await env.archive.log.currentTreeHead();
    const db = env.connection.getClient().db(env.blobDatabase);

    const content = (await env.archive.c.packages.findOne({ _id: altered!.packageId }))!.parts.find((p) => p.path === 'content.pdf')!;
    const file = await db.collection('blobs.files').findOne({ filename: content.sha256 });
    const chunk = await db.collection('blobs.chunks').findOne({ files_id: file!._id, n: 0 });
    const forged = Buffer.from(chunk!.data.buffer as Uint8Array);
    forged.write('%PDF-1.7 forged', 0);
    await db.collection('blobs.chunks').updateOne({ _id: chunk!._id }, { $set: { data: forged } });
    await env.archive.c.packages.updateOne({ _id: edited!.packageId }, { $set: { 'metadata.subject': 'Nghị quyết đã bị sửa' } });
    const manifest = (await env.archive.c.packages.findOne({ _id: rewritten!.packageId }))!.manifest;
    await env.archive.c.packages.updateOne({ _id: rewritten!.packageId }, { $set: { manifest: manifest.replace('"content.pdf"', '"content2.pdf"') } });

    const report = await audit('audit-tampered');
    const named = report.mismatches.map((m) => `${m.packageId} ${m.part} ${m.kind}`).sort();
    expect(named).toEqual(
      [
        `${altered!.packageId} content.pdf blob-altered`,
        `${edited!.packageId} records/metadata.json record-altered`,
        `${rewritten!.packageId} manifest manifest-altered`,
      ].sort(),
    );
    const blob = report.mismatches.find((m) => m.kind === 'blob-altered')!;
    expect(blob.expected).toBe(content.sha256);
    expect(blob.actual).toMatch(/^[0-9a-f]{64}$/);
    expect(blob.actual).not.toBe(content.sha256);
  });

  it('shows a rewritten leaf as a root that no longer matches the signed tree head', async () => {
    const head = await env.archive.log.currentTreeHead();
    await env.archive.c.leaves.updateOne({ _id: logKey(4) }, { $set: { leafHash: 'f'.repeat(64) } });
    const report = await audit('audit-leaf');
    const leafKinds = report.mismatches.filter((m) => m.part.startsWith('log/')).map((m) => `${m.part} ${m.kind}`);
    expect(leafKinds).toEqual(['log/leaf/4 leaf-altered', `log/tree-head/${head.treeSize} log-root-mismatch`]);
  });

  it('proves inclusion and consistency to the standalone verifier, and fails an altered manifest', async () => {
    const verifyEnv = await openArchiveEnv();
    try {
      const first = await Promise.all(Array.from({ length: 7 }, async () => archiveDocument(verifyEnv.archive, await sampleInput(verifyEnv.blobs))));
      const small = await verifyEnv.archive.log.currentTreeHead();
      for (let i = 0; i < 6; i++) await archiveDocument(verifyEnv.archive, await sampleInput(verifyEnv.blobs));
      const large = await verifyEnv.archive.log.currentTreeHead();
      expect([small.treeSize, large.treeSize]).toEqual([7, 13]);

      const target = first[5]!;
      const pkg = (await verifyEnv.archive.c.packages.findOne({ _id: target.packageId }))!;
      const inclusion = await verifyEnv.archive.log.inclusionProof(target.packageId, large.treeSize);
      const consistency = await verifyEnv.archive.log.consistencyProof(small.treeSize, large.treeSize);
      const key = verifyEnv.archive.config.logPublicKey.export({ type: 'spki', format: 'pem' }).toString();
      const files = writeFiles({
        'key.pem': key,
        'small.json': small,
        'large.json': large,
        'inclusion.json': inclusion,
        'consistency.json': consistency,
        'manifest.json': pkg.manifest,
        'forged-manifest.json': pkg.manifest.replace('"content.pdf"', '"forged.pdf"'),
        'forged-consistency.json': { ...consistency, path: [...consistency.path.slice(1), consistency.path[0]] },
      });

      const ok = await runVerifier(['inclusion', '--key', files['key.pem']!, '--tree-head', files['large.json']!, '--proof', files['inclusion.json']!, '--manifest', files['manifest.json']!]);
      expect(ok).toMatchObject({ code: 0 });
      expect(ok.stdout).toContain(`VERIFIED: package ${target.packageId}`);
      const consistent = await runVerifier(['consistency', '--key', files['key.pem']!, '--first', files['small.json']!, '--second', files['large.json']!, '--proof', files['consistency.json']!]);
      expect(consistent).toMatchObject({ code: 0 });

      const forged = await runVerifier(['inclusion', '--key', files['key.pem']!, '--tree-head', files['large.json']!, '--proof', files['inclusion.json']!, '--manifest', files['forged-manifest.json']!]);
      expect(forged.code).toBe(1);
      expect(forged.stdout).toContain('NOT VERIFIED');
      expect(forged.stdout).toContain('it was altered');
      const wrongHead = await runVerifier(['inclusion', '--key', files['key.pem']!, '--tree-head', files['small.json']!, '--proof', files['inclusion.json']!]);
      expect(wrongHead.code).toBe(1);
      const rewritten = await runVerifier(['consistency', '--key', files['key.pem']!, '--first', files['small.json']!, '--second', files['large.json']!, '--proof', files['forged-consistency.json']!]);
      expect(rewritten.code).toBe(1);
      expect(rewritten.stdout).toContain('does NOT extend');
      expect((await runVerifier(['inclusion', '--tree-head', files['large.json']!])).code).toBe(64);
    } finally {
      await verifyEnv.close();
    }
  });
});

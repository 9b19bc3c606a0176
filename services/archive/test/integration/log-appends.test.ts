import { createHash } from 'node:crypto';
import { runFixityAudit } from '../../src/fixity/run-audit';
import { MerkleLog } from '../../src/log/merkle-log';
import { consistencyHolds as verifyConsistency, inclusionHolds as verifyInclusion } from '../../src/cli/rfc9162';
import { leafHash, nodeHash } from '../../src/merkle';
import { archiveDocument } from '../../src/packages/archive-document';
import { logKey } from '../../src/store/collections';
import { openArchiveEnv, sampleInput, type ArchiveTestEnv } from '../support/archive-env';

describe('log appends and the audit, every lookup by _id (real MongoDB)', () => {
  let env: ArchiveTestEnv;
  const audit = (auditId: string) =>
    runFixityAudit({ c: env.archive.c, blobs: env.blobs, log: env.archive.log, publicKey: env.archive.config.logPublicKey }, { auditId });

  beforeAll(async () => {
    env = await openArchiveEnv();
  });
  afterAll(() => env.close());

  it('gives two processes appending at once distinct, gapless indexes', async () => {
    // Two logs over one database, as two workers have: each writes its batches, they collide.
    const other = new MerkleLog(env.archive.c, env.archive.config.logKey);
    const inputs = await Promise.all(Array.from({ length: 24 }, () => sampleInput(env.blobs)));
    const results = await Promise.all(inputs.map((input, i) => archiveDocument(i % 2 === 0 ? env.archive : { ...env.archive, log: other }, input)));
    expect(results.map((r) => r.logIndex).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(await env.archive.log.size()).toBe(24);
    expect(await other.size()).toBe(24);
    for (const r of results) expect((await env.archive.log.leafOf(r.packageId))?.index).toBe(r.logIndex);
  });

  it('finds a leaf whose position was never recorded (a crash in between), without a second leaf', async () => {
    const input = await sampleInput(env.blobs);
    const first = await archiveDocument(env.archive, input);
    await env.archive.c.positions.deleteOne({ _id: first.packageId });
    const retried = await archiveDocument(env.archive, input);
    expect(retried).toEqual(first);
    expect(await env.archive.c.leaves.countDocuments({ packageId: first.packageId })).toBe(1);
    expect((await env.archive.log.recordedLeafOf(first.packageId))?.index).toBe(first.logIndex);
  });

  it('hashes a large log from one pass over its leaves, and proves against what it stored', async () => {
    // Leaves written directly (packages are not needed for the tree): enough for the one-pass path.
    const logEnv = await openArchiveEnv();
    try {
      const size = 777;
      const hashes = Array.from({ length: size }, (_, i) => leafHash(createHash('sha256').update(`leaf ${i}`).digest()));
      await logEnv.archive.c.leaves.insertMany(
        hashes.map((hash, index) => ({ _id: logKey(index), index, packageId: `pkg_${index}`, manifestSha256: '00', leafHash: hash.toString('hex'), appendedAt: '' })),
      );
      const mth = (from: number, to: number): Buffer => {
        if (to - from === 1) return hashes[from]!;
        let k = 1;
        while (k * 2 < to - from) k *= 2;
        return nodeHash(mth(from, from + k), mth(from + k, to));
      };
      const log = logEnv.archive.log;
      const head = await log.currentTreeHead();
      expect(head).toMatchObject({ treeSize: size, rootHash: mth(0, size).toString('hex') });
      expect(await logEnv.archive.c.nodes.countDocuments({})).toBeGreaterThan(0);
      await logEnv.archive.c.positions.insertOne({ _id: 'pkg_500', index: 500 });
      const proof = await log.inclusionProof('pkg_500', size);
      expect(verifyInclusion(hashes[500]!, 500, size, proof.auditPath.map((h) => Buffer.from(h, 'hex')), mth(0, size))).toBe(true);
      const consistency = await log.consistencyProof(300, size);
      expect(verifyConsistency(300, size, mth(0, 300), mth(0, size), consistency.path.map((h) => Buffer.from(h, 'hex')))).toBe(true);
    } finally {
      await logEnv.close();
    }
  });

  it('names a package deleted from the database, and a leaf deleted from the log', async () => {
    const [gone, unlogged] = await Promise.all([0, 1].map(async () => archiveDocument(env.archive, await sampleInput(env.blobs))));
    const head = await env.archive.log.currentTreeHead();
    expect(await audit('audit-before')).toMatchObject({ mismatchCount: 0, packagesChecked: head.treeSize });

    await env.archive.c.packages.deleteOne({ _id: gone!.packageId });
    await env.archive.c.leaves.deleteOne({ _id: logKey(unlogged!.logIndex) });
    const report = await audit('audit-deleted');
    expect(report.mismatches.map((m) => `${m.packageId ?? '-'} ${m.part} ${m.kind}`).sort()).toEqual(
      [
        `${gone!.packageId} manifest package-missing`,
        `- log/leaf/${unlogged!.logIndex} leaf-altered`,
        `- log/tree-head/${head.treeSize} log-root-mismatch`,
      ].sort(),
    );
  });
});

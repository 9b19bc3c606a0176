import { createLogger, type ArchivalMetadata } from '@vanthu/shared';
import type { MerkleLog } from '../../src/log/merkle-log';
import { searchQuery } from '../../src/packages/search';
import { LiveSearch } from '../../src/search/live-search';
import type { ArchiveCollections, LeafDoc, PackageDoc } from '../../src/store/collections';

/*
 * The search's following of the log, over an archive held in arrays: what is under test is when
 * it reads (load, catch-up before a search), not the database, which the integration tests use.
 */

type Stored = Pick<PackageDoc, '_id' | 'documentId' | 'workflowId' | 'archivedAt' | 'manifestSha256' | 'metadata'>;

function fakeArchive() {
  const packages: Stored[] = [];
  const leaves: LeafDoc[] = [];
  /** Reads of leaves resolve when this does, with what was there when they were made. */
  let gate: Promise<void> = Promise.resolve();
  let leafReads = 0;
  const iterate = <T>(docs: T[]) => ({
    async *[Symbol.asyncIterator]() {
      for (const doc of [...docs]) yield doc;
    },
  });
  const c = {
    packages: { find: () => iterate(packages), findOne: async (filter: { _id: string }) => packages.find((p) => p._id === filter._id) ?? null },
    leaves: { find: () => iterate(leaves) },
  } as unknown as ArchiveCollections;
  const log = {
    size: async () => leaves.length,
    leafAt: async (index: number) => {
      leafReads += 1;
      const seen = leaves[index] ?? null;
      await gate;
      return seen;
    },
  } as unknown as MerkleLog;

  return {
    c,
    log,
    get leafReads() {
      return leafReads;
    },
    /** Stores a package; `append` also gives it the next leaf, as archiveDocument does after the insert. */
    archive(subject: string, append = true): string {
      const n = packages.length + 1;
      const _id = `pkg_${n}`;
      packages.push({
        _id,
        documentId: `doc-${n}`,
        workflowId: `document-doc-${n}`,
        archivedAt: '2026-12-03T00:00:00.000Z',
        manifestSha256: 'b'.repeat(64),
        metadata: { documentId: `doc-${n}`, type: 'NQ', number: n, notation: `${n}-NQ/TU`, issuedAt: '2026-12-01T08:00:00+07:00', issuerCode: 'BS-TU', subject, secrecy: 'none' } as ArchivalMetadata,
      });
      if (append) this.append(_id);
      return _id;
    },
    append(packageId: string): void {
      leaves.push({ _id: String(leaves.length), index: leaves.length, packageId, manifestSha256: 'b'.repeat(64), leafHash: 'c'.repeat(64), appendedAt: '' });
    },
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

const searcher = { principal: { orgCode: 'BS-TU' }, clearance: 'none' as const };
const logger = createLogger({ test: 'live-search' }, 'silent');
const words = (q: string) => searchQuery.parse({ q });

describe('the archive search following the log', () => {
  it('answers 503 search-loading until it has loaded, then every package stored, with its leaf', async () => {
    const archive = fakeArchive();
    const withLeaf = archive.archive('Nghị quyết chuyển đổi số');
    const awaitingLeaf = archive.archive('Kế hoạch chuyển đổi số', false);
    const search = new LiveSearch({ c: archive.c, log: archive.log, logger, refreshMs: 60_000 });
    await expect(search.search(words('so'), searcher)).rejects.toMatchObject({ status: 503, reason: 'search-loading' });
    search.start();
    await search.loaded;
    const page = await search.search(words('chuyen doi so'), searcher);
    // Issued at the same time: in package id order.
    expect(page.items.map((i) => [i.packageId, i.logIndex])).toEqual([
      [withLeaf, 0],
      [awaitingLeaf, undefined],
    ]);
    // The interrupted append is retried: the leaf comes, and with it the log index.
    archive.append(awaitingLeaf);
    expect((await search.search(searchQuery.parse({ number: '2' }), searcher)).items[0]!.logIndex).toBe(1);
    search.stop();
  });

  it('finds a package archived just before a search, even while another read of the log was under way', async () => {
    const archive = fakeArchive();
    archive.archive('Thông báo cũ');
    const search = new LiveSearch({ c: archive.c, log: archive.log, logger, refreshMs: 60_000 });
    search.start();
    await search.loaded;

    // A read begins and looks for the next leaf before the package is archived...
    const release = archive.hold();
    const earlier = search.catchUp();
    const fresh = archive.archive('Quyết định về chuyển đổi số');
    // ...and a search made after the archiving must not settle for that read.
    const page = search.search(words('chuyển đổi số'), searcher);
    release();
    await earlier;
    expect((await page).items.map((i) => i.packageId)).toEqual([fresh]);
    expect(search.size).toBe(2);
    search.stop();
  });

  it('shares one read among the searches that arrive while it waits, and reads one leaf when nothing is new', async () => {
    const archive = fakeArchive();
    for (let i = 0; i < 5; i++) archive.archive(`Công văn ${i}`);
    const search = new LiveSearch({ c: archive.c, log: archive.log, logger, refreshMs: 60_000 });
    search.start();
    await search.loaded;
    const before = archive.leafReads;
    await search.catchUp();
    expect(archive.leafReads - before).toBe(1);

    const release = archive.hold();
    const first = search.catchUp();
    const queued = [search.catchUp(), search.catchUp(), search.catchUp()];
    expect(queued[1]).toBe(queued[0]);
    release();
    await Promise.all([first, ...queued]);
    expect(archive.leafReads - before).toBe(3);

    // Many new leaves: read in widening rounds, all of them.
    for (let i = 0; i < 100; i++) archive.archive(`Báo cáo ${i}`);
    await search.catchUp();
    expect(search.size).toBe(105);
    search.stop();
  });
});

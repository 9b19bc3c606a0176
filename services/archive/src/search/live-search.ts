import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Problem, type Logger } from '@vanthu/shared';
import type { MerkleLog } from '../log/merkle-log';
import { SEARCH_PROJECTION, searchItemOf, type SearchedPackage, type SearchPage, type SearchQuery } from '../packages/search';
import type { ArchiveCollections } from '../store/collections';
import { PackageIndex, type Searcher } from './package-index';

export interface LiveSearchOptions {
  c: ArchiveCollections;
  log: MerkleLog;
  logger: Logger;
  /** How often the log is read when nobody searches, so a search finds little to read first. */
  refreshMs?: number;
  /** Documents read per round trip while loading; the event loop is free between pages. */
  pageSize?: number;
}

/** Leaves read at once while following the log (each an `_id` read, through the log's own limit). */
const TAIL_WIDTH = 32;
/** Leaves read by one catch-up at most; the timer reads the rest. */
const TAIL_MOST = 10_000;

/*
 * Why in memory: our FerretDB (SQLite backend) reads and decodes the whole collection for any
 * filter but an `_id` equality (docs/local-stack.md), so the search it ran took 4.7–16 s per query
 * at 10,000 packages, growing with the archive; from memory, over HTTP with auth, 6–24 ms (p50) and
 * at most 47 ms (p99) at 100,000. Measured 2026-12-03 (2 vCPU AMD EPYC) in `npm run bench:archive`:
 * docs/benchmarks.md, archive section.
 *
 * Why the log, to learn of new packages: the worker archives, the API searches, and both already
 * share the transparency log, whose leaves are numbered without gaps (`_id` = the zero-padded
 * index) and are appended only once the package is stored. So the next leaf is one `_id` read
 * away, whether or not anything was archived, and where this process stands in it is a number
 * that needs no state kept anywhere: after a restart it loads the packages and starts from the
 * log's size. The archive's Kafka events would need a consumer group per API process and say no
 * more than the log does; and reading the log before answering gives read-your-writes: once
 * `archiveDocument` returned, its leaf is there, so the next search finds the package.
 */

/**
 * An API process's search over every package's metadata: loaded from `packages` at start (paged),
 * then kept current by following the log, before each search and every `refreshMs`.
 */
export class LiveSearch {
  private index = new PackageIndex();
  /** The first leaf this process has not read. */
  private next = 0;
  private loadedAt?: Date;
  private started = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;
  private readAgain?: Promise<void>;
  readonly loaded: Promise<void>;
  private markLoaded!: () => void;

  constructor(private readonly options: LiveSearchOptions) {
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
  }

  get isLoaded(): boolean {
    return this.loadedAt !== undefined;
  }

  /** Packages held. */
  get size(): number {
    return this.index.size;
  }

  /** Starts loading in the background (retrying until it succeeds), then following the log; `loaded` resolves once the first load is done. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const first = async (): Promise<void> => {
      while (!this.stopped) {
        try {
          await this.load();
          this.markLoaded();
          this.schedule();
          return;
        } catch (error) {
          this.options.logger.warn({ err: error }, 'loading the archive search failed; will retry');
          await new Promise((r) => setTimeout(r, Math.max(1_000, this.refreshMs)));
        }
      }
    };
    void first();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** A page of what the searcher may see; 503 until loaded. The caller has authorised the route. */
  async search(query: SearchQuery, searcher: Searcher): Promise<SearchPage> {
    if (!this.isLoaded) throw new Problem(503, 'search-loading', 'The archive search is being loaded; try again shortly.', { retryAfterSeconds: 5 });
    await this.catchUp();
    return this.index.search(query, searcher);
  }

  /**
   * Reads the leaves appended since this process last looked. The promise is of a read that
   * began after the call: one already under way may have looked before the caller's package was
   * appended, so callers arriving meanwhile share one more read after it.
   */
  catchUp(): Promise<void> {
    if (!this.reading) {
      this.reading = this.readLog().finally(() => (this.reading = undefined));
      return this.reading;
    }
    this.readAgain ??= this.reading
      .catch(() => undefined)
      .then(() => {
        this.readAgain = undefined;
        return this.catchUp();
      });
    return this.readAgain;
  }

  private get refreshMs(): number {
    return this.options.refreshMs ?? 1_000;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.catchUp()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'following the log for the archive search failed; will retry'))
        .finally(() => this.schedule());
    }, this.refreshMs);
    this.timer.unref();
  }

  /** Leaves from `next` on, a few at a time (one, then doubling while they keep coming), and each one's package. */
  private async readLog(): Promise<void> {
    const { c, log, logger } = this.options;
    let width = 1;
    for (let read = 0; read < TAIL_MOST; ) {
      const from = this.next;
      const leaves = await Promise.all(Array.from({ length: width }, (_, i) => log.leafAt(from + i)));
      const present = leaves.findIndex((leaf) => leaf === null);
      const appended = (present === -1 ? leaves : leaves.slice(0, present)).filter((leaf) => leaf !== null);
      if (appended.length === 0) return;
      const packages = await Promise.all(appended.map((leaf) => c.packages.findOne<SearchedPackage>({ _id: leaf.packageId }, { projection: SEARCH_PROJECTION })));
      appended.forEach((leaf, i) => {
        const pkg = packages[i];
        // A leaf is appended only after its package is stored; a package gone is one removed by hand.
        if (pkg) this.index.put(searchItemOf(pkg, leaf.index));
        else logger.warn({ packageId: leaf.packageId, logIndex: leaf.index }, 'the log names a package the archive does not hold; not searchable');
      });
      this.next = from + appended.length;
      read += appended.length;
      if (appended.length < width) return;
      width = Math.min(width * 2, TAIL_WIDTH);
    }
  }

  /**
   * Every package, into a fresh index that replaces the old one when complete. The log's size is
   * read first: a package appended after that is read again from the log, so none is missed
   * between the two (put keeps one of each). The packages and the leaves are read side by side,
   * one pass over each collection, and each package then takes its leaf's index. The packages'
   * pass is the cost: FerretDB decodes every stored package whole, records and manifest included
   * (80–92 s at 100,000 on this machine, docs/benchmarks.md); reading the leaves beside it costs
   * nothing more. A package stored whose leaf is not there yet (its append cut short,
   * awaiting the retry) is searchable as before, without a log index until then.
   */
  private async load(): Promise<void> {
    const { c, log, logger } = this.options;
    const started = Date.now();
    const next = await log.size();
    const pageSize = this.options.pageSize ?? 1_000;
    const index = new PackageIndex();
    const positions = new Map<string, number>();
    const paged = async <T>(documents: AsyncIterable<T>, each: (document: T) => void) => {
      let inPage = 0;
      for await (const document of documents) {
        each(document);
        if (++inPage === pageSize) {
          inPage = 0;
          await yieldToLoop();
        }
      }
    };
    await Promise.all([
      paged(c.packages.find<SearchedPackage>({}, { projection: SEARCH_PROJECTION, batchSize: pageSize }), (pkg) => index.put(searchItemOf(pkg, undefined))),
      paged(c.leaves.find({}, { projection: { packageId: 1, index: 1 }, batchSize: pageSize }), (leaf) => positions.set(leaf.packageId, leaf.index)),
    ]);
    for (const [packageId, logIndex] of positions) index.placeInLog(packageId, logIndex);
    index.settle();
    this.index = index;
    this.next = next;
    this.loadedAt = new Date();
    logger.info({ packages: index.size, treeSize: next, ms: Date.now() - started }, 'archive search loaded');
  }
}

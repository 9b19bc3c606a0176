import { spawn, type ChildProcess } from 'node:child_process';
import { createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import mongoose from 'mongoose';
import { createLogger, DEVELOPMENT_JWT_SECRET, gridFsBlobStore, issueToken, TOKEN_AUDIENCES, type Clearance, type Principal } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { devLogKey } from '../config';
import { archiveDocument } from '../packages/archive-document';
import { searchQuery, type SearchPage } from '../packages/search';
import { LiveSearch } from '../search/live-search';
import { archiveCollections, ensureIndexes } from '../store/collections';
import { inputOf, seedPackages, sharedBlobs } from './bulk-archive';
import { progress } from './progress';
import { scanSearch } from './scan-search';
import { BENCH_ORG, syntheticPackage } from './synthetic-packages';

/*
 * Part 2 of `npm run bench:archive`: the console's package search at BENCH_SEARCH_PACKAGES
 * (100,000) packages, over HTTP against a real archive API process (auth, clearance lookup,
 * serialisation, the access log for secret packages shown), beside the search it replaced
 * (FerretDB filters and regular expressions, bench/scan-search.ts) measured at
 * BENCH_SEARCH_BASELINE_AT (10,000) packages, since one query of it takes seconds there and grows
 * with the archive. Packages are seeded in bulk through the archive's inputs (bulk-archive.ts).
 */

export const SEARCH_PACKAGES = Number(process.env.BENCH_SEARCH_PACKAGES ?? 100_000);
export const BASELINE_AT = Math.min(SEARCH_PACKAGES, Number(process.env.BENCH_SEARCH_BASELINE_AT ?? 10_000));
const BASELINE_SAMPLES = Number(process.env.BENCH_SEARCH_BASELINE_SAMPLES ?? 3);
const QUERIES = Number(process.env.BENCH_SEARCH_QUERIES ?? 100);
const WARM_UP = 5;

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

const ARCHIVIST: Principal = { userId: 'bench-archivist', orgCode: BENCH_ORG, role: 'archivist' };
/** Cleared for tối mật in the archive's clearance projection, as intake's directory events would say. */
const CLEARED: Principal = { userId: 'bench-cleared-archivist', orgCode: BENCH_ORG, role: 'archivist' };

interface Ask {
  name: string;
  query: Record<string, string>;
  who: Principal;
  clearance: Clearance;
  /** The old search gives the same total (it did not fold diacritics, nor match word starts only). */
  comparable: boolean;
}

function mixOf(sealedNotation: string): Ask[] {
  const ask = (name: string, query: Record<string, string>, comparable = true, who = ARCHIVIST, clearance: Clearance = 'none'): Ask => ({ name, query, who, clearance, comparable });
  return [
    ask('by_number', { number: '123' }),
    ask('by_notation', { notation: '45-QĐ/TU' }),
    ask('by_notation_no_diacritics', { notation: '45-qd/tu' }, false),
    ask('issuer_type_date_range', { issuer: BENCH_ORG, type: 'NQ', issuedFrom: '2024-01-01', issuedTo: '2024-12-31' }),
    ask('words', { q: 'chuyển đổi số' }),
    ask('words_no_diacritics', { q: 'chuyen doi so' }, false),
    ask('words_and_date_range', { q: 'tham nhũng', issuedFrom: '2020-01-01', issuedTo: '2022-12-31' }),
    ask('words_in_every_subject', { q: 'về việc năm' }),
    ask('newest_page', {}),
    ask('miss', { q: 'đường sắt cao tốc' }),
    ask('secret_by_notation_cleared', { notation: sealedNotation }, true, CLEARED, 'toi-mat'),
  ];
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function timed(samples: number, warmUp: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  return ms;
}

/** The heap in use after a full collection: what a structure built in between keeps. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const MIB = 1024 * 1024;

/** Resident memory of a process, from /proc: now and at its peak (MiB). */
function residentMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** What the process logged when its search was loaded. */
  loadedMs: Promise<number>;
}

/** The archive API, as `node dist/main.js api` runs it, on the bench's databases and a port of its own. */
async function startApi(database: string, blobDatabase: string): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '..', 'main.js'), 'api'], {
    env: {
      ...process.env,
      MONGO_DATABASE: database,
      BLOB_DATABASE: blobDatabase,
      PORT: String(port),
      LOG_LEVEL: 'info',
      // One caller asking back to back: the per-caller rate limit is not what is measured.
      ARCHIVE_RATE_PER_SECOND: '10000',
      ARCHIVE_RATE_BURST: '10000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const loadedMs = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the archive API exited (${code}) before its search was loaded`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.includes('archive search loaded')) return;
      resolve((JSON.parse(line) as { ms: number }).ms);
    });
  });
  loadedMs.catch(() => undefined);
  return { url: `http://127.0.0.1:${port}`, child, loadedMs };
}

async function untilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the archive API was not ready within ${timeoutMs / 1000} s`);
}

async function stopApi(api: ApiProcess): Promise<void> {
  if (api.child.exitCode !== null) return;
  api.child.kill('SIGTERM');
  await once(api.child, 'exit');
}

function searchOver(url: string) {
  const tokens = new Map<string, string>();
  return async (ask: Pick<Ask, 'query' | 'who'>): Promise<SearchPage> => {
    let token = tokens.get(ask.who.userId);
    if (!token) tokens.set(ask.who.userId, (token = issueToken(DEVELOPMENT_JWT_SECRET, ask.who, 3_600, TOKEN_AUDIENCES.archive)));
    const res = await fetch(`${url}/v1/packages?${new URLSearchParams(ask.query).toString()}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (!res.ok) throw new Error(`GET /v1/packages?${new URLSearchParams(ask.query).toString()}: ${res.status} ${body}`);
    return JSON.parse(body) as SearchPage;
  };
}

const viewerOf = (ask: Ask) => ({ principal: ask.who, clearance: ask.clearance });
const seconds = (startedMs: number) => (performance.now() - startedMs) / 1000;

interface Row {
  ask: Ask;
  found: number;
  scanP50?: number;
  scanFound?: number;
  engine?: number[];
  http?: number[];
}

/** The old search on each query, and the index's total beside it where the two mean the same. */
async function measureOldSearch(archive: Archive, rows: Row[], logger: ReturnType<typeof createLogger>): Promise<void> {
  const index = new LiveSearch({ c: archive.c, log: archive.log, logger });
  index.start();
  await index.loaded;
  for (const row of rows) {
    const query = searchQuery.parse(row.ask.query);
    const scan = await timed(BASELINE_SAMPLES, 0, async () => (row.scanFound = (await scanSearch(archive.c, query, viewerOf(row.ask))).total));
    row.scanP50 = percentile(scan, 50);
    const total = (await index.search(query, viewerOf(row.ask))).total;
    // Where the two searches mean the same, they must find the same: the index answers as the database did.
    if (row.ask.comparable && total !== row.scanFound) throw new Error(`${row.ask.name}: the index finds ${total}, the old search ${row.scanFound}`);
    process.stderr.write(`old search at ${BASELINE_AT}: ${row.ask.name} ${Math.round(row.scanP50)} ms (${row.scanFound} found; the index finds ${total})\n`);
  }
  index.stop();
}

/** Runs part 2 on databases of its own; drops them afterwards unless BENCH_KEEP=1. */
export async function searchBench(mongoUrl: string, suffix: string): Promise<Figure[]> {
  const database = `vanthu_bench_archive_search_${suffix}`;
  const blobDatabase = `vanthu_bench_archive_search_blobs_${suffix}`;
  const connection = await mongoose.createConnection(mongoUrl, { dbName: database, serverSelectionTimeoutMS: 5_000 }).asPromise();
  const blobs = gridFsBlobStore(connection, blobDatabase);
  const logger = createLogger({ bench: 'archive-search' }, 'warn');
  let api: ApiProcess | undefined;
  try {
    await ensureIndexes(archiveCollections(connection));
    const logKey = devLogKey();
    const archive = createArchive(connection, blobs, { logKey, logPublicKey: createPublicKey(logKey), fixityCron: '0 2 * * *' }, { logger });
    await archive.c.clearances.insertOne({ _id: CLEARED.userId, org: CLEARED.orgCode, clearance: 'toi-mat', changedAt: new Date().toISOString(), eventId: 'bench', version: 'bench' });
    const shared = await sharedBlobs(blobs);
    const counters = new Map<string, number>();
    let sealedNotation: string | undefined;
    const note = (synthetic: ReturnType<typeof syntheticPackage>) => {
      if (synthetic.sealed && synthetic.metadata.issuerCode === BENCH_ORG) sealedNotation ??= synthetic.metadata.notation;
    };

    // The old search, at the smaller size.
    console.log(`\n(2) package search: seeding ${BASELINE_AT} packages for the old search, then up to ${SEARCH_PACKAGES}`);
    let shown = progress('packages seeded (bulk, through newPackage)', BASELINE_AT);
    let started = performance.now();
    await seedPackages(archive, blobs, shared, { from: 0, to: BASELINE_AT, total: SEARCH_PACKAGES }, counters, shown, note);
    let seedSeconds = seconds(started);
    shown.done();
    const rows: Row[] = mixOf(sealedNotation!).map((ask) => ({ ask, found: 0 }));
    await measureOldSearch(archive, rows, logger);

    shown = progress('packages seeded (bulk, through newPackage)', SEARCH_PACKAGES - BASELINE_AT);
    started = performance.now();
    await seedPackages(archive, blobs, shared, { from: BASELINE_AT, to: SEARCH_PACKAGES, total: SEARCH_PACKAGES }, counters, shown, note);
    seedSeconds += seconds(started);
    shown.done();

    // The index in this process: how long it loads, what it keeps, how fast it answers alone.
    const heapBefore = heapAfterGc();
    let local: LiveSearch | undefined = new LiveSearch({ c: archive.c, log: archive.log, logger });
    started = performance.now();
    local.start();
    await local.loaded;
    const loadSeconds = seconds(started);
    const heapMiB = (heapAfterGc() - heapBefore) / MIB;
    if (local.size !== SEARCH_PACKAGES) throw new Error(`the index holds ${local.size} packages, not ${SEARCH_PACKAGES}`);
    for (const row of rows) {
      const query = searchQuery.parse(row.ask.query);
      row.engine = await timed(QUERIES, WARM_UP, async () => (row.found = (await local!.search(query, viewerOf(row.ask))).total));
    }
    local.stop();
    local = undefined;

    // The API process: started on the full archive, ready once its search is loaded.
    started = performance.now();
    api = await startApi(database, blobDatabase);
    await untilReady(api.url, 600_000);
    const readySeconds = seconds(started);
    const apiLoadMs = await api.loadedMs;
    const memoryReady = residentMiB(api.child.pid!);
    const search = searchOver(api.url);
    for (const row of rows) {
      const total = (await search(row.ask)).total;
      if (total !== row.found) throw new Error(`${row.ask.name}: the API finds ${total}, the index in this process ${row.found}`);
      row.http = await timed(QUERIES, WARM_UP, () => search(row.ask));
    }
    const memoryAfter = residentMiB(api.child.pid!);

    // Read-your-writes: a package archived by the activity's own code, then searched at once.
    const fresh = syntheticPackage(SEARCH_PACKAGES, SEARCH_PACKAGES + 1, counters);
    const marker = randomBytes(4).toString('hex');
    fresh.metadata = { ...fresh.metadata, documentId: `bench-doc-${randomUUID()}`, notation: `${fresh.metadata.number}-KH/TU-${marker}`, subject: `Kế hoạch kiểm chứng tìm kiếm ${marker}` };
    await archiveDocument(archive, await inputOf(archive, blobs, shared, fresh));
    started = performance.now();
    const byNotation = await search({ query: { notation: fresh.metadata.notation.toLowerCase() }, who: ARCHIVIST });
    const freshMs = performance.now() - started;
    const byWords = await search({ query: { q: `kiem chung ${marker}` }, who: ARCHIVIST });
    if (byNotation.total !== 1 || byWords.total !== 1) throw new Error(`a package archived just now was not found at once (by notation ${byNotation.total}, by words ${byWords.total})`);

    printRows(rows);
    const figures: Figure[] = [];
    for (const row of rows) {
      const p50 = percentile(row.http!, 50);
      figures.push({ name: `search_${row.ask.name}_p50`, value: p50, unit: 'ms', baseline: row.scanP50!, ratio: p50 / row.scanP50! });
      figures.push({ name: `search_${row.ask.name}_p99`, value: percentile(row.http!, 99), unit: 'ms' });
    }
    const all = rows.flatMap((row) => row.http!);
    const engineAll = rows.flatMap((row) => row.engine!);
    figures.push(
      { name: 'search_all_queries_p50', value: percentile(all, 50), unit: 'ms' },
      { name: 'search_all_queries_p99', value: percentile(all, 99), unit: 'ms' },
      { name: 'search_in_process_all_queries_p50', value: percentile(engineAll, 50), unit: 'ms' },
      { name: 'search_in_process_all_queries_p99', value: percentile(engineAll, 99), unit: 'ms' },
      { name: 'search_found_right_after_archiving', value: freshMs, unit: 'ms' },
      { name: 'search_index_heap', value: heapMiB, unit: 'MiB' },
      { name: 'search_api_rss_ready', value: memoryReady.rss, unit: 'MiB' },
      { name: 'search_api_rss_peak', value: memoryAfter.peak, unit: 'MiB' },
      { name: 'search_load_in_process', value: loadSeconds, unit: 's' },
      { name: 'search_load_api_process', value: apiLoadMs / 1000, unit: 's' },
      { name: 'search_api_start_to_ready', value: readySeconds, unit: 's' },
      { name: 'search_seed_packages_per_second', value: SEARCH_PACKAGES / seedSeconds, unit: 'packages/s' },
    );
    return figures;
  } finally {
    if (api) await stopApi(api);
    if (process.env.BENCH_KEEP !== '1') {
      await connection.getClient().db(blobDatabase).dropDatabase();
      await connection.dropDatabase();
    }
    await connection.close();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function printRows(rows: Row[]): void {
  console.log(
    `\n(2) package search at ${SEARCH_PACKAGES} packages (90 % the searcher's office, 1 % sealed), ${QUERIES} calls per query one after another over HTTP ` +
      `against the archive API process; baseline: the old FerretDB search, median of ${BASELINE_SAMPLES} at ${BASELINE_AT} packages`,
  );
  console.table(
    rows.map((row) => ({
      query: row.ask.name,
      params: new URLSearchParams(row.ask.query).toString() || '(none)',
      found: row.found,
      'http p50 ms': round(percentile(row.http!, 50)),
      'http p99 ms': round(percentile(row.http!, 99)),
      'in-process p50 ms': round(percentile(row.engine!, 50)),
      [`old at ${BASELINE_AT} ms`]: Math.round(row.scanP50!),
      [`old found at ${BASELINE_AT}`]: row.scanFound,
    })),
  );
}

export function printFigures(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  console.table(figures.map((f) => ({ figure: f.name, value: round(f.value), unit: f.unit, baseline: f.baseline === undefined ? '' : round(f.baseline), ratio: f.ratio === undefined ? '' : round(f.ratio) })));
  for (const f of figures) {
    console.log(JSON.stringify({ name: f.name, value: round(f.value), unit: f.unit, ...(f.baseline !== undefined && { baseline: round(f.baseline) }), ...(f.ratio !== undefined && { ratio: round(f.ratio) }) }));
  }
}


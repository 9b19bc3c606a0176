import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { StackPaths } from '../paths';
import { spawnDetached } from '../proc';
import { runCommand, which } from '../run-command';
import { goServerEnv, type ManagedServer } from './server';
import { LOOPBACK, type StackConfig } from './stack-config';

export const FERRETDB_VERSION = '1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

/**
 * Two corrections to FerretDB 1.24's SQLite backend, made to the source before building
 * (docs/local-stack.md has the measurements):
 *
 * - Its `_id` index is created on `_ferretdb_sjson->"_id"` but queried with
 *   `_ferretdb_sjson->'$._id'`; SQLite matches index expressions textually, so every lookup,
 *   update and delete by `_id` scanned the table (EXPLAIN QUERY PLAN: SCAN). Queried with the
 *   index's own expression, the plan is SEARCH … USING INDEX.
 * - It narrows a query to one row by `_id` only when the filter has no other field, so
 *   `{_id, seq: {$lt: n}}` scanned the collection. A filter that names an `_id` names at most one
 *   document whatever else it says, and FerretDB applies the whole filter to the rows it reads
 *   anyway (every handler filters again), so the narrowing is kept for such filters too.
 *
 * The patch level is part of the cache path, so a binary built without them is never reused.
 */
const PATCHES = [
  {
    file: join('internal', 'backends', 'sqlite', 'metadata', 'metadata.go'),
    from: `IDColumn = DefaultColumn + "->'$._id'"`,
    to: 'IDColumn = DefaultColumn + `->"_id"`',
    count: 1,
  },
  {
    file: join('internal', 'backends', 'sqlite', 'collection.go'),
    from: 'if params.Filter.Len() == 1 {',
    to: 'if params.Filter.Len() >= 1 {',
    // Query, and Explain (which reports it as filterPushdown).
    count: 2,
  },
];
export const FERRETDB_BUILD = `${FERRETDB_VERSION}-idx2`;

function patchSource(src: string): void {
  for (const patch of PATCHES) {
    const file = join(src, patch.file);
    const text = readFileSync(file, 'utf8');
    if (text.split(patch.from).length - 1 !== patch.count) {
      throw new Error(`FerretDB ${FERRETDB_VERSION}: ${patch.file} no longer holds the lines we correct; review the patch`);
    }
    writeFileSync(file, text.split(patch.from).join(patch.to));
  }
}

/**
 * `go install` of FerretDB fails here (the module proxy refuses its version list, which the
 * deprecation check reads), so we download the module and build it ourselves.
 */
async function buildFerretDb(paths: StackPaths, target: string, progress: (line: string) => void): Promise<void> {
  if (!(await which('go'))) throw new Error('Go is needed to build FerretDB: install Go, or set MONGO_URL to a running mongod');
  const logFile = join(paths.logs, 'build-ferretdb.log');
  progress(`go mod download ${MODULE}@v${FERRETDB_VERSION}`);
  const json = await runCommand('go', ['mod', 'download', '-json', `${MODULE}@v${FERRETDB_VERSION}`], { logFile });
  const dir = (JSON.parse(json) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download did not report a directory; see ${logFile}`);
  const src = join(paths.cache, `ferretdb-${FERRETDB_VERSION}-src`);
  cpSync(dir, src, { recursive: true, force: true });
  await runCommand('chmod', ['-R', 'u+w', src], { logFile });
  // Without a version file the binary panics at start.
  writeFileSync(join(src, 'build', 'version', 'version.txt'), `v${FERRETDB_VERSION}\n`);
  progress('correcting the _id lookups (index use, narrowing by _id)');
  patchSource(src);
  progress('go build ./cmd/ferretdb (cold: ~1 min)');
  await runCommand('go', ['build', '-o', target, './cmd/ferretdb'], {
    cwd: src,
    env: { ...process.env, GOFLAGS: '-buildvcs=false' },
    logFile,
    onLine: progress,
  });
}

export function ferretDbServer(config: StackConfig, paths: StackPaths): ManagedServer {
  const external = config.MONGO_URL !== undefined;
  const address = config.MONGO_URL ?? `mongodb://${LOOPBACK}:${config.VANTHU_MONGO_PORT}`;
  const binary = join(paths.cache, `ferretdb-${FERRETDB_BUILD}`, 'ferretdb');
  const hostPort = new URL(address.replace(/^mongodb(\+srv)?:/, 'http:')).host.split(',')[0] ?? '';
  const [host = LOOPBACK, portText = '27017'] = hostPort.split(':');

  return {
    name: 'mongodb',
    external,
    address,
    host,
    port: Number(portText),
    urls: { MongoDB: address },
    logFile: join(paths.logs, 'ferretdb.log'),
    pidFile: join(paths.run, 'ferretdb.pid'),
    startTimeoutMs: 30_000,

    async obtain(progress) {
      if (external) return 'external';
      if (existsSync(binary)) return 'cached';
      await buildFerretDb(paths, binary, progress);
      return 'obtained';
    },

    async start() {
      const dataDir = join(paths.data, 'ferretdb');
      // FerretDB needs the SQLite directory to exist.
      mkdirSync(join(dataDir, 'sqlite'), { recursive: true });
      mkdirSync(join(dataDir, 'state'), { recursive: true });
      return spawnDetached({
        command: binary,
        args: [
          '--handler=sqlite',
          `--sqlite-url=file:${join(dataDir, 'sqlite')}/`,
          `--listen-addr=${LOOPBACK}:${config.VANTHU_MONGO_PORT}`,
          `--state-dir=${join(dataDir, 'state')}`,
          '--telemetry=disable',
          '--debug-addr=-',
          '--log-level=warn',
        ],
        env: goServerEnv(),
        logFile: this.logFile,
        pidFile: this.pidFile,
      });
    },

    async isReady() {
      const connection = mongoose.createConnection(address, { serverSelectionTimeoutMS: 1_000 });
      try {
        await connection.asPromise();
        await connection.db?.command({ ping: 1 });
        return true;
      } catch {
        return false;
      } finally {
        await connection.close().catch(() => undefined);
      }
    },
  };
}

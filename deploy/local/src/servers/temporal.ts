import { Connection } from '@temporalio/client';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SEARCH_ATTRIBUTES, SERVICES } from '@vanthu/shared';
import type { StackPaths } from '../paths';
import { spawnDetached } from '../proc';
import { runCommand, which } from '../run-command';
import { goServerEnv, type ManagedServer } from './server';
import { LOOPBACK, type StackConfig } from './stack-config';

/** The newest tag the module proxy builds; later ones need a module it does not serve (see docs/local-stack.md). */
export const TEMPORAL_CLI_VERSION = '1.5.1';
/**
 * The SQLite driver the CLI is built with, newer than the v1.34.1 it asks for: that one could
 * interrupt the next statement on a connection instead of the cancelled one, and the dev server's
 * single connection then failed every call with `interrupted (9)` until restarted (CI's chaos
 * run, 2026-12-04). v1.44.3 closes that race; Temporal's own repository moved to it for the same
 * errors.
 */
export const TEMPORAL_SQLITE_VERSION = '1.44.3';

/** Where the local stack keeps the Temporal CLI it built. */
export const temporalCliPath = (paths: Pick<StackPaths, 'cache'>) =>
  join(paths.cache, `temporal-cli-${TEMPORAL_CLI_VERSION}-sqlite-${TEMPORAL_SQLITE_VERSION}`, 'temporal');

/**
 * Builds the CLI in a module of our own that requires it and the newer driver: the module's
 * requirements win over the CLI's, which `go install pkg@version` would not allow.
 */
async function buildTemporalCli(paths: StackPaths, target: string, progress: (line: string) => void): Promise<void> {
  if (!(await which('go'))) throw new Error('Go is needed to build the Temporal CLI: install Go, or put `temporal` on PATH');
  const logFile = join(paths.logs, 'build-temporal.log');
  const dir = join(dirname(target), 'build');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const go = (args: string[]) => runCommand('go', args, { cwd: dir, env: { ...process.env, GOFLAGS: '-buildvcs=false' }, logFile, onLine: progress });
  await go(['mod', 'init', 'vanthu.local/temporal-cli']);
  progress(`go get temporal CLI v${TEMPORAL_CLI_VERSION} with modernc.org/sqlite v${TEMPORAL_SQLITE_VERSION}`);
  await go(['get', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`, `modernc.org/sqlite@v${TEMPORAL_SQLITE_VERSION}`]);
  progress('go build temporal (cold: ~3-5 min)');
  await go(['build', '-o', target, 'github.com/temporalio/cli/cmd/temporal']);
}

function searchAttributeFlags(): string[] {
  const typeNames: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${typeNames[key.type]}`]);
}

export function temporalServer(config: StackConfig, paths: StackPaths): ManagedServer {
  const external = config.TEMPORAL_ADDRESS !== undefined;
  const address = config.TEMPORAL_ADDRESS ?? `${LOOPBACK}:${config.VANTHU_TEMPORAL_PORT}`;
  const [host = LOOPBACK, portText = '7233'] = address.split(':');
  const cached = temporalCliPath(paths);
  let binary = cached;
  const uiUrl = `http://${LOOPBACK}:${config.VANTHU_TEMPORAL_UI_PORT}`;

  return {
    name: 'temporal',
    external,
    address,
    host,
    port: Number(portText),
    urls: external ? { 'Temporal frontend': address } : { 'Temporal frontend': address, 'Temporal UI': uiUrl },
    logFile: join(paths.logs, 'temporal.log'),
    pidFile: join(paths.run, 'temporal.pid'),
    startTimeoutMs: 60_000,

    async obtain(progress) {
      if (external) return 'external';
      const onPath = await which('temporal');
      if (onPath) {
        binary = onPath;
        return 'on PATH';
      }
      if (existsSync(cached)) return 'cached';
      await buildTemporalCli(paths, cached, progress);
      return 'obtained';
    },

    async start() {
      const dataDir = join(paths.data, 'temporal');
      mkdirSync(dataDir, { recursive: true });
      return spawnDetached({
        command: binary,
        args: [
          'server', 'start-dev',
          '--ip', LOOPBACK,
          '--port', String(config.VANTHU_TEMPORAL_PORT),
          '--ui-port', String(config.VANTHU_TEMPORAL_UI_PORT),
          '--http-port', String(config.VANTHU_TEMPORAL_HTTP_PORT),
          '--metrics-port', String(config.VANTHU_TEMPORAL_METRICS_PORT),
          // Payloads are encrypted (packages/shared/src/temporal/codec.ts); intake decodes them for whoever may read the document.
          '--ui-codec-endpoint', `http://${LOOPBACK}:${SERVICES.intake.apiPort}/v1/codec`,
          '--log-level', 'warn',
          '--db-filename', join(dataDir, 'temporal.db'),
          // Without these the file-backed server is fsync-bound (about 3x slower, docs/local-stack.md).
          '--sqlite-pragma', 'journal_mode=wal',
          '--sqlite-pragma', 'synchronous=normal',
          ...searchAttributeFlags(),
        ],
        env: goServerEnv(),
        logFile: this.logFile,
        pidFile: this.pidFile,
      });
    },

    async isReady() {
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address, connectTimeout: 1_000 });
        // The server itself, not a namespace: bootstrap creates namespaces once it answers.
        await connection.workflowService.getSystemInfo({});
        if (!external) {
          const ui = await fetch(uiUrl, { signal: AbortSignal.timeout(2_000) });
          if (!ui.ok) return false;
        }
        return true;
      } catch {
        return false;
      } finally {
        await connection?.close().catch(() => undefined);
      }
    },
  };
}

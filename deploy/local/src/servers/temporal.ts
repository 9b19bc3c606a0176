import { Connection } from '@temporalio/client';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SEARCH_ATTRIBUTES, SERVICES } from '@vanthu/shared';
import type { StackPaths } from '../paths';
import { spawnDetached } from '../proc';
import { runCommand, which } from '../run-command';
import { goServerEnv, type ManagedServer } from './server';
import { LOOPBACK, type StackConfig } from './stack-config';

/** The newest tag `go install` accepts; later ones carry a replace directive (see docs/local-stack.md). */
export const TEMPORAL_CLI_VERSION = '1.5.1';

function searchAttributeFlags(): string[] {
  const typeNames: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${typeNames[key.type]}`]);
}

export function temporalServer(config: StackConfig, paths: StackPaths): ManagedServer {
  const external = config.TEMPORAL_ADDRESS !== undefined;
  const address = config.TEMPORAL_ADDRESS ?? `${LOOPBACK}:${config.VANTHU_TEMPORAL_PORT}`;
  const [host = LOOPBACK, portText = '7233'] = address.split(':');
  const cached = join(paths.cache, `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
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
      if (!(await which('go'))) throw new Error('Go is needed to build the Temporal CLI: install Go, or put `temporal` on PATH');
      progress(`go install temporal CLI v${TEMPORAL_CLI_VERSION} (cold: ~3-5 min)`);
      await runCommand('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
        env: { ...process.env, GOBIN: join(paths.cache, `temporal-cli-${TEMPORAL_CLI_VERSION}`), GOFLAGS: '-buildvcs=false' },
        logFile: join(paths.logs, 'build-temporal.log'),
        onLine: progress,
      });
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

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, listen, type StartedServer } from '@vanthu/shared';
import { loadConsoleConfig, type ConsoleConfig } from '../../server/src/config';
import { createConsoleApp } from '../../server/src/service';

/** A built web bundle as vite leaves it: index.html naming a hashed asset. */
export function fakeWebBundle(): string {
  const root = mkdtempSync(join(tmpdir(), 'console-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="vi"><script type="module" src="/assets/index-Ab12Cd34.js"></script></html>');
  writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
  return root;
}

export interface TestConsole {
  url: string;
  config: ConsoleConfig;
  endStreams(): void;
  close(): Promise<void>;
}

/** The console's app as main.ts serves it, on a free port, configured from `env` as the process would be. */
export async function startTestConsole(env: NodeJS.ProcessEnv): Promise<TestConsole> {
  const config = loadConsoleConfig({ NODE_ENV: 'test', ...env });
  const { app, endStreams } = createConsoleApp(config, createLogger({ service: 'console' }, config.logLevel === 'debug' ? 'debug' : 'silent'), { draining: false });
  const started: StartedServer = await listen(app, '127.0.0.1', 0);
  return { url: started.url, config, endStreams, close: started.close };
}

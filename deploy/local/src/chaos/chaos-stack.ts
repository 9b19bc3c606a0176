import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stackPaths } from '../paths';
import type { ManagedServer } from '../servers/server';
import { describeStack, stackEnv, startStack, stopServers, type Stack } from '../stack';

/** The Temporal namespace the chaos run's services work in. */
export const CHAOS_NAMESPACE = 'vanthu-chaos';

/**
 * The chaos run restarts and stops its servers, so it brings its own: Temporal, Kafka and the
 * database on ports of their own, data in a directory of its own (the build cache is shared).
 * Whatever `npm start` or the test suite runs is never touched, and a run that is stopped
 * half-way leaves nothing another run depends on.
 */
const SERVER_PORTS = {
  VANTHU_TEMPORAL_PORT: '17433',
  VANTHU_TEMPORAL_UI_PORT: '18433',
  VANTHU_TEMPORAL_HTTP_PORT: '17443',
  VANTHU_TEMPORAL_METRICS_PORT: '17444',
  VANTHU_KAFKA_PORT: '19292',
  VANTHU_KAFKA_CONTROLLER_PORT: '19293',
  VANTHU_MONGO_PORT: '27317',
};

export type ServerName = 'temporal' | 'kafka' | 'mongodb';

export class ChaosStack {
  readonly stack: Stack;
  readonly dataDir: string;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.dataDir = join(stackPaths(env).data, 'chaos');
    const own: NodeJS.ProcessEnv = { ...env, ...SERVER_PORTS, VANTHU_DATA_DIR: this.dataDir, TEMPORAL_NAMESPACE: CHAOS_NAMESPACE };
    // Servers given by the environment are someone else's: never ours to stop.
    delete own.TEMPORAL_ADDRESS;
    delete own.KAFKA_BROKERS;
    delete own.MONGO_URL;
    this.stack = describeStack(own);
  }

  get paths() {
    return this.stack.paths;
  }

  /** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, KAFKA_BROKERS and MONGO_URL of these servers. */
  get env(): Record<string, string> {
    return stackEnv(this.stack);
  }

  server(name: ServerName): ManagedServer {
    const server = this.stack.servers.find((s) => s.name === name);
    if (!server) throw new Error(`the chaos stack has no server ${name}`);
    return server;
  }

  /** Fresh servers: a previous run's leftovers stopped, its data removed, then all three started. */
  async start(): Promise<void> {
    await stopServers(this.stack.servers);
    for (const entry of existsSync(this.dataDir) ? readdirSync(this.dataDir) : []) {
      // The service processes' pid files are in run/: the caller stops their leftovers first.
      if (entry !== 'run') rmSync(join(this.dataDir, entry), { recursive: true, force: true });
    }
    await startStack(this.stack, { quiet: true });
  }

  /**
   * Starts whatever of the three is not running (and checks all of them: topics, namespaces, a
   * Kafka round trip), as `npm run stack:start` would.
   */
  async ensureRunning(): Promise<void> {
    await startStack(this.stack, { quiet: true });
  }

  async restart(name: ServerName): Promise<void> {
    await this.stopFor(name, 0);
  }

  /** Stops one server, leaves it down for `downMs` (less if the run ends), then starts it again. */
  async stopFor(name: ServerName, downMs: number, signal?: AbortSignal): Promise<void> {
    await stopServers([this.server(name)]);
    await sleep(downMs, undefined, signal ? { signal } : {}).catch(() => undefined);
    await this.ensureRunning();
  }

  /** Stops the servers; their data goes too unless `keepData` (the logs always stay). */
  async stop(keepData: boolean): Promise<void> {
    await stopServers(this.stack.servers);
    if (keepData) return;
    for (const dir of ['temporal', 'kafka', 'ferretdb']) rmSync(join(this.dataDir, dir), { recursive: true, force: true });
  }
}

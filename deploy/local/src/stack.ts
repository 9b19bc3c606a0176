import { Listr, type ListrTask } from 'listr2';
import { existsSync } from 'node:fs';
import { bootstrap, TEST_NAMESPACE, type BootstrapReport } from './bootstrap';
import { stackPaths, type StackPaths } from './paths';
import { isAlive, livePid, portOpen, stopPid, tail, waitFor } from './proc';
import { ferretDbServer } from './servers/ferretdb';
import { kafkaServer } from './servers/kafka';
import type { ManagedServer } from './servers/server';
import { loadStackConfig, type StackConfig } from './servers/stack-config';
import { temporalServer } from './servers/temporal';

export interface Stack {
  config: StackConfig;
  paths: StackPaths;
  servers: ManagedServer[];
}

export function describeStack(env: NodeJS.ProcessEnv = process.env): Stack {
  const config = loadStackConfig(env);
  const paths = stackPaths(env);
  return { config, paths, servers: [temporalServer(config, paths), kafkaServer(config, paths), ferretDbServer(config, paths)] };
}

/** The environment every service process and test gets, pointing at this stack. */
export function stackEnv(stack: Stack): Record<string, string> {
  const [temporal, kafka, mongo] = stack.servers;
  return {
    TEMPORAL_ADDRESS: temporal!.address,
    TEMPORAL_NAMESPACE: stack.config.TEMPORAL_NAMESPACE,
    KAFKA_BROKERS: kafka!.address,
    MONGO_URL: mongo!.address,
  };
}

export class ServerStartError extends Error {
  constructor(server: ManagedServer, reason: string) {
    super(`${server.name} failed to start: ${reason}\n--- last lines of ${server.logFile} ---\n${tail(server.logFile)}`);
  }
}

type StartOutcome = 'started' | 'already running' | 'found running' | 'external';

async function startOne(server: ManagedServer): Promise<StartOutcome> {
  const pid = livePid(server.pidFile);
  if (await server.isReady()) return server.external ? 'external' : pid ? 'already running' : 'found running';
  if (server.external) throw new Error(`${server.name} at ${server.address} does not answer (it was given by the environment, so it is not started here)`);
  if (pid !== undefined) {
    // Our process is up but not answering yet: it may still be starting, so wait for it.
    await waitFor(`${server.name} (pid ${pid})`, () => server.isReady(), { timeoutMs: server.startTimeoutMs, alive: () => isAlive(pid) })
      .catch((error: Error) => { throw new ServerStartError(server, error.message); });
    return 'already running';
  }
  if (await portOpen(server.host, server.port)) {
    throw new ServerStartError(server, `port ${server.host}:${server.port} is taken by another program that does not answer as ${server.name}`);
  }
  const started = await server.start();
  try {
    await waitFor(server.name, () => server.isReady(), { timeoutMs: server.startTimeoutMs, intervalMs: 300, alive: () => isAlive(started) });
  } catch (error) {
    throw new ServerStartError(server, (error as Error).message);
  }
  return 'started';
}

export interface StackStartResult {
  stack: Stack;
  /** Servers this call started (and so should stop when its owner stops). */
  started: ManagedServer[];
  bootstrap: BootstrapReport;
}

/**
 * Obtains, starts and checks the whole stack. Idempotent: servers already running are found and
 * used, never started twice; a restart keeps their data.
 */
export async function startStack(stack: Stack = describeStack(), options: { quiet?: boolean } = {}): Promise<StackStartResult> {
  const started: ManagedServer[] = [];
  const failed: string[] = [];
  let report: BootstrapReport | undefined;
  const steps: ListrTask[] = [
      {
        title: 'Obtain servers (cached after the first run)',
        task: (_ctx, task) =>
          task.newListr(
            stack.servers.map((server) => ({
              title: server.name,
              task: async (_c, sub) => {
                const begun = Date.now();
                const outcome = await server.obtain((line) => (sub.output = line.slice(0, 120)));
                sub.title = `${server.name}: ${outcome}${outcome === 'obtained' ? ` in ${Math.round((Date.now() - begun) / 1000)} s` : ''}`;
              },
            })),
            { concurrent: true, exitOnError: true },
          ),
      },
      {
        title: 'Start servers',
        task: (_ctx, task) =>
          task.newListr(
            stack.servers.map((server) => ({
              title: `${server.name} on ${server.address}`,
              task: async (_c, sub) => {
                const begun = Date.now();
                const outcome = await startOne(server).catch((error: Error) => {
                  failed.push(error.message);
                  throw error;
                });
                if (outcome === 'started') started.push(server);
                sub.title = `${server.name} on ${server.address}: ${outcome}${outcome === 'started' ? ` in ${((Date.now() - begun) / 1000).toFixed(1)} s` : ''}`;
              },
            })),
            { concurrent: true, exitOnError: false },
          ),
      },
      {
        title: 'Create topics and search attributes, check a Kafka round trip',
        task: async (_ctx, task) => {
          // Each server was given its chance to start; one that did not stops the run here.
          if (failed.length > 0) throw new Error(failed.join('\n'));
          const env = stackEnv(stack);
          report = await bootstrap({
            temporalAddress: env.TEMPORAL_ADDRESS!,
            temporalNamespaces: [env.TEMPORAL_NAMESPACE!, TEST_NAMESPACE],
            kafkaBrokers: env.KAFKA_BROKERS!.split(','),
          });
          task.title = `Topics created: ${report.topicsCreated.length}, search attributes added: ${report.searchAttributesAdded.length}, Kafka round trip ${report.kafkaRoundTripMs} ms`;
        },
      },
  ];
  const tasks = options.quiet
    ? new Listr(steps, { renderer: 'silent', exitOnError: true })
    : new Listr(steps, { rendererOptions: { collapseSubtasks: false, showErrorMessage: true }, collectErrors: 'minimal' });
  await tasks.run();
  return { stack, started, bootstrap: report! };
}

export async function stopServers(servers: ManagedServer[]): Promise<Array<{ name: string; outcome: string }>> {
  return Promise.all(
    servers.map(async (server) => {
      if (server.external) return { name: server.name, outcome: 'external, left alone' };
      const pid = livePid(server.pidFile);
      if (pid === undefined) return { name: server.name, outcome: 'not running' };
      return { name: server.name, outcome: await stopPid(pid) };
    }),
  );
}

export async function stackStatus(stack: Stack = describeStack()) {
  return Promise.all(
    stack.servers.map(async (server) => ({
      name: server.name,
      address: server.address,
      pid: livePid(server.pidFile),
      ready: await server.isReady(),
      external: server.external,
      log: existsSync(server.logFile) ? server.logFile : undefined,
    })),
  );
}

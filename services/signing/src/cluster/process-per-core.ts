import cluster, { type Worker } from 'node:cluster';
import { clusterCopyEnv, configOrExit, createLogger, parseRole, serveClusterMetrics, type Logger } from '@vanthu/shared';
import { loadProcessesConfig } from '../config';
import { loadRestartPolicy, RestartBudget, type RestartPolicy } from './restart-policy';

/**
 * The signing service makes each signature on the thread that serves the request (see
 * `pki/key-ring.ts`), so one process uses one core. To use every core it runs as several
 * processes: this one forks `SIGNING_PROCESSES` copies (default: one per core) with node:cluster
 * and supervises them. The API's copies share its port (the cluster distributes connections);
 * the worker's copies each poll the same Temporal task queue and share the health port. Every copy
 * opens the sealed keys it uses itself, under the same SIGNING_KEK.
 *
 * Shutdown: on SIGTERM/SIGINT the copies are told to stop (a message, not a signal: see
 * `followPrimary`) and given their grace period; the process exits when they all have. A copy that
 * stops on its own (a crash on one request, the kernel's OOM killer) is replaced alone, while the
 * others keep serving; past `SIGNING_MAX_RESTARTS` within `SIGNING_RESTART_WINDOW_MS` it takes the
 * others down instead and this process exits with its code, so the supervisor (compose,
 * `npm start`) sees a service that cannot stay up.
 */
export function runProcessPerCore(name: string, start: () => void, argv: string[] = process.argv): void {
  if (cluster.isWorker) {
    followPrimary();
    start();
    return;
  }
  const config = configOrExit(() => loadProcessesConfig());
  const restarts = configOrExit(() => loadRestartPolicy());
  const role = parseRole(argv);
  // One process, or a usage error that the service itself reports.
  if (config.SIGNING_PROCESSES === 1 || !role) {
    start();
    return;
  }
  const logger = createLogger({ service: name, role, supervisor: true }, config.LOG_LEVEL);
  supervise(config.SIGNING_PROCESSES, config.SHUTDOWN_GRACE_MS, restarts, logger);
}

const SHUTDOWN = 'vanthu:shutdown';
interface ShutdownMessage {
  type: typeof SHUTDOWN;
  signal: NodeJS.Signals;
}
const isShutdown = (message: unknown): message is ShutdownMessage => (message as ShutdownMessage | null)?.type === SHUTDOWN;

/** After this, a copy still running is killed; each copy exits by itself after its grace period. */
const KILL_MARGIN_MS = 3_000;
/** Long enough for a signal already delivered to this process to reach its handler first. */
const SIGNAL_SETTLE_MS = 100;

function supervise(count: number, graceMs: number, policy: RestartPolicy, logger: Logger): void {
  const alive = new Set<Worker>();
  // Each copy has a slot (0..count-1) that its replacement takes over: its own metrics port, and
  // its share of the service's metrics, which this process combines for whichever copy is scraped.
  const slots = new Map<Worker, number>();
  const fork = (slot: number) => {
    const worker = cluster.fork(clusterCopyEnv(slot));
    slots.set(worker, slot);
    return worker;
  };
  serveClusterMetrics(logger);
  const budget = new RestartBudget(policy);
  let stopping = false;
  let signalled = false;
  let exitCode = 0;

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of alive) {
      if (worker.isConnected()) worker.send({ type: SHUTDOWN, signal: 'SIGTERM' } satisfies ShutdownMessage);
      else worker.process.kill('SIGTERM');
    }
    setTimeout(() => {
      for (const worker of alive) worker.process.kill('SIGKILL');
    }, graceMs + KILL_MARGIN_MS).unref();
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      // A second signal means "now", as it does for a single process (close-with-grace).
      logger.error({ signal }, 'second signal, killing the signing processes');
      for (const worker of alive) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    signalled = true;
    logger.info({ signal, processes: alive.size }, 'stopping the signing processes');
    stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    const slot = slots.get(worker) ?? 0;
    slots.delete(worker);
    if (!stopping && budget.tryTake()) {
      const replacement = fork(slot);
      alive.add(replacement);
      logger.error({ pid: worker.process.pid, code, signal, replacement: replacement.process.pid }, 'a signing process stopped on its own; started a replacement');
      return;
    }
    if (!stopping) {
      logger.fatal(
        { pid: worker.process.pid, code, signal, maxRestarts: policy.SIGNING_MAX_RESTARTS, windowMs: policy.SIGNING_RESTART_WINDOW_MS },
        'a signing process stopped on its own, too often to replace; stopping the others',
      );
      exitCode = code || 1;
      stop();
    } else if (code && !exitCode) {
      exitCode = code;
    }
    if (alive.size === 0) process.exit(exitCode);
  });

  for (let slot = 0; slot < count; slot += 1) alive.add(fork(slot));
  logger.info({ processes: count }, 'signing processes started');
}

/**
 * In a copy: stop when the supervisor says so. `npm start` signals the whole process group, so a
 * copy may get the signal itself as well as the message, and a second signal would make it exit
 * at once (close-with-grace) instead of finishing its work: only signal ourselves if no signal
 * came, after giving one that is already on its way the time to arrive.
 */
function followPrimary(): void {
  let signalled = false;
  const note = () => {
    signalled = true;
  };
  process.on('SIGTERM', note);
  process.on('SIGINT', note);
  process.on('message', (message: unknown) => {
    if (!isShutdown(message)) return;
    setTimeout(() => {
      if (!signalled) process.kill(process.pid, message.signal);
    }, SIGNAL_SETTLE_MS);
  });
}

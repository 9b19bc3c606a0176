import { issueServiceToken } from '../auth/service-tokens';
import { TOKEN_AUDIENCES } from '../auth/tokens';
import { SERVICE_NAMES, SERVICE_ROLES, SERVICES, type ServiceName, type ServiceRole } from '../contracts/services';
import { METRIC_PREFIX } from './process-metrics';
import { parsePrometheusText, seriesOf, sumOf, type MetricFamilies } from './prometheus-text';

/*
 * The operations centre's view of the platform, from what every process says about itself: its
 * readiness (/health/ready) and its metrics (/metrics). A process that does not answer is reported
 * down, never thrown; rates need two scrapes, so PlatformHealthReader keeps the previous one.
 */

/** One process to scrape: a service's API or its worker, at a base URL. */
export interface ProcessTarget {
  service: ServiceName;
  role: ServiceRole;
  url: string;
}

/** Every process of the platform at its default ports (plus an offset: the test stack's is 1000). */
export function platformTargets(options: { host?: string; portOffset?: number } = {}): ProcessTarget[] {
  const host = options.host ?? '127.0.0.1';
  return SERVICE_NAMES.flatMap((service) =>
    SERVICE_ROLES.map((role) => {
      const port = (role === 'api' ? SERVICES[service].apiPort : SERVICES[service].workerHealthPort) + (options.portOffset ?? 0);
      return { service, role, url: `http://${host}:${port}` };
    }),
  );
}

/**
 * Service tokens of the `console` identity, one per service's audience, minted again a minute
 * before they expire. Both processes of a service accept their service's audience.
 */
export function consoleTokens(secret: string, ttlSeconds = 300): (target: ProcessTarget) => string {
  const minted = new Map<string, { token: string; renewAt: number }>();
  return (target) => {
    const audience = TOKEN_AUDIENCES[target.service];
    const cached = minted.get(audience);
    if (cached && Date.now() < cached.renewAt) return cached.token;
    const token = issueServiceToken(secret, 'console', audience, ttlSeconds);
    minted.set(audience, { token, renewAt: Date.now() + Math.max(ttlSeconds - 60, ttlSeconds / 2) * 1000 });
    return token;
  };
}

export interface ReadOptions {
  /** The bearer token for a process's /metrics: a service token for its service's audience (`consoleTokens`). */
  tokenFor: (target: ProcessTarget) => string;
  /** Each request's bound; a process slower than this is reported as not answering. Default 3 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface FailingCheck {
  name: string;
  error?: string;
}

/** What one scrape of one process returned, before any figure is derived from it. */
export interface ProcessScrape {
  target: ProcessTarget;
  /** Milliseconds since the epoch, when the scrape began. */
  at: number;
  readiness:
    | { answered: true; ready: boolean; status: string; failingChecks: FailingCheck[] }
    | { answered: false; error: string };
  metrics: { ok: true; families: MetricFamilies } | { ok: false; error: string };
}

export interface ConsumerGroupLag {
  group: string;
  topic: string;
  lag: number;
}

export interface TaskQueueBacklog {
  taskQueue: string;
  /** `workflow` or `activity` tasks. */
  type: string;
  backlog: number;
  oldestAgeSeconds?: number;
}

export interface ProcessHealth {
  service: ServiceName;
  role: ServiceRole;
  url: string;
  /** Answered either endpoint at all. */
  up: boolean;
  /** Answered /health/ready with 200. */
  ready: boolean;
  /** `ready`, `draining`, `unavailable` (a dependency fails), or `unreachable`. */
  status: string;
  failingChecks: FailingCheck[];
  /** Why the process, or its metrics, could not be read. */
  error?: string;
  metricsError?: string;
  /** Outbox records not yet published; absent when unknown. */
  outboxBacklog?: number;
  consumerLag: ConsumerGroupLag[];
  /** A worker's own task queue, per task type. */
  taskQueues: TaskQueueBacklog[];
  /** Requests answered since the process started, the platform's own (health, metrics) left out. */
  requests?: number;
  serverErrors?: number;
  /** Requests per second since the previous read; absent on the first. */
  requestRate?: number;
  /** The share of those that were 5xx (0..1); absent on the first read or with no requests. */
  errorRate?: number;
  residentMemoryBytes?: number;
  eventLoopLagP99Seconds?: number;
  startedAt?: string;
  /** Figures the process could not read from its dependencies this time (`vanthu_metrics_source_up` 0). */
  unavailableSources: string[];
  scrapedAt: string;
}

export interface PlatformHealth {
  scrapedAt: string;
  processes: ProcessHealth[];
}

const DEFAULT_TIMEOUT_MS = 3_000;
/** The platform's own traffic: probes and scrapes are not the users' requests. */
const OWN_ROUTES = new Set(['/metrics', '/health/live', '/health/ready']);

const message = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error));

/** Both endpoints of one process, in parallel, each bounded; never throws. */
export async function scrapeProcess(target: ProcessTarget, options: ReadOptions): Promise<ProcessScrape> {
  const get = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const at = (options.now ?? Date.now)();
  const [readiness, metrics] = await Promise.all([
    (async (): Promise<ProcessScrape['readiness']> => {
      try {
        const res = await get(`${target.url}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
        const body = (await res.json()) as { status?: string; checks?: Array<{ name: string; ok: boolean; error?: string }> };
        const failingChecks = (body.checks ?? []).filter((c) => !c.ok).map((c) => ({ name: c.name, ...(c.error !== undefined && { error: c.error }) }));
        return { answered: true, ready: res.status === 200, status: body.status ?? (res.ok ? 'ready' : 'unavailable'), failingChecks };
      } catch (error) {
        return { answered: false, error: message(error) };
      }
    })(),
    (async (): Promise<ProcessScrape['metrics']> => {
      try {
        const res = await get(`${target.url}/metrics`, {
          headers: { authorization: `Bearer ${options.tokenFor(target)}` },
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        if (!res.ok) return { ok: false, error: `/metrics answered ${res.status}` };
        return { ok: true, families: parsePrometheusText(text) };
      } catch (error) {
        return { ok: false, error: message(error) };
      }
    })(),
  ]);
  return { target, at, readiness, metrics };
}

const metric = (name: string) => `${METRIC_PREFIX}${name}`;

/** The figures of one scrape, and the rates since the previous scrape of the same process when given. */
export function summarise(scrape: ProcessScrape, previous?: ProcessScrape): ProcessHealth {
  const { target, readiness } = scrape;
  const health: ProcessHealth = {
    service: target.service,
    role: target.role,
    url: target.url,
    up: readiness.answered || scrape.metrics.ok,
    ready: readiness.answered && readiness.ready,
    status: readiness.answered ? readiness.status : 'unreachable',
    failingChecks: readiness.answered ? readiness.failingChecks : [],
    consumerLag: [],
    taskQueues: [],
    unavailableSources: [],
    scrapedAt: new Date(scrape.at).toISOString(),
  };
  if (!readiness.answered) health.error = readiness.error;
  if (!scrape.metrics.ok) {
    health.metricsError = scrape.metrics.error;
    return health;
  }
  const families = scrape.metrics.families;
  const down = new Set(seriesOf(families, metric('metrics_source_up'), () => true).filter((s) => s.value === 0).map((s) => s.labels.source ?? ''));
  health.unavailableSources = [...down].sort();

  if (families.has(metric('outbox_backlog')) && !down.has('outbox')) health.outboxBacklog = sumOf(families, metric('outbox_backlog'));
  health.consumerLag = seriesOf(families, metric('kafka_consumer_lag')).map((s) => ({ group: s.labels.group ?? '', topic: s.labels.topic ?? '', lag: s.value }));
  const ages = seriesOf(families, metric('temporal_task_queue_backlog_age_seconds'));
  health.taskQueues = seriesOf(families, metric('temporal_task_queue_backlog')).map((s) => {
    const age = ages.find((a) => a.labels.task_queue === s.labels.task_queue && a.labels.type === s.labels.type);
    return { taskQueue: s.labels.task_queue ?? '', type: s.labels.type ?? '', backlog: s.value, ...(age && { oldestAgeSeconds: age.value }) };
  });

  const counts = requestCounts(families);
  if (counts) {
    health.requests = counts.requests;
    health.serverErrors = counts.serverErrors;
    const before = previous?.metrics.ok ? previous.metrics.families : undefined;
    const seconds = previous ? (scrape.at - previous.at) / 1000 : 0;
    if (before && seconds > 0) {
      const was = requestCounts(before) ?? { requests: 0, serverErrors: 0 };
      // Another start time, or a counter that went back, means a new process: all it counted is new.
      const restarted = startTime(families) !== startTime(before) || counts.requests < was.requests;
      const requests = restarted ? counts.requests : counts.requests - was.requests;
      const errors = restarted ? counts.serverErrors : counts.serverErrors - was.serverErrors;
      health.requestRate = requests / seconds;
      if (requests > 0) health.errorRate = errors / requests;
    }
  }
  const memory = sumOf(families, metric('process_resident_memory_bytes'));
  if (memory !== undefined) health.residentMemoryBytes = memory;
  const lag = sumOf(families, metric('nodejs_eventloop_lag_p99_seconds'));
  if (lag !== undefined && Number.isFinite(lag)) health.eventLoopLagP99Seconds = lag;
  const started = startTime(families);
  if (started !== undefined) health.startedAt = new Date(started * 1000).toISOString();
  return health;
}

function requestCounts(families: MetricFamilies): { requests: number; serverErrors: number } | undefined {
  const name = metric('http_requests_total');
  if (!families.has(name)) return undefined;
  const users = (labels: Record<string, string>) => !OWN_ROUTES.has(labels.route ?? '');
  return {
    requests: sumOf(families, name, users) ?? 0,
    serverErrors: sumOf(families, name, (labels) => users(labels) && labels.status_class === '5xx') ?? 0,
  };
}

const startTime = (families: MetricFamilies) => sumOf(families, metric('process_start_time_seconds'));

/** Every process once, in parallel: readiness and figures, without rates (those need PlatformHealthReader). */
export async function readPlatformHealth(targets: readonly ProcessTarget[], options: ReadOptions): Promise<PlatformHealth> {
  const scrapedAt = new Date((options.now ?? Date.now)()).toISOString();
  const scrapes = await Promise.all(targets.map((target) => scrapeProcess(target, options)));
  return { scrapedAt, processes: scrapes.map((scrape) => summarise(scrape)) };
}

/**
 * Reads the platform again and again (the console's server, every few seconds), keeping each
 * process's previous scrape so request and error rates cover the interval between two reads.
 */
export class PlatformHealthReader {
  private readonly previous = new Map<string, ProcessScrape>();

  constructor(
    private readonly targets: readonly ProcessTarget[],
    private readonly options: ReadOptions,
  ) {}

  async read(): Promise<PlatformHealth> {
    const scrapedAt = new Date((this.options.now ?? Date.now)()).toISOString();
    const scrapes = await Promise.all(this.targets.map((target) => scrapeProcess(target, this.options)));
    const processes = scrapes.map((scrape) => {
      const key = `${scrape.target.service}/${scrape.target.role}`;
      const health = summarise(scrape, this.previous.get(key));
      // A scrape without figures keeps the last one that had them, so the next rate spans the gap.
      if (scrape.metrics.ok) this.previous.set(key, scrape);
      return health;
    });
    return { scrapedAt, processes };
  }
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Aggregator, type LabelValues } from 'prom-client';
import { Sampled, type SampledOptions } from './sampled';

/** Every metric of ours starts with this, Node's default ones included; the Temporal SDK's start with `temporal_`. */
export const METRIC_PREFIX = 'vanthu_';

/** Labels on every series a process exposes: which service, which of its two processes. */
export interface ProcessLabels {
  service: string;
  role: string;
}

export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

export interface GaugeSpec<T> {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** How copies of one process (node:cluster) combine: they read the same dependency, so by default the largest. */
  aggregator?: Aggregator;
  samples: (value: T) => GaugeSample[];
}

export interface SampledSourceSpec<T> {
  /** Names the source in `vanthu_metrics_source_up`, so "unknown" is told apart from zero. */
  source: string;
  read: () => Promise<T>;
  sampling?: Partial<SampledOptions>;
  gauges: GaugeSpec<T>[];
}

/** Exposition text another exporter in this process serves (the Temporal SDK's), appended to ours. */
export type TextSource = () => Promise<string>;

const DEFAULT_SAMPLING: SampledOptions = { ttlMs: 5_000, timeoutMs: 2_000 };

/** Seconds; requests are mostly milliseconds, the slow tail (uploads, signing) seconds. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Seconds; activities run from milliseconds (a projection write) to minutes (a PDF conversion, an export). */
const ACTIVITY_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

/**
 * The metrics of one process, in a registry of its own (not prom-client's global one, which
 * libraries may write to). One per process: `processMetrics()`.
 */
export class ProcessMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'route' | 'method' | 'status' | 'status_class'>;
  readonly httpRequests: Counter<'route' | 'method' | 'status' | 'status_class'>;
  readonly activityDuration: Histogram<'activity_type' | 'outcome'>;
  private readonly sourceUp: Gauge<'source'>;
  private readonly samplers = new Map<string, Sampled<unknown>>();
  private readonly texts = new Map<string, TextSource>();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: METRIC_PREFIX });
    const httpLabels = ['route', 'method', 'status', 'status_class'] as const;
    this.httpDuration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Time from a request arriving to its response finishing, by route template (the pattern, not the URL).',
      labelNames: httpLabels,
      buckets: HTTP_BUCKETS,
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'Requests answered, by route template, method and status.',
      labelNames: httpLabels,
      registers: [this.registry],
    });
    this.activityDuration = new Histogram({
      name: `${METRIC_PREFIX}activity_duration_seconds`,
      help: 'Time a Temporal activity ran in this worker, by activity type and outcome (completed, failed, cancelled, async).',
      labelNames: ['activity_type', 'outcome'],
      buckets: ACTIVITY_BUCKETS,
      registers: [this.registry],
    });
    const samplers = this.samplers;
    this.sourceUp = new Gauge({
      name: `${METRIC_PREFIX}metrics_source_up`,
      help: 'Whether a figure read from a dependency on scrape (outbox, Kafka lag, task queues, the Temporal SDK) could be read this time: 1 yes, 0 no.',
      labelNames: ['source'],
      aggregator: 'min',
      registers: [this.registry],
      // Sampled sources answer from their cache, so asking them again here costs nothing.
      async collect() {
        await Promise.all(
          [...samplers].map(async ([source, sampled]) => {
            this.set({ source }, (await sampled.get()).ok ? 1 : 0);
          }),
        );
      },
    });
  }

  /** The labels every series carries; set once the process knows what it is. */
  label(labels: ProcessLabels): void {
    this.registry.setDefaultLabels({ ...labels });
  }

  /**
   * Gauges read from a dependency on scrape, one read for all of them, cached and bounded
   * (sampled.ts). A source registered twice keeps the first: a process has one of each.
   */
  sampledSource<T>(spec: SampledSourceSpec<T>): void {
    if (this.samplers.has(spec.source)) return;
    const sampled = new Sampled(spec.read, { ...DEFAULT_SAMPLING, ...spec.sampling });
    this.samplers.set(spec.source, sampled);
    for (const gauge of spec.gauges) {
      new Gauge({
        name: gauge.name,
        help: gauge.help,
        labelNames: gauge.labelNames,
        aggregator: gauge.aggregator ?? 'max',
        registers: [this.registry],
        async collect() {
          const sample = await sampled.get();
          // An unreadable figure is absent, not zero; vanthu_metrics_source_up says why.
          this.reset();
          if (sample.ok) for (const { labels, value } of gauge.samples(sample.value)) this.set(labels as LabelValues<string>, value);
        },
      });
    }
  }

  /** Another exporter's text to append to every scrape; its failure shows in `vanthu_metrics_source_up`. */
  appendText(source: string, read: TextSource): void {
    this.texts.set(source, read);
  }

  /** The appended texts, each source's up-state recorded first so the registry's output includes it. */
  async appendedTexts(): Promise<string[]> {
    const texts = await Promise.all(
      [...this.texts].map(async ([source, read]) => {
        try {
          const text = await read();
          this.sourceUp.set({ source }, 1);
          return text;
        } catch {
          this.sourceUp.set({ source }, 0);
          return '';
        }
      }),
    );
    return texts.filter((text) => text !== '');
  }

  /** This process's scrape: our registry, then the appended exporters' texts. */
  async exposition(): Promise<string> {
    const appended = await this.appendedTexts();
    return [await this.registry.metrics(), ...appended].map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('');
  }
}

let instance: ProcessMetrics | undefined;

/** The process's metrics, created on first use. */
export function processMetrics(): ProcessMetrics {
  instance ??= new ProcessMetrics();
  return instance;
}

import {
  mergeExpositions,
  parsePrometheusText,
  PlatformHealthReader,
  platformTargets,
  Sampled,
  SERVICES,
  SERVICE_NAMES,
  sumOf,
  summarise,
  temporalMetricsPort,
  type ProcessScrape,
  type ProcessTarget,
} from '../../src';

/** What an intake worker's /metrics says, trimmed to the families the reader uses (and one it must skip). */
const scrapeText = (requests: { ok: number; fail: number; probes: number }, options: { started?: number; outboxUp?: boolean } = {}) => `# HELP vanthu_http_requests_total Requests answered, by route template, method and status.
# TYPE vanthu_http_requests_total counter
vanthu_http_requests_total{route="/v1/documents/:id",method="GET",status="200",status_class="2xx",service="intake",role="api"} ${requests.ok}
vanthu_http_requests_total{route="/v1/documents",method="POST",status="503",status_class="5xx",service="intake",role="api"} ${requests.fail}
vanthu_http_requests_total{route="/health/ready",method="GET",status="200",status_class="2xx",service="intake",role="api"} ${requests.probes}
vanthu_http_requests_total{route="/metrics",method="GET",status="500",status_class="5xx",service="intake",role="api"} 2

# HELP vanthu_http_request_duration_seconds Time from a request arriving to its response finishing.
# TYPE vanthu_http_request_duration_seconds histogram
vanthu_http_request_duration_seconds_bucket{le="0.005",route="/v1/documents/:id",method="GET",status="200",status_class="2xx"} 3
vanthu_http_request_duration_seconds_bucket{le="+Inf",route="/v1/documents/:id",method="GET",status="200",status_class="2xx"} 4
vanthu_http_request_duration_seconds_sum{route="/v1/documents/:id",method="GET",status="200",status_class="2xx"} 0.021
vanthu_http_request_duration_seconds_count{route="/v1/documents/:id",method="GET",status="200",status_class="2xx"} 4

# HELP vanthu_outbox_backlog Events written to the outbox and not yet published to Kafka.
# TYPE vanthu_outbox_backlog gauge
vanthu_outbox_backlog{service="intake",role="api"} ${options.outboxUp === false ? 0 : 17}

# HELP vanthu_kafka_consumer_lag Messages on a topic past a consumer group's committed offsets.
# TYPE vanthu_kafka_consumer_lag gauge
vanthu_kafka_consumer_lag{group="vanthu-intake-signing-events",topic="vanthu.signing.events.v1",service="intake",role="api"} 5
vanthu_kafka_consumer_lag{group="vanthu-intake-archive-events",topic="vanthu.archive.events.v1",service="intake",role="api"} 0

# HELP vanthu_temporal_task_queue_backlog Tasks waiting.
# TYPE vanthu_temporal_task_queue_backlog gauge
vanthu_temporal_task_queue_backlog{task_queue="intake",type="workflow"} 2
vanthu_temporal_task_queue_backlog{task_queue="intake",type="activity"} 9

# HELP vanthu_temporal_task_queue_backlog_age_seconds Oldest task's wait.
# TYPE vanthu_temporal_task_queue_backlog_age_seconds gauge
vanthu_temporal_task_queue_backlog_age_seconds{task_queue="intake",type="workflow"} 0.5
vanthu_temporal_task_queue_backlog_age_seconds{task_queue="intake",type="activity"} 12.25

# HELP vanthu_metrics_source_up Whether a figure read from a dependency could be read.
# TYPE vanthu_metrics_source_up gauge
vanthu_metrics_source_up{source="outbox"} ${options.outboxUp === false ? 0 : 1}
vanthu_metrics_source_up{source="kafka_lag"} 1
vanthu_metrics_source_up{source="temporal_sdk"} 1

# HELP vanthu_process_start_time_seconds Start time of the process since unix epoch in seconds.
# TYPE vanthu_process_start_time_seconds gauge
vanthu_process_start_time_seconds{service="intake",role="api"} ${options.started ?? 1767225600}

# HELP vanthu_process_resident_memory_bytes Resident memory size in bytes.
# TYPE vanthu_process_resident_memory_bytes gauge
vanthu_process_resident_memory_bytes{service="intake",role="api"} 123904000

# HELP vanthu_nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.
# TYPE vanthu_nodejs_eventloop_lag_p99_seconds gauge
vanthu_nodejs_eventloop_lag_p99_seconds{service="intake",role="api"} NaN

# HELP temporal_request Temporal requests.
# TYPE temporal_request counter
temporal_request{operation="PollActivityTaskQueue",service_name="temporal-core-sdk",note="a \\"quoted\\" value"} 41
`;

const target: ProcessTarget = { service: 'intake', role: 'api', url: 'http://127.0.0.1:3001' };
const readyBody = { status: 'ready', service: 'intake', checks: [{ name: 'mongodb', ok: true, latencyMs: 2 }] };

const scrapeAt = (at: number, text: string): ProcessScrape => ({
  target,
  at,
  readiness: { answered: true, ready: true, status: 'ready', failingChecks: [] },
  metrics: { ok: true, families: parsePrometheusText(text) },
});

describe('parsing the Prometheus text format', () => {
  it('reads counters and gauges with their labels, escapes and special values', () => {
    const families = parsePrometheusText(scrapeText({ ok: 10, fail: 1, probes: 50 }));
    expect(families.get('vanthu_kafka_consumer_lag')?.series).toEqual([
      { labels: { group: 'vanthu-intake-signing-events', topic: 'vanthu.signing.events.v1', service: 'intake', role: 'api' }, value: 5 },
      { labels: { group: 'vanthu-intake-archive-events', topic: 'vanthu.archive.events.v1', service: 'intake', role: 'api' }, value: 0 },
    ]);
    expect(families.get('temporal_request')?.series[0]?.labels.note).toBe('a "quoted" value');
    expect(families.get('vanthu_nodejs_eventloop_lag_p99_seconds')?.series[0]?.value).toBeNaN();
    expect(sumOf(families, 'vanthu_http_requests_total', (l) => l.status_class === '5xx')).toBe(3);
    // Unknown is not zero.
    expect(sumOf(families, 'vanthu_no_such_metric')).toBeUndefined();
    // Histograms are not read (the parser merges their labelled series).
    expect(families.has('vanthu_http_request_duration_seconds')).toBe(false);
  });

  it('refuses text that is not the format', () => {
    expect(() => parsePrometheusText('# TYPE broken counter with words\n')).toThrow();
  });
});

describe('a process summarised from its scrapes', () => {
  it('gives the backlogs, lags and queue depths, and no rates from one scrape', () => {
    const health = summarise(scrapeAt(Date.parse('2026-01-01T00:00:10Z'), scrapeText({ ok: 10, fail: 1, probes: 50 })));
    expect(health).toMatchObject({
      service: 'intake',
      role: 'api',
      up: true,
      ready: true,
      status: 'ready',
      outboxBacklog: 17,
      consumerLag: [
        { group: 'vanthu-intake-signing-events', topic: 'vanthu.signing.events.v1', lag: 5 },
        { group: 'vanthu-intake-archive-events', topic: 'vanthu.archive.events.v1', lag: 0 },
      ],
      taskQueues: [
        { taskQueue: 'intake', type: 'workflow', backlog: 2, oldestAgeSeconds: 0.5 },
        { taskQueue: 'intake', type: 'activity', backlog: 9, oldestAgeSeconds: 12.25 },
      ],
      // Probes and scrapes are the platform's own traffic, not requests.
      requests: 11,
      serverErrors: 1,
      residentMemoryBytes: 123904000,
      startedAt: '2026-01-01T00:00:00.000Z',
      unavailableSources: [],
      scrapedAt: '2026-01-01T00:00:10.000Z',
    });
    expect(health.requestRate).toBeUndefined();
    expect(health.errorRate).toBeUndefined();
    expect(health.eventLoopLagP99Seconds).toBeUndefined();
  });

  it('computes request and error rates over the interval between two scrapes', () => {
    const first = scrapeAt(1_000_000, scrapeText({ ok: 10, fail: 1, probes: 50 }));
    const second = scrapeAt(1_010_000, scrapeText({ ok: 46, fail: 5, probes: 60 }));
    const health = summarise(second, first);
    // 40 requests in 10 s, 4 of them 5xx; the 10 probes are not counted.
    expect(health.requestRate).toBeCloseTo(4);
    expect(health.errorRate).toBeCloseTo(0.1);
  });

  it('counts from zero again after a restart, and gives no error rate for an idle interval', () => {
    const before = scrapeAt(1_000_000, scrapeText({ ok: 500, fail: 20, probes: 50 }));
    const restarted = scrapeAt(1_005_000, scrapeText({ ok: 9, fail: 1, probes: 1 }, { started: 1767229999 }));
    expect(summarise(restarted, before)).toMatchObject({ requestRate: 2, errorRate: 0.1 });
    const idle = summarise(scrapeAt(1_010_000, scrapeText({ ok: 9, fail: 1, probes: 5 }, { started: 1767229999 })), restarted);
    expect(idle.requestRate).toBe(0);
    expect(idle.errorRate).toBeUndefined();
  });

  it('says a figure is unknown when the process could not read it, rather than zero', () => {
    const health = summarise(scrapeAt(1_000_000, scrapeText({ ok: 1, fail: 0, probes: 0 }, { outboxUp: false })));
    expect(health.outboxBacklog).toBeUndefined();
    expect(health.unavailableSources).toEqual(['outbox']);
  });
});

describe('reading the platform', () => {
  const response = (status: number, body: string, type = 'text/plain') => new Response(body, { status, headers: { 'content-type': type } });

  it('reports a process that does not answer as down, one that is not ready with its failing checks, and never throws', async () => {
    let requests = 10;
    const fetchStub = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (url.startsWith('http://127.0.0.1:3101')) throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:3101') });
      if (url.endsWith('/health/ready')) {
        if (url.startsWith('http://127.0.0.1:3002')) {
          return response(503, JSON.stringify({ status: 'unavailable', checks: [{ name: 'kafka', ok: false, error: 'kafka did not answer within 3000 ms' }] }), 'application/json');
        }
        return response(200, JSON.stringify(readyBody), 'application/json');
      }
      expect(new Headers(init?.headers).get('authorization')).toMatch(/^Bearer token-for-/);
      if (url.startsWith('http://127.0.0.1:3003')) return response(403, '{}', 'application/problem+json');
      requests += 20;
      return response(200, scrapeText({ ok: requests, fail: 0, probes: 0 }));
    }) as typeof fetch;
    let now = 1_000_000;
    const targets = platformTargets().filter((t) => ['intake', 'signing', 'notify'].includes(t.service));
    const reader = new PlatformHealthReader(targets, { tokenFor: (t) => `token-for-${t.service}`, fetch: fetchStub, now: () => now });
    await reader.read();
    now += 5_000;
    const health = await reader.read();
    const by = (service: string, role: string) => health.processes.find((p) => p.service === service && p.role === role)!;
    expect(health.processes).toHaveLength(6);
    expect(by('intake', 'worker')).toMatchObject({ up: false, ready: false, status: 'unreachable', error: 'fetch failed: connect ECONNREFUSED 127.0.0.1:3101' });
    expect(by('signing', 'api')).toMatchObject({ up: true, ready: false, status: 'unavailable', failingChecks: [{ name: 'kafka', error: 'kafka did not answer within 3000 ms' }] });
    expect(by('notify', 'api')).toMatchObject({ up: true, ready: true, metricsError: '/metrics answered 403' });
    // Each process's rate comes from its own previous scrape: 4 × 20 requests in between, over 5 s.
    expect(by('intake', 'api').requestRate).toBeCloseTo(16);
  });

  it('knows every process of the platform, at the test stack offset too', () => {
    const targets = platformTargets({ portOffset: 1000 });
    expect(targets).toHaveLength(SERVICE_NAMES.length * 2);
    expect(targets).toContainEqual({ service: 'tracking', role: 'worker', url: `http://127.0.0.1:${SERVICES.tracking.workerHealthPort + 1000}` });
  });
});

describe('the Temporal SDK exporter ports', () => {
  it('are distinct for the five workers, and from every service port, on the dev and the test stack', () => {
    const servicePorts = [0, 1000].flatMap((offset) => SERVICE_NAMES.flatMap((s) => [SERVICES[s].apiPort, SERVICES[s].workerHealthPort].map((p) => p + offset)));
    // Up to eight copies of a clustered worker (signing's process per core).
    const sdkPorts = [0, 1000].flatMap((offset) => SERVICE_NAMES.flatMap((s) => [0, 1, 2, 7].map((slot) => temporalMetricsPort({ PORT: SERVICES[s].workerHealthPort + offset }, slot))));
    expect(new Set(sdkPorts).size).toBe(sdkPorts.length);
    expect(sdkPorts.filter((p) => servicePorts.includes(p))).toEqual([]);
    expect(temporalMetricsPort({ PORT: 3101 }, 0)).toBe(3201);
    expect(temporalMetricsPort({ PORT: 3101, TEMPORAL_METRICS_PORT: 9464 }, 1)).toBe(9474);
  });
});

describe('joining exporters’ texts', () => {
  it('keeps each family once, with its HELP and TYPE once, and every series of each text', () => {
    const copy = (slot: number) => `# HELP temporal_request Temporal requests.
# TYPE temporal_request counter
temporal_request{slot="${slot}"} ${slot + 1}
# HELP temporal_activity_execution_latency Activity latency.
# TYPE temporal_activity_execution_latency histogram
temporal_activity_execution_latency_bucket{slot="${slot}",le="1"} 1
temporal_activity_execution_latency_bucket{slot="${slot}",le="+Inf"} 1
temporal_activity_execution_latency_sum{slot="${slot}"} 0.5
temporal_activity_execution_latency_count{slot="${slot}"} 1
`;
    const merged = mergeExpositions(['# HELP vanthu_up Ours.\n# TYPE vanthu_up gauge\nvanthu_up 1\n', copy(0), copy(1)]);
    expect(merged.split('\n').filter((l) => l.startsWith('# TYPE'))).toEqual([
      '# TYPE vanthu_up gauge',
      '# TYPE temporal_request counter',
      '# TYPE temporal_activity_execution_latency histogram',
    ]);
    expect(merged).toContain('temporal_request{slot="0"} 1\ntemporal_request{slot="1"} 2\n');
    expect(merged).toContain('temporal_activity_execution_latency_count{slot="0"} 1\ntemporal_activity_execution_latency_bucket{slot="1",le="1"} 1');
    expect(parsePrometheusText(merged).get('temporal_request')?.series).toHaveLength(2);
  });
});

describe('a figure sampled on scrape', () => {
  it('reads once per period however often it is asked, and answers in time when the dependency hangs', async () => {
    let now = 0;
    let reads = 0;
    let hang = false;
    const sampled = new Sampled(
      () => {
        reads += 1;
        return hang ? new Promise<number>(() => undefined) : Promise.resolve(reads);
      },
      { ttlMs: 5_000, timeoutMs: 50 },
      () => now,
    );
    expect(await Promise.all([sampled.get(), sampled.get(), sampled.get()])).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 1 },
      { ok: true, value: 1 },
    ]);
    now = 4_999;
    expect(await sampled.get()).toEqual({ ok: true, value: 1 });
    expect(reads).toBe(1);
    now = 5_000;
    hang = true;
    expect(await sampled.get()).toEqual({ ok: false, error: 'no answer within 50 ms' });
    // The hanging read is not started again while it is still on its way.
    expect(await sampled.get()).toEqual({ ok: false, error: 'no answer within 50 ms' });
    expect(reads).toBe(2);
  });
});

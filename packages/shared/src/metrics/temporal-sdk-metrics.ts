import { processSlot } from './cluster-metrics';

/**
 * The Temporal SDK's core exports its own metrics (polls, task slots, schedule-to-start and
 * execution latencies: `temporal_*`) over HTTP on a port of its own. It listens on loopback only,
 * unauthenticated: the worker's /metrics fetches it and appends it, behind the same policy as the
 * rest, so one scrape gives everything.
 */

/** Above the worker's health port: 3201..3205 for the five workers, 4201..4205 on the test stack (ports + 1000). */
export const TEMPORAL_METRICS_PORT_OFFSET = 100;
/** Each further copy of a clustered worker (signing) listens this much further on. */
export const TEMPORAL_METRICS_SLOT_STEP = 10;

/** The port of this worker process's SDK exporter: TEMPORAL_METRICS_PORT, or its health port + 100; then its copy's slot. */
export function temporalMetricsPort(config: { PORT: number; TEMPORAL_METRICS_PORT?: number | undefined }, slot: number = processSlot() ?? 0): number {
  return (config.TEMPORAL_METRICS_PORT ?? config.PORT + TEMPORAL_METRICS_PORT_OFFSET) + TEMPORAL_METRICS_SLOT_STEP * slot;
}

/**
 * The exporter of a service's worker: its port, and labels like ours on its series (the copy's
 * slot too, so that the series of a clustered worker's copies stay apart when joined).
 */
export function workerSdkMetrics(service: string, config: { PORT: number; TEMPORAL_METRICS_PORT?: number | undefined }): { port: number; tags: Record<string, string> } {
  const slot = processSlot();
  return {
    port: temporalMetricsPort(config, slot ?? 0),
    tags: { service, role: 'worker', ...(slot !== undefined && { slot: String(slot) }) },
  };
}

const FETCH_TIMEOUT_MS = 2_000;

/** The SDK exporter's text, or an error within two seconds. */
export async function fetchTemporalSdkMetrics(port: number, timeoutMs = FETCH_TIMEOUT_MS): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`the Temporal SDK's exporter answered ${res.status}`);
  return res.text();
}

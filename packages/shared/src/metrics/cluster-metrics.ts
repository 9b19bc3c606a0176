import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import type { Logger } from '../logging/logger';
import { mergeExpositions } from './merge-expositions';
import type { ProcessMetrics } from './process-metrics';

/*
 * A service that runs as several copies of one process (node:cluster: signing) shares one port
 * among them, so a scrape reaches whichever copy the cluster hands it to. Its counters must still
 * be the service's, or every rate computed from two scrapes would compare two different copies:
 * the copy that is asked hands the scrape to the primary, which collects every copy's registry and
 * appended texts, sums them (prom-client's aggregation, per metric's `aggregator`) and answers.
 */

const SLOT_ENV = 'VANTHU_PROCESS_SLOT';
const COLLECT = 'vanthu:metrics-collect';
const PART = 'vanthu:metrics-part';
const SCRAPE = 'vanthu:metrics-scrape';
const RESULT = 'vanthu:metrics-result';

/** How long the primary waits for its copies, and a copy for the primary. */
const COLLECT_TIMEOUT_MS = 3_000;
const SCRAPE_TIMEOUT_MS = 5_000;

type Json = MetricObjectWithValues<MetricValue<string>>[];
interface Part {
  type: typeof PART;
  id: string;
  metrics: Json;
  texts: string[];
}
interface Result {
  type: typeof RESULT;
  id: string;
  text?: string;
  error?: string;
}

const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

/** The environment a primary forks a copy with: its slot (0..n-1), kept by its replacement. */
export function clusterCopyEnv(slot: number): Record<string, string> {
  return { [SLOT_ENV]: String(slot) };
}

/** This copy's slot, when it is a copy whose primary serves metrics (`serveClusterMetrics`). */
export function processSlot(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (!cluster.isWorker) return undefined;
  const slot = Number(env[SLOT_ENV]);
  return Number.isInteger(slot) && slot >= 0 ? slot : undefined;
}

let answering = false;

/** A copy answers its primary's collection with its own registry and appended texts. */
function answerPrimary(metrics: ProcessMetrics): void {
  if (answering) return;
  answering = true;
  process.on('message', (message: unknown) => {
    if (!isMessage<{ type: typeof COLLECT; id: string }>(message, COLLECT)) return;
    void (async () => {
      const texts = await metrics.appendedTexts();
      const part: Part = { type: PART, id: message.id, metrics: await metrics.registry.getMetricsAsJSON(), texts };
      process.send?.(part);
    })();
  });
}

/** What /metrics answers in this process: its own exposition, or in a copy, the whole service's. */
export function processScrape(metrics: ProcessMetrics): () => Promise<string> {
  if (processSlot() === undefined || !process.send) return () => metrics.exposition();
  answerPrimary(metrics);
  const waiting = new Map<string, (result: Result) => void>();
  process.on('message', (message: unknown) => {
    if (isMessage<Result>(message, RESULT)) waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the primary process did not aggregate the copies' metrics within ${SCRAPE_TIMEOUT_MS} ms`));
      }, SCRAPE_TIMEOUT_MS);
      waiting.set(id, (result) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (result.text !== undefined) resolve(result.text);
        else reject(new Error(result.error ?? 'no metrics'));
      });
      process.send?.({ type: SCRAPE, id });
    });
}

async function collectParts(): Promise<Part[]> {
  const copies = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected());
  const id = randomUUID();
  const parts: Part[] = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, COLLECT_TIMEOUT_MS);
    function onMessage(_worker: Worker, message: unknown) {
      if (!isMessage<Part>(message, PART) || message.id !== id) return;
      parts.push(message);
      if (parts.length === copies.length) done();
    }
    function done() {
      clearTimeout(timer);
      cluster.off('message', onMessage);
      resolve();
    }
    cluster.on('message', onMessage);
    for (const copy of copies) copy.send({ type: COLLECT, id });
    if (copies.length === 0) done();
  });
  return parts;
}

/** In the primary: answers its copies' scrapes with every copy's metrics combined. */
export function serveClusterMetrics(logger: Logger): void {
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isMessage<{ type: typeof SCRAPE; id: string }>(message, SCRAPE)) return;
    void (async () => {
      let result: Result;
      try {
        const parts = await collectParts();
        if (parts.length === 0) throw new Error('no copy answered');
        const registry = AggregatorRegistry.aggregate(parts.map((p) => p.metrics));
        result = { type: RESULT, id: message.id, text: mergeExpositions([await registry.metrics(), ...parts.flatMap((p) => p.texts)]) };
      } catch (error) {
        logger.warn({ err: error }, 'could not aggregate the copies’ metrics');
        result = { type: RESULT, id: message.id, error: error instanceof Error ? error.message : String(error) };
      }
      if (worker.isConnected()) worker.send(result);
    })();
  });
}

import { setTimeout as sleep } from 'node:timers/promises';
import mongoose from 'mongoose';
import { SERVICES } from '@vanthu/shared';
import { consumerLag, DOMAIN_TOPICS, LIFE_WORKFLOWS, listWorkflows } from './run-records';
import type { Sinks } from './sinks';

export interface SettleTargets {
  mongoUrl: string;
  brokers: string[];
  temporalAddress: string;
  namespace: string;
}

interface Snapshot {
  outbox: number;
  lag: number;
  running: number;
  /** Things that only grow while work is left: inbox entries, ledger lines, mails, webhook POSTs. */
  produced: number;
}

async function snapshot(targets: SettleTargets, sinks: Sinks): Promise<Snapshot> {
  const connection = await mongoose.createConnection(targets.mongoUrl).asPromise();
  let outbox = 0;
  let produced = sinks.mails.length + sinks.webhooks.length;
  try {
    for (const service of Object.values(SERVICES)) outbox += await connection.getClient().db(service.database).collection('outbox').countDocuments();
    const notify = connection.getClient().db(SERVICES.notify.database);
    produced += (await notify.collection('inbox_items').countDocuments()) + (await notify.collection('notifications').countDocuments());
  } finally {
    await connection.close();
  }
  const lag = (await consumerLag(targets.brokers)).filter((l) => DOMAIN_TOPICS.includes(l.topic)).reduce((sum, l) => sum + l.lag, 0);
  const query = `ExecutionStatus = 'Running' AND (${LIFE_WORKFLOWS.map((t) => `WorkflowType = '${t}'`).join(' OR ')})`;
  const running = (await listWorkflows(targets.temporalAddress, targets.namespace, query)).length;
  return { outbox, lag, running, produced };
}

/**
 * Waits until the system owes nothing more: outboxes empty, every consumer group at the end of
 * the topics, no document, copy, task or delivery workflow running, and nothing new produced
 * between two looks. Bounded: past `timeoutMs` it returns what it last saw, and the checks count
 * what was left as stuck.
 */
export async function settle(targets: SettleTargets, sinks: Sinks, timeoutMs: number, log: (line: string) => void): Promise<{ settled: boolean; seconds: number }> {
  const started = Date.now();
  let previous: Snapshot | undefined;
  let lastLine = '';
  while (Date.now() - started < timeoutMs) {
    let now: Snapshot;
    try {
      now = await snapshot(targets, sinks);
    } catch (error) {
      log(`settling: could not look (${(error as Error).message}); again shortly`);
      await sleep(5_000);
      continue;
    }
    const quiet = now.outbox === 0 && now.lag === 0 && now.running === 0;
    if (quiet && previous && previous.produced === now.produced) return { settled: true, seconds: (Date.now() - started) / 1000 };
    const line = `settling: ${now.outbox} in outboxes, consumer lag ${now.lag}, ${now.running} workflows running`;
    if (line !== lastLine) log(line);
    lastLine = line;
    previous = quiet ? now : undefined;
    await sleep(5_000);
  }
  return { settled: false, seconds: (Date.now() - started) / 1000 };
}

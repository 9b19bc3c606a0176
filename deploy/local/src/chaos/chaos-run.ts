import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEVELOPMENT_JWT_SECRET } from '@vanthu/shared';
import { cpuDelta, cpuSeconds } from '../bench/cpu-usage';
import { livePid } from '../proc';
import type { ChaosSettings } from './chaos-settings';
import { ChaosStack } from './chaos-stack';
import { deliveryChecks } from './delivery-checks';
import { runDocumentJourney, type JourneyOutcome } from './document-journey';
import { eventChecks } from './event-checks';
import { runFaultSchedule, type FaultRecord } from './fault-schedule';
import { Fleet } from './fleet';
import { archiveChecks, lifecycleChecks, numberChecks } from './lifecycle-checks';
import { Offices, PROVINCE } from './offices';
import { newPortalStats, type PortalStats } from './portal-client';
import { readRunRecords } from './run-records';
import { settle } from './settle';
import { Sinks } from './sinks';
import { info, offenders, type Count } from './tally';

/** Kept from the run's time for reading the records and stopping everything. */
const VERDICT_RESERVE_MS = 60_000;

export interface ChaosResult {
  counts: Count[];
  faults: FaultRecord[];
  journeys: JourneyOutcome[];
  /** Where the run's service and server logs are. */
  logs: string;
}

/** Documents started at `rate` per second, at most `concurrency` at once; resolves when all have ended. */
async function drive(settings: ChaosSettings, offices: Offices, runTag: string, log: (line: string) => void, outcomes: JourneyOutcome[]): Promise<JourneyOutcome[]> {
  const inFlight = new Set<Promise<void>>();
  const started = Date.now();
  let reported = 0;
  for (let i = 0; i < settings.documents && !offices.signal.aborted; i++) {
    await sleep(Math.max(0, started + (i / settings.rate) * 1000 - Date.now()));
    while (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
    const journey = runDocumentJourney(i, offices, runTag).then((outcome) => {
      outcomes.push(outcome);
      if (outcome.outcome !== 'archived') log(`document ${i + 1} stopped at ${outcome.failedAt}: ${outcome.error}`);
      if (outcomes.length - reported >= Math.max(1, Math.round(settings.documents / 10))) {
        reported = outcomes.length;
        log(`documents: ${outcomes.filter((o) => o.outcome === 'archived').length} archived, ${outcomes.length - outcomes.filter((o) => o.outcome === 'archived').length} failed, ${inFlight.size - 1} in flight (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    });
    inFlight.add(journey);
    void journey.finally(() => inFlight.delete(journey));
  }
  await Promise.all(inFlight);
  return outcomes.sort((a, b) => a.index - b.index);
}

/**
 * Until the freshly started processes are done starting (bundling workflows, consumer groups
 * catching up, code warming): traffic reaches a deployment once it has settled, not while twenty
 * processes still compete for the cores. Bounded; CPU share over two-second windows.
 */
async function untilQuiet(roots: Record<string, number | undefined>, maxMs = 90_000): Promise<number> {
  const started = Date.now();
  for (let last = cpuSeconds(roots); Date.now() - started < maxMs; ) {
    await sleep(2_000);
    const now = cpuSeconds(roots);
    const busy = Object.values(cpuDelta(last, now)).reduce((a, b) => a + b, 0) / 2;
    last = now;
    if (busy < 0.3 * cpus().length) break;
  }
  return (Date.now() - started) / 1000;
}

function portalCounts(stats: PortalStats): Count[] {
  return [
    info('requests', stats.requests, 'requests'),
    info('requests_retried', stats.retries, 'requests'),
    info('requests_failed_over', stats.failovers, 'requests'),
    info('requests_replayed', stats.replayed, 'requests'),
    info('requests_confirmed_by_read', stats.confirmedByRead, 'requests'),
    info('requests_rekeyed', stats.rekeyed, 'requests'),
    info('requests_throttled', stats.throttled, 'requests'),
  ];
}

/**
 * The chaos run (docs/reliability.md): its own servers, two replicas of every service process,
 * documents pushed through their whole lives while the faults come in turn, then — once the
 * system has settled — the verdict, from the services' records, Kafka and Temporal. Everything
 * it started is stopped at the end, whatever happened.
 */
export async function runChaos(settings: ChaosSettings, log: (line: string) => void = console.log): Promise<ChaosResult> {
  const begun = Date.now();
  const clock = () => (Date.now() - begun) / 1000;
  const say = (line: string) => log(`[${clock().toFixed(0).padStart(4)} s] ${line}`);
  const stack = new ChaosStack();
  const sinks = new Sinks();
  const stop = new AbortController();
  // Every document's waits listen for the end of the run at once: many listeners, each let go of after its wait.
  setMaxListeners(0, stop.signal);
  // The whole run fits in `timeoutMs`: the drive stops in time for the settling and the verdict.
  const driveBudgetMs = Math.max(60_000, settings.timeoutMs - settings.settleTimeoutMs - VERDICT_RESERVE_MS);
  const deadline = setTimeout(() => {
    say(`time is up (${Math.round(driveBudgetMs / 1000)} s for starting and driving): the portals stop, the faults end`);
    stop.abort();
  }, driveBudgetMs);
  let fleet: Fleet | undefined;
  let faultsDone: Promise<FaultRecord[]> | undefined;
  const stats = newPortalStats();
  try {
    say(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB`);
    say(`${settings.documents} documents, ${settings.concurrency} in flight at most, ${settings.rate.toFixed(2)} started per second; faults: ${settings.faults.join(', ') || 'none'}`);
    await sinks.start();
    await stack.start();
    say(`servers of its own started (data in ${stack.dataDir})`);
    const env = stack.env;
    fleet = new Fleet({
      paths: stack.paths,
      env: {
        ...env,
        NODE_ENV: 'development',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        INTAKE_VALIDATE_RESPONSES: 'false',
        SMTP_URL: sinks.smtpUrl,
        NOTIFY_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${sinks.webhookPort}`,
      },
      restartAfterMs: settings.restartAfterMs,
      log: say,
    });
    await fleet.start();
    say(`${fleet.members.length} service processes ready (two replicas of each API and worker)`);
    const roots = Object.fromEntries([
      ...fleet.members.map((m) => [`${m.spec.service}-${m.spec.role}-${m.replica}`, m.current?.child.pid] as const),
      ...stack.stack.servers.map((s) => [s.name, livePid(s.pidFile)] as const),
    ]);
    say(`quiet after ${(await untilQuiet(roots)).toFixed(0)} s more`);
    const activeFleet = fleet;
    const offices = new Offices({ urls: (service) => activeFleet.apiUrls(service), jwtSecret: DEVELOPMENT_JWT_SECRET, stats, budgetMs: settings.requestBudgetMs, signal: stop.signal });
    // A partner system follows the province's events through a webhook.
    const admin = offices.portal(PROVINCE.admin, 'notify');
    await admin.act('POST', '/v1/webhooks', { url: sinks.webhookUrl, description: 'chaos run receiver' }, {
      keyed: false,
      done: async () => (await admin.get<{ items: Array<{ url: string }> }>('/v1/webhooks')).items.some((e) => e.url === sinks.webhookUrl),
    });

    const driveStart = Date.now();
    const ended: JourneyOutcome[] = [];
    let driving = true;
    faultsDone = runFaultSchedule({ settings, fleet, stack, clock, log: say, signal: stop.signal, ended: () => ended.length, driving: () => driving });
    const journeys = await drive(settings, offices, randomBytes(3).toString('hex'), say, ended);
    driving = false;
    const driveSeconds = (Date.now() - driveStart) / 1000;
    say(`all documents ended in ${driveSeconds.toFixed(0)} s; waiting for the fault schedule to finish`);
    const faults = await faultsDone;
    faultsDone = undefined;
    await stack.ensureRunning();

    const targets = { mongoUrl: env.MONGO_URL!, brokers: env.KAFKA_BROKERS!.split(','), temporalAddress: env.TEMPORAL_ADDRESS!, namespace: env.TEMPORAL_NAMESPACE! };
    const settled = await settle(targets, sinks, settings.settleTimeoutMs, say);
    say(settled.settled ? `settled in ${settled.seconds.toFixed(0)} s` : `did not settle within ${settings.settleTimeoutMs / 1000} s: checking what is there`);
    const records = await readRunRecords(targets);
    const archived = journeys.filter((j) => j.outcome === 'archived').length;
    const counts: Count[] = [
      info('documents_driven', journeys.length, 'documents'),
      { name: 'documents_not_started', value: settings.documents - journeys.length, unit: 'documents', mustBeZero: true },
      info('drive_duration', driveSeconds, 's'),
      info('documents_per_s', archived / driveSeconds, 'documents/s'),
      info('settle_duration', settled.settled ? settled.seconds : -1, 's'),
      info('faults_injected', faults.filter((f) => !f.error).length, 'faults'),
      offenders('faults_not_injected', 'faults', settings.faults.slice(faults.length)),
      offenders('faults_not_recovered', 'faults', faults.filter((f) => f.error).map((f) => `${f.kind}: ${f.error}`)),
      info('processes_exited_on_their_own', fleet.unexpectedExits(), 'processes'),
      ...lifecycleChecks(records, journeys),
      ...numberChecks(records),
      ...archiveChecks(records),
      ...eventChecks(records),
      ...deliveryChecks(records, sinks.mails, sinks.webhooks, faults.filter((f) => f.kind === 'notify-worker').map((f) => begun + f.at * 1000)),
      ...portalCounts(stats),
    ];
    return { counts, faults, journeys, logs: stack.paths.logs };
  } finally {
    clearTimeout(deadline);
    stop.abort();
    // A fault under way puts its process or server back first, so nothing starts after the stop.
    await faultsDone?.catch(() => undefined);
    await fleet?.stop();
    await stack.stop(settings.keepData);
    await sinks.stop();
    say(`stopped everything it started; logs in ${stack.paths.logs}`);
  }
}

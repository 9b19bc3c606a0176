import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEVELOPMENT_JWT_SECRET, SERVICES } from '@vanthu/shared';
import { demoClients, demoToken, pdfShowing, SCENARIO_LISTENERS } from '../scenario/lifecycle-scenario';
import { ApiClient } from '../scenario/http-client';
import { LiveNotifications } from '../scenario/live-notifications';
import { stopServices, type RunningService } from '../services';
import { livePid } from '../proc';
import { describeStack } from '../stack';
import { startBenchSystem } from './bench-system';
import { MemoryPeaks } from './memory-usage';
import { percentile, report, type Figure } from './stats';

/**
 * `npm run bench:overload`: the system past what it can do. First a short ramp of new documents
 * finds the rate it sustains (documents archived per second at its best); then, for five
 * minutes, documents arrive at twice that rate (Poisson), each taken through its whole lifecycle
 * by the portals as in bench:lifecycle. The APIs are to refuse what they cannot take (429/503
 * with Retry-After; a refused new document is dropped by its author, a refused action waited
 * for and retried), answer what they take within a second (p99), never fail (no other 5xx), and
 * finish every document they accepted; every process's memory is sampled for its peak.
 *
 * Beside it, the fan-out of a Party resolution: one document to each of 100 communes of the
 * province (created through the directory API first), timed from its issue until all 100 copies
 * are registered, against the same for a document to one commune.
 *
 * Options: --minutes (default 5), --rate (documents/s of the overload phase; skips the ramp),
 * --ramp-seconds (150), --fanout-documents (4), --communes (100).
 */
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    rate: { type: 'string' },
    'ramp-seconds': { type: 'string', default: '150' },
    'fanout-documents': { type: 'string', default: '4' },
    communes: { type: 'string', default: '100' },
  },
});
const MINUTES = Number(args.minutes);
const RAMP_SECONDS = Number(args['ramp-seconds']);
const FANOUT_DOCUMENTS = Number(args['fanout-documents']);
const COMMUNES = Number(args.communes);
const PORT_OFFSET = 3300;
const SUFFIX = '_bench_overload';
const TARGET_P99_MS = 1_000;
/** How long a document may take once accepted, however loaded the system. */
const DOCUMENT_TIMEOUT_MS = 20 * 60_000;
/** A portal on a live stream still looks now and then, in case the stream missed something. */
const LOOK_EVERY_MS = 5_000;

interface Sample {
  phase: string;
  route: string;
  status: number;
  ms: number;
  retryAfter: boolean;
  reason?: string;
}

const samples: Sample[] = [];
let phase = 'start';

/** Every request the portals make, timed where the portal sees it: the bench wraps fetch. */
function recordRequests(): void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const started = performance.now();
    const res = await original(input, init);
    const ms = performance.now() - started;
    // Ids out of paths, so routes group: /v1/documents/<id>/sign → /v1/documents/:id/sign.
    const route = `${method} ${url.pathname.replace(/\/[^/]*\d[^/]*/g, (segment) => (segment.length > 12 ? '/:id' : segment))}`;
    const sample: Sample = { phase, route, status: res.status, ms, retryAfter: res.headers.has('retry-after') };
    if (res.status === 429 || res.status >= 500) {
      sample.reason = await res
        .clone()
        .json()
        .then((body: unknown) => (body as { reason?: string }).reason, () => undefined);
    }
    samples.push(sample);
    return res;
  };
}

const refusedStatus = (s: Sample) => s.status === 429 || (s.status === 503 && s.retryAfter);

interface DocumentRun {
  accepted: boolean;
  archived: boolean;
  /** performance.now() when it was seen archived. */
  archivedAt?: number;
  error?: string;
}

type Clients = ReturnType<typeof demoClients>;

/** Waits until `heard` (the user's live notification) and `probe` finds it, looking every few seconds meanwhile. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, heard: Promise<unknown>): Promise<T> {
  const deadline = Date.now() + DOCUMENT_TIMEOUT_MS;
  let told = false;
  const telling = heard.then(
    () => (told = true),
    () => undefined,
  );
  for (;;) {
    if (!told) await Promise.race([telling, sleep(LOOK_EVERY_MS)]);
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    // Told, but the record not there yet: it follows within moments.
    if (told) await sleep(250);
  }
}

async function draftForm(recipients: string[], subject: string): Promise<FormData> {
  const form = new FormData();
  form.append(
    'metadata',
    new Blob(
      [
        JSON.stringify({
          type: 'NQ',
          subject,
          signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ Tỉnh ủy' },
          approvers: ['bs-deputy'],
          recipients,
          urgency: 'khan',
          secrecy: 'none',
          dueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
        }),
      ],
      { type: 'application/json' },
    ),
  );
  form.append('content', await pdfShowing('NGHI QUYET ve chuyen doi so', subject.replace(/[^\x20-\x7e]/g, '')), 'nghi-quyet.pdf');
  return form;
}

/** A new draft, sent once: refused (429/503) it is dropped, as an author told "busy" tries later. */
async function create(apiUrl: string, recipients: string[], subject: string): Promise<{ id: string } | 'refused'> {
  const res = await fetch(`${apiUrl}/v1/documents`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${demoToken(DEVELOPMENT_JWT_SECRET, 'bs-specialist')}`, 'Idempotency-Key': randomUUID() },
    body: await draftForm(recipients, subject),
    signal: AbortSignal.timeout(120_000),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; reason?: string };
  if (res.status === 429 || res.status === 503) return 'refused';
  if (res.status !== 201 || !body.id) throw new Error(`create answered ${res.status} ${body.reason ?? ''}`);
  return { id: body.id };
}

/** Submit, approve, sign (with the PIN), issue: the sender's side, each action retried as asked. */
async function toIssue(c: Clients, id: string): Promise<void> {
  await c.specialist.post(`/v1/documents/${id}/submit`);
  await c.deputy.post(`/v1/documents/${id}/approve`, { comment: 'Đồng ý trình ký' });
  await c.secretary.post(`/v1/documents/${id}/sign`);
  await c.clerk.post(`/v1/documents/${id}/issue`);
}

/** One document's whole lifecycle, as bench:lifecycle's portals do it. */
async function lifecycle(apiUrl: string, c: Clients, live: LiveNotifications, runs: DocumentRun[]): Promise<void> {
  const run: DocumentRun = { accepted: false, archived: false };
  runs.push(run);
  try {
    const created = await create(apiUrl, ['BS-TL-DU', 'BS-HB-DU'], `Nghị quyết ${randomUUID().slice(0, 8)}`);
    if (created === 'refused') return;
    run.accepted = true;
    const { id } = created;
    await toIssue(c, id);
    await Promise.all(
      Object.entries(c.recipient).map(async ([org, r]) => {
        const copy = `${id}@${org}`;
        await until(
          `${org} to register ${id}`,
          async () => ((await r.clerk.get<{ status: string }>(`/v1/incoming/${copy}`).catch(() => undefined))?.status === 'accepted' ? true : undefined),
          live.waitFor(r.clerkId, 'document.received', copy, DOCUMENT_TIMEOUT_MS),
        );
        await r.clerk.post(`/v1/incoming/${copy}/assign`, { handler: r.handlerId, deadline: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) });
        await r.handler.post(`/v1/incoming/${copy}/start`);
        await r.handler.post(`/v1/incoming/${copy}/complete`, { report: 'Đã quán triệt và triển khai đến các chi bộ.' });
      }),
    );
    await until(
      `${id} to be archived`,
      async () => ((await c.clerk.get<{ status: string }>(`/v1/documents/${id}`)).status === 'archived' ? true : undefined),
      live.waitFor('bs-specialist', 'document.archived', id, DOCUMENT_TIMEOUT_MS),
    );
    run.archived = true;
    run.archivedAt = performance.now();
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
  }
}

/** Documents arriving at `rate` per second (Poisson) for `seconds`; resolves when all of them have ended. */
async function offer(rate: (elapsedS: number) => number, seconds: number, start: () => Promise<void>): Promise<void> {
  const running: Array<Promise<void>> = [];
  const began = performance.now();
  for (;;) {
    const elapsed = (performance.now() - began) / 1000;
    if (elapsed >= seconds) break;
    running.push(start());
    await sleep((-Math.log(1 - Math.random()) / rate(elapsed)) * 1000);
  }
  await Promise.all(running);
}

/** The best rate of documents archived over `windowS` in a row, from their end times. */
function bestRate(ends: number[], windowS: number): number {
  const sorted = [...ends].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! > windowS * 1000) j += 1;
    best = Math.max(best, (i - j + 1) / windowS);
  }
  return best;
}

interface FanOut {
  issueToAllMs: number[];
  /** The clerk's wait: the issue call's own answer. */
  issueAnswerMs: number[];
}

/** A figure for many recipients, with the same percentile for one recipient as its baseline. */
function againstOne(name: string, many: number[], one: number[], p: number): Figure {
  const value = percentile(many, p);
  const baseline = percentile(one, p);
  return { name, value, unit: 'ms', baseline, ratio: value / baseline };
}

/** Documents to `recipients`, one after another: from issue to every copy registered (status accepted). */
async function fanOut(apiUrl: string, c: Clients, recipients: string[], documents: number): Promise<FanOut> {
  const result: FanOut = { issueToAllMs: [], issueAnswerMs: [] };
  for (let i = 0; i < documents; i += 1) {
    let created: Awaited<ReturnType<typeof create>>;
    while ((created = await create(apiUrl, recipients, `Nghị quyết gửi ${recipients.length} nơi ${i + 1}`)) === 'refused') await sleep(1_000);
    const { id } = created;
    await c.specialist.post(`/v1/documents/${id}/submit`);
    await c.deputy.post(`/v1/documents/${id}/approve`, { comment: 'Đồng ý trình ký' });
    await c.secretary.post(`/v1/documents/${id}/sign`);
    const issuedAt = performance.now();
    await c.clerk.post(`/v1/documents/${id}/issue`);
    result.issueAnswerMs.push(performance.now() - issuedAt);
    for (const deadline = Date.now() + 10 * 60_000; ; ) {
      const doc = await c.clerk.get<{ recipients: Array<{ status: string }> }>(`/v1/documents/${id}`);
      if (doc.recipients.length === recipients.length && doc.recipients.every((r) => r.status === 'accepted')) break;
      if (Date.now() > deadline) throw new Error(`the copies of ${id} were not all registered within 10 minutes`);
      await sleep(200);
    }
    result.issueToAllMs.push(performance.now() - issuedAt);
  }
  return result;
}

function latencyRows(phaseName: string): { accepted: Sample[]; refused: Sample[]; failed: Sample[] } {
  const of = samples.filter((s) => s.phase === phaseName);
  return {
    accepted: of.filter((s) => !refusedStatus(s) && s.status < 500),
    refused: of.filter(refusedStatus),
    failed: of.filter((s) => s.status >= 500 && !refusedStatus(s)),
  };
}

function printRoutes(phaseName: string): void {
  const byRoute = new Map<string, Sample[]>();
  for (const s of samples.filter((x) => x.phase === phaseName)) byRoute.set(s.route, [...(byRoute.get(s.route) ?? []), s]);
  console.log(`\nRequests by route, ${phaseName} (ms of the accepted ones):`);
  console.table(
    [...byRoute]
      .sort((a, b) => b[1].length - a[1].length)
      .map(([route, list]) => {
        const ok = list.filter((s) => !refusedStatus(s) && s.status < 500).map((s) => s.ms);
        return {
          route,
          requests: list.length,
          accepted: ok.length,
          refused: list.filter(refusedStatus).length,
          '5xx': list.filter((s) => s.status >= 500 && !refusedStatus(s)).length,
          p50: Math.round(percentile(ok, 50)),
          p99: Math.round(percentile(ok, 99)),
          max: Math.round(Math.max(0, ...ok)),
        };
      }),
  );
}

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB; ${new Date().toISOString()}`);
  console.log(`overload ${MINUTES} min at ${args.rate ? `${args.rate} documents/s (given)` : `twice the rate a ${RAMP_SECONDS} s ramp sustains`}; fan-out to ${COMMUNES} communes, ${FANOUT_DOCUMENTS} documents`);
  recordRequests();
  let running: RunningService[] = [];
  let live: LiveNotifications | undefined;
  let memory: MemoryPeaks | undefined;
  try {
    running = await startBenchSystem({ portOffset: PORT_OFFSET, label: 'bench-overload', databaseSuffix: SUFFIX, env: { INTAKE_VALIDATE_RESPONSES: 'false' } });
    const roots = () => ({
      ...Object.fromEntries(running.map((r) => [`${r.spec.service} ${r.spec.role}`, r.child.pid])),
      ...Object.fromEntries(describeStack().servers.map((s) => [s.name, livePid(s.pidFile)])),
    });
    memory = new MemoryPeaks(roots);
    const apiUrl = `http://127.0.0.1:${SERVICES.intake.apiPort + PORT_OFFSET}`;
    live = await LiveNotifications.open(`http://127.0.0.1:${SERVICES.notify.apiPort + PORT_OFFSET}`, DEVELOPMENT_JWT_SECRET, SCENARIO_LISTENERS);
    const c = demoClients(apiUrl, DEVELOPMENT_JWT_SECRET);

    phase = 'warm-up';
    memory.enter(phase);
    const warm: DocumentRun[] = [];
    for (let i = 0; i < 2; i += 1) await lifecycle(apiUrl, c, live, warm);
    if (!warm.every((r) => r.archived)) throw new Error(`warm-up failed: ${warm.map((r) => r.error ?? 'refused').join('; ')}`);

    // The fan-out first, on a quiet system: its figures are the distribution's, not the overload's.
    phase = 'fan-out';
    memory.enter(phase);
    const admin = new ApiClient(apiUrl, demoToken(DEVELOPMENT_JWT_SECRET, 'bs-admin'));
    const communes = Array.from({ length: COMMUNES }, (_, i) => `BS-X${String(i + 1).padStart(3, '0')}-DU`);
    const orgsStarted = performance.now();
    for (const [i, code] of communes.entries()) {
      await admin.post('/v1/organisations', { code, name: `Đảng ủy xã Thử ${i + 1}`, level: 'commune', parent: 'BS-TU', notationCode: 'ĐU', numbering: { period: 'calendar-year' } });
    }
    console.log(`${COMMUNES} communes created under BS-TU in ${((performance.now() - orgsStarted) / 1000).toFixed(1)} s`);
    const one = await fanOut(apiUrl, c, ['BS-TL-DU'], FANOUT_DOCUMENTS);
    const all = await fanOut(apiUrl, c, communes, FANOUT_DOCUMENTS);
    console.log(`issue → every copy registered: 1 commune ${one.issueToAllMs.map((ms) => Math.round(ms)).join(', ')} ms; ${COMMUNES} communes ${all.issueToAllMs.map((ms) => Math.round(ms)).join(', ')} ms`);
    console.log(`issue answered: 1 commune ${one.issueAnswerMs.map((ms) => Math.round(ms)).join(', ')} ms; ${COMMUNES} communes ${all.issueAnswerMs.map((ms) => Math.round(ms)).join(', ')} ms`);

    let sustainable = Number(args.rate ?? NaN) / 2;
    const ramp: DocumentRun[] = [];
    if (!args.rate) {
      // From a fifth of a document a second to three, linearly: past what two cores can do.
      phase = 'ramp';
      memory.enter(phase);
      const rampStart = performance.now();
      await offer(
        (s) => 0.2 + (2.8 * s) / RAMP_SECONDS,
        RAMP_SECONDS,
        () => lifecycle(apiUrl, c, live!, ramp),
      );
      sustainable = bestRate(ramp.flatMap((r) => (r.archivedAt === undefined ? [] : [r.archivedAt])), 45);
      printRoutes('ramp');
      console.log(`ramp: ${ramp.length} offered in ${RAMP_SECONDS} s, ${ramp.filter((r) => r.accepted).length} accepted, ${ramp.filter((r) => r.archived).length} archived (all done after ${((performance.now() - rampStart) / 1000).toFixed(0)} s); best 45 s: ${sustainable.toFixed(3)} documents/s archived`);
    }
    const overloadRate = 2 * sustainable;

    phase = 'overload';
    memory.enter('overload, first half');
    const runs: DocumentRun[] = [];
    const halfway = setTimeout(() => memory!.enter('overload, second half'), (MINUTES * 60_000) / 2);
    const overloadStart = performance.now();
    let offeredFor = 0;
    const drained = offer(
      () => overloadRate,
      MINUTES * 60,
      () => lifecycle(apiUrl, c, live!, runs),
    ).then(() => (offeredFor = (performance.now() - overloadStart) / 1000));
    await sleep(MINUTES * 60_000);
    clearTimeout(halfway);
    memory.enter('drain');
    await drained;
    const drainSeconds = offeredFor - MINUTES * 60;
    memory.enter('end');

    const { accepted, refused, failed } = latencyRows('overload');
    const acceptedMs = accepted.map((s) => s.ms);
    const docsAccepted = runs.filter((r) => r.accepted);
    const lost = docsAccepted.filter((r) => !r.archived);
    const p99 = percentile(acceptedMs, 99);

    printRoutes('overload');
    const reasons = new Map<string, number>();
    for (const s of [...refused, ...failed]) reasons.set(`${s.status} ${s.reason ?? '(no body)'}${s.retryAfter ? ' + Retry-After' : ''}`, (reasons.get(`${s.status} ${s.reason ?? '(no body)'}${s.retryAfter ? ' + Retry-After' : ''}`) ?? 0) + 1);
    console.log('\nRefusals and failures during the overload, by answer:');
    console.table([...reasons].map(([answer, count]) => ({ answer, count })));
    for (const r of lost.slice(0, 10)) console.log(`accepted, not archived: ${r.error ?? '(no error)'}`);

    console.log('\nPeak resident memory by process and phase (MiB):');
    const peaks = memory.table();
    const names = [...new Set([...peaks.values()].flatMap((p) => Object.keys(p)))];
    console.table(names.map((name) => ({ process: name, ...Object.fromEntries([...peaks].map(([p, v]) => [p, Math.round(v[name] ?? 0)])) })));
    const firstHalf = peaks.get('overload, first half') ?? {};
    const secondHalf = peaks.get('overload, second half') ?? {};
    const growth = Math.max(...names.map((n) => (secondHalf[n] ?? 0) / Math.max(1, firstHalf[n] ?? 0)));
    const overallPeak = Math.max(...names.map((n) => Math.max(...[...peaks.values()].map((p) => p[n] ?? 0))));

    const met = p99 < TARGET_P99_MS && failed.length === 0 && lost.length === 0;
    const offered = runs.length;
    const figures: Figure[] = [
      { name: 'overload_sustainable_documents_per_s', value: sustainable, unit: 'documents/s' },
      { name: 'overload_offered_documents_per_s', value: offered / (MINUTES * 60), unit: 'documents/s', baseline: sustainable, ratio: offered / (MINUTES * 60) / sustainable },
      { name: 'overload_accepted_documents_per_s', value: docsAccepted.length / (MINUTES * 60), unit: 'documents/s', baseline: sustainable, ratio: docsAccepted.length / (MINUTES * 60) / sustainable },
      { name: 'overload_documents_offered', value: offered, unit: 'documents' },
      { name: 'overload_documents_accepted', value: docsAccepted.length, unit: 'documents' },
      { name: 'overload_documents_lost', value: lost.length, unit: 'documents', baseline: 0 },
      { name: 'overload_requests_accepted', value: accepted.length, unit: 'requests' },
      { name: 'overload_requests_refused', value: refused.length, unit: 'requests' },
      { name: 'overload_requests_5xx', value: failed.length + refused.filter((s) => s.status >= 500).length, unit: 'requests', baseline: 0 },
      { name: 'overload_requests_5xx_without_retry_after', value: failed.length, unit: 'requests', baseline: 0 },
      { name: 'overload_accepted_p50', value: percentile(acceptedMs, 50), unit: 'ms' },
      { name: 'overload_accepted_p99', value: p99, unit: 'ms', baseline: TARGET_P99_MS, ratio: p99 / TARGET_P99_MS },
      { name: 'overload_drain_after_offering', value: drainSeconds, unit: 's' },
      { name: 'overload_peak_rss_max_process', value: overallPeak, unit: 'MiB' },
      { name: 'overload_peak_rss_growth_second_half', value: growth, unit: 'ratio', baseline: 1 },
      { name: 'fanout_1_issue_answer_p50', value: percentile(one.issueAnswerMs, 50), unit: 'ms' },
      againstOne(`fanout_${COMMUNES}_issue_answer_p50`, all.issueAnswerMs, one.issueAnswerMs, 50),
      { name: 'fanout_1_issue_to_registered_p50', value: percentile(one.issueToAllMs, 50), unit: 'ms' },
      { name: 'fanout_1_issue_to_registered_p99', value: percentile(one.issueToAllMs, 99), unit: 'ms' },
      againstOne(`fanout_${COMMUNES}_issue_to_registered_p50`, all.issueToAllMs, one.issueToAllMs, 50),
      againstOne(`fanout_${COMMUNES}_issue_to_registered_p99`, all.issueToAllMs, one.issueToAllMs, 99),
    ];
    report(
      `Overload at ${overloadRate.toFixed(2)} documents/s for ${MINUTES} min (targets: accepted p99 < 1 s, no 5xx, no accepted document lost, memory bounded) — ${met ? 'MET' : 'NOT MET'}`,
      figures,
    );
  } finally {
    memory?.stop();
    live?.close();
    await stopServices(running);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runQueue, saturate, type BusyMachine } from '../../../../packages/shared/test/support/busy-machine';
import { craftedPdfs } from '../../../../packages/shared/test/support/crafted-pdfs';
import { authorisedHeaders, SPECIALIST, startService, timedWhileProbing, type StartedService } from '../../../../packages/shared/test/support/hostile-requests';
import { makePdf } from '../support/pdf';
import { draftForm } from '../unit/api/support/drafts';

/**
 * Every crafted PDF of the corpus as the content of a new draft, at intake as it runs (`node
 * dist/main.js api`): refused 4xx within 2 s by the same bounded inspector signing uses, so a draft
 * that would stall signing never gets that far, while `/health/live` answers within 200 ms.
 */
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');
const corpus = craftedPdfs();

describe('hostile PDFs as draft content at intake', () => {
  let service: StartedService;

  beforeAll(async () => {
    service = await startService(MAIN, { NODE_ENV: 'test', INTAKE_RATE_PER_SECOND: '1000', INTAKE_RATE_BURST: '1000' });
  }, 120_000);
  afterAll(() => service.stop());

  const worst: number[] = [];
  afterAll(() => {
    process.stdout.write(`POST /v1/documents: worst /health/live ${Math.max(...worst).toFixed(0)} ms over ${worst.length} files\n`);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('refuses %s quickly, staying live', async (_name, crafted) => {
    const outcome = await timedWhileProbing(service.url, () =>
      fetch(`${service.url}/v1/documents`, {
        method: 'POST',
        headers: authorisedHeaders(SPECIALIST, { 'idempotency-key': randomUUID() }),
        body: draftForm({ content: crafted.bytes }),
      }),
    );
    worst.push(outcome.worstLiveMs);
    expect(outcome).toMatchObject({ status: 422, body: { reason: crafted.kind === 'damaged' ? 'damaged-pdf' : 'pdf-too-complex', field: 'content' } });
    expect(outcome.elapsedMs).toBeLessThan(2_000);
    // As at signing (hostile-pdfs.test.ts): a parse on the answering thread would hold it for seconds.
    expect(outcome.worstLiveMs).toBeLessThan(1_000);
    expect(outcome.liveFailures).toBe(0);
  });
});

/**
 * The same door on a machine saturated for real (busy-looping processes, five per core: load ~11
 * on 2 vCPUs, where a wall-clock budget refused honest drafts 422 `pdf-too-complex`). The
 * inspection is budgeted in its thread's CPU time: honest drafts are accepted, with inspection
 * threads that start (and load their modules) under that load, and hostile ones still refused
 * 422. Figures are printed, not asserted: load is no place for timed checks.
 */
describe('draft uploads at intake while the CPU is saturated by other processes', () => {
  let service: StartedService;
  let load: BusyMachine | undefined;
  const figures: string[] = [];

  beforeAll(async () => {
    // Started before the load (its start is not under test); its inspection threads start with the first upload, under load.
    service = await startService(MAIN, { NODE_ENV: 'test', INTAKE_RATE_PER_SECOND: '1000', INTAKE_RATE_BURST: '1000', INTAKE_ADMISSION_TARGET_MS: '60000' });
    load = saturate();
    await sleep(1_000);
    figures.push(`${load.spinners} busy-loop processes on ${availableParallelism()} CPUs: run queue ${runQueue()}, load average ${loadavg()[0]!.toFixed(1)} (1 min, still rising)`);
  }, 120_000);

  afterAll(async () => {
    await load?.stop();
    await service?.stop();
    process.stdout.write(`draft uploads under load:\n  ${figures.join('\n  ')}\n`);
  });

  const upload = (content: Buffer) =>
    timedWhileProbing(service.url, () =>
      fetch(`${service.url}/v1/documents`, {
        method: 'POST',
        headers: authorisedHeaders(SPECIALIST, { 'idempotency-key': randomUUID() }),
        body: draftForm({ content }),
      }),
    );

  it.each([1, 12, 40])('accepts an honest %i-page PDF: its inspection is not charged for the load', async (pages) => {
    const outcome = await upload(await makePdf('Nghi quyet 12-NQ/TU', pages));
    expect({ status: outcome.status, reason: outcome.body.reason, detail: outcome.body.detail }).toEqual({ status: 201, reason: undefined, detail: undefined });
    expect(outcome.body).toMatchObject({ pageCount: pages });
    // Accepted means kept: the draft reads back with its content.
    const read = await fetch(`${service.url}/v1/documents/${String(outcome.body.id)}`, { headers: authorisedHeaders(SPECIALIST) });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ id: outcome.body.id, pageCount: pages, content: outcome.body.content });
    figures.push(`honest ${pages}-page PDF: 201 in ${outcome.elapsedMs.toFixed(0)} ms, run queue ${runQueue()}; worst /health/live ${outcome.worstLiveMs.toFixed(0)} ms`);
  }, 120_000);

  const hostile = corpus.filter((c) => ['same-kid-a-million-times', 'objects-600000', 'arrays-100000-deep', 'bomb-in-content-stream'].includes(c.name));

  it.each(hostile.map((c) => [c.name, c] as const))('still refuses %s with 422, staying live', async (name, crafted) => {
    const outcome = await upload(crafted.bytes);
    expect(outcome).toMatchObject({ status: 422, body: { reason: crafted.kind === 'damaged' ? 'damaged-pdf' : 'pdf-too-complex', field: 'content' } });
    expect(outcome.liveFailures).toBe(0);
    figures.push(`${name}: 422 ${String(outcome.body.reason)} in ${outcome.elapsedMs.toFixed(0)} ms; worst /health/live ${outcome.worstLiveMs.toFixed(0)} ms`);
  }, 120_000);
});

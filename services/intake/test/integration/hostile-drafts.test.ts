import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { craftedPdfs } from '../../../../packages/shared/test/support/crafted-pdfs';
import { authorisedHeaders, SPECIALIST, startService, timedWhileProbing, type StartedService } from '../../../../packages/shared/test/support/hostile-requests';
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

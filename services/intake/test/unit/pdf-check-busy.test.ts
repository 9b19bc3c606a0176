import { WorkersBusy } from '@vanthu/shared/pdf';
import { PDF_CHECK_RETRY_AFTER_SECONDS, pdfCheckBusy } from '../../src/app/content-checks';
import type { UploadedFile } from '../../src/app/ports';

/** Overload at the PDF check is the server's, not the file's: 503 with Retry-After, never a 422. */
describe("intake's answer when the PDF check cannot run now", () => {
  const file: UploadedFile = { field: 'content', filename: 'nghi-quyet.pdf', declaredType: 'application/pdf', data: Buffer.from('%PDF-1.7') };

  it.each([
    ['every inspection thread is taken', new WorkersBusy('every thread is taken and 64 jobs are already waiting'), /too many documents are being checked/],
    ['the machine starves the inspection', new WorkersBusy('the machine gave the inspection 40 ms of processor time in 25000 ms', 'starved'), /too busy to finish reading it right now \(the machine gave the inspection 40 ms/],
  ])('%s: 503 pdf-check-busy on content, with Retry-After', (_, busy, detail) => {
    const problem = pdfCheckBusy(busy, file);
    expect(problem).toMatchObject({ status: 503, reason: 'pdf-check-busy', field: 'content', retryAfterSeconds: PDF_CHECK_RETRY_AFTER_SECONDS });
    expect(problem.detail).toMatch(detail);
    expect(problem.detail).toMatch(/^nghi-quyet\.pdf could not be checked: .*; retry shortly\.$/);
    expect(problem.toBody('/v1/documents')).toMatchObject({ type: 'urn:vanthu:problem:pdf-check-busy', title: 'PDF check busy', status: 503 });
  });
});

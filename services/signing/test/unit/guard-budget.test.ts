import { Problem } from '@vanthu/shared';
import { activityFailure } from '../../src/activities/signing-activities';
import { toProblem } from '../../src/api/uploads';
import { BUSY_RETRY_AFTER_SECONDS, refusals } from '../../src/errors';

/** The budget itself (CPU time, wall-clock backstop) is the shared one: packages/shared/test/unit/pdf-job-budget.test.ts. */
describe('how overload and hostile files reach callers', () => {
  it('hostile: 422 pdf-too-complex, final for the lifecycle', () => {
    const failure = activityFailure(refusals.pdfTooComplex('reading it takes more than 1000 ms of processor time'));
    expect(failure).toMatchObject({ type: 'NotAPdf', nonRetryable: true });
    expect(toProblem(refusals.pdfTooComplex('x'))).toMatchObject({ status: 422, reason: 'pdf-too-complex', field: 'file' });
  });

  it.each([
    ['a full queue', refusals.busy()],
    ['a starved thread', refusals.starved('40 ms of processor time in 25000 ms')],
  ])('busy (%s): 503 signing-busy with Retry-After, retried by the lifecycle', (_, refusal) => {
    expect(activityFailure(refusal)).toMatchObject({ type: 'SigningBusy', nonRetryable: false });
    const problem = toProblem(refusal) as Problem;
    expect(problem).toBeInstanceOf(Problem);
    expect(problem).toMatchObject({ status: 503, reason: 'signing-busy', field: 'file', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
  });
});

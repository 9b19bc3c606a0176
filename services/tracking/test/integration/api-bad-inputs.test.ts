import { randomUUID } from 'node:crypto';
import type { Principal } from '@vanthu/shared';
import { blobOf, evidenceOf, startApiStack, users, type ApiStack } from '../support/api-stack';
import { taskModel } from '../../src/store/collections';

interface Problem {
  status: number;
  reason: string;
  field?: string;
  detail: string;
}

const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
const MAX_EVIDENCE_BYTES = 4096;

/**
 * The bad inputs of the tracking API, each through the service as it runs: answered as
 * problem+json naming the reason and the field, with nothing left behind.
 */
describe('the tracking API refusing bad input', () => {
  let s: ApiStack;
  const documentId = `doc-${randomUUID().slice(0, 8)}`;
  const secretId = `doc-${randomUUID().slice(0, 8)}`;
  const letterId = `doc-${randomUUID().slice(0, 8)}`;
  const valid = () => ({ sourceDocumentId: documentId, title: 'Triển khai Chỉ thị về công tác cán bộ', leadOrg: 'BS-TL-DU', deadline: nextYear });

  beforeAll(async () => {
    s = await startApiStack({ TRACKING_MAX_EVIDENCE_BYTES: String(MAX_EVIDENCE_BYTES) });
    await s.t.issue({ documentId, notation: '07-CT/TU', type: 'CT' });
    await s.t.issue({ documentId: secretId, notation: '08-CT/TU', type: 'CT', secrecy: 'mat' });
    await s.t.issue({ documentId: letterId, notation: '120-CV/TU', type: 'CV' });
  }, 180_000);
  afterAll(() => s?.close());

  async function problemOf(response: Response): Promise<Problem> {
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await response.json()) as Problem;
  }

  /** A creation refused: the answer, and that no record, workflow or event of the task it keyed exists. */
  async function refusedCreation(body: unknown, as: Principal = users.bsSpecialist) {
    const key = `bad-${randomUUID()}`;
    const problem = await problemOf(await s.call('/v1/tasks', { method: 'POST', json: body, as, headers: { 'Idempotency-Key': key } }));
    expect(await s.traces(as.orgCode, key)).toEqual({ record: false, workflow: false, events: 0 });
    return problem;
  }

  it.each([
    ['a deadline in the past', { deadline: '2020-01-31' }, 422, 'deadline-in-past', 'deadline'],
    ['a deadline with an offset, passed a minute ago', { deadline: new Date(Date.now() - 60_000).toISOString() }, 422, 'deadline-in-past', 'deadline'],
    ['an unknown lead organisation', { leadOrg: 'BS-NOWHERE' }, 422, 'unknown-organisation', 'leadOrg'],
    ['an unknown cooperating organisation', { cooperating: ['BS-HB-DU', 'BS-NOWHERE'] }, 422, 'unknown-organisation', 'cooperating.1'],
    ['a lead above the assigner', { leadOrg: 'TW' }, 422, 'outside-hierarchy', 'leadOrg'],
    ['the assigner itself as lead', { leadOrg: 'BS-TU' }, 422, 'outside-hierarchy', 'leadOrg'],
    ['an unknown source document', { sourceDocumentId: 'doc-never-issued' }, 422, 'unknown-source', 'sourceDocumentId'],
    ['a secret source document', { sourceDocumentId: secretId }, 422, 'secret-source', 'sourceDocumentId'],
    ['a source of a type that assigns no tasks', { sourceDocumentId: letterId }, 422, 'untrackable-type', 'sourceDocumentId'],
    ['both a deadline and a recurrence', { recurrence: { frequency: 'monthly', from: nextYear, until: nextYear } }, 422, 'deadline-or-recurrence', 'recurrence'],
    ['a recurrence ending before it starts', { deadline: undefined, recurrence: { frequency: 'monthly', from: nextYear, until: '2020-01-01' } }, 422, 'recurrence-until-before-from', 'recurrence.until'],
    ['a recurrence of more than a term', { deadline: undefined, recurrence: { frequency: 'yearly', from: nextYear, until: `${new Date().getUTCFullYear() + 9}-01-01` } }, 422, 'recurrence-too-long', 'recurrence.until'],
    ['an unknown field', { assignee: 'tl-specialist' }, 400, 'validation-failed', 'assignee'],
  ])('refuses %s', async (_what, change, status, reason, field) => {
    const problem = await refusedCreation({ ...valid(), ...change });
    expect(problem).toMatchObject({ status, reason, field });
  });

  it('says that a document issued a moment ago may not have reached tracking yet', async () => {
    const problem = await refusedCreation({ ...valid(), sourceDocumentId: 'doc-just-issued' });
    expect(problem.detail).toMatch(/a few seconds/);
  });

  it("refuses a commune assigning outside its own hierarchy, and someone outside the issuer assigning at all", async () => {
    // The commune's secretary, on the province's document: not a member of the issuer.
    expect(await refusedCreation(valid(), users.tlSecretary)).toMatchObject({ status: 403, reason: 'forbidden', field: 'sourceDocumentId' });
    // The commune's own document, given to the other commune: not below it.
    const communeDoc = `doc-${randomUUID().slice(0, 8)}`;
    await s.t.issue({ documentId: communeDoc, issuer: 'BS-TL-DU', notation: '03-KH/ĐU', type: 'KH' });
    expect(await refusedCreation({ ...valid(), sourceDocumentId: communeDoc, leadOrg: 'BS-HB-DU' }, users.tlSecretary)).toMatchObject({
      status: 422,
      reason: 'outside-hierarchy',
      field: 'leadOrg',
    });
  });

  describe('on an existing task', () => {
    let taskId: string;
    const snapshot = async () => taskModel(s.t.ctx.mongo).findById(taskId).lean();

    beforeAll(async () => {
      const created = await s.call('/v1/tasks', { method: 'POST', json: valid() });
      expect(created.status).toBe(201);
      taskId = ((await created.json()) as { id: string }).id;
      expect((await s.call(`/v1/tasks/${taskId}/accept`, { method: 'POST', json: {}, as: users.tlSpecialist })).status).toBe(200);
    });

    it("answers a report on someone else's task 404 to an outsider and 403 to the assigner, recording nothing", async () => {
      const before = await snapshot();
      const report = { percent: 10, narrative: 'Báo cáo không đúng chỗ' };
      const outsider = await s.call(`/v1/tasks/${taskId}/reports`, { method: 'POST', json: report, as: users.hbSpecialist });
      expect(outsider.status).toBe(404);
      expect(await problemOf(outsider)).toMatchObject({ reason: 'task-not-found' });
      const assigner = await s.call(`/v1/tasks/${taskId}/reports`, { method: 'POST', json: report, as: users.bsSpecialist });
      expect(assigner.status).toBe(403);
      expect(await problemOf(assigner)).toMatchObject({ reason: 'forbidden' });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses evidence that was not uploaded for the task', async () => {
      const before = await snapshot();
      const response = await s.call(`/v1/tasks/${taskId}/reports`, { method: 'POST', json: { percent: 10, narrative: 'x', evidence: ['e'.repeat(64)] }, as: users.tlSpecialist });
      expect(response.status).toBe(422);
      expect(await problemOf(response)).toMatchObject({ reason: 'unknown-evidence', field: 'evidence.0' });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses unknown fields in a step', async () => {
      const before = await snapshot();
      const response = await s.call(`/v1/tasks/${taskId}/reports`, { method: 'POST', json: { percent: 10, narrative: 'x', done: true }, as: users.tlSpecialist });
      expect(response.status).toBe(400);
      expect(await problemOf(response)).toMatchObject({ reason: 'validation-failed', field: 'done' });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an evidence file over the limit with 413, storing nothing', async () => {
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MAX_EVIDENCE_BYTES, 0x20)]);
      const response = await s.call(`/v1/tasks/${taskId}/evidence?name=big.pdf`, { method: 'POST', body: big, headers: { 'content-type': 'application/pdf' }, as: users.tlSpecialist });
      expect(response.status).toBe(413);
      expect(await problemOf(response)).toMatchObject({ reason: 'content-too-large' });
      expect(await evidenceOf(s, taskId)).toEqual([]);
      expect(await blobOf(s, big)).toBeUndefined();
    });

    it('refuses a file whose bytes are not its Content-Type', async () => {
      const response = await s.call(`/v1/tasks/${taskId}/evidence?name=photo.png`, { method: 'POST', body: Buffer.from('%PDF-1.7 not a png'), headers: { 'content-type': 'image/png' }, as: users.tlSpecialist });
      expect(response.status).toBe(422);
      expect(await problemOf(response)).toMatchObject({ reason: 'content-type-mismatch', field: 'Content-Type' });
      expect(await evidenceOf(s, taskId)).toEqual([]);
    });

    it('refuses a report on a closed task with 409, recording nothing', async () => {
      const cancelled = await s.call(`/v1/tasks/${taskId}/cancel`, { method: 'POST', json: { reason: 'Nội dung đã được thay thế' }, as: users.bsSpecialist });
      expect(cancelled.status).toBe(200);
      const before = await snapshot();
      expect(before?.status).toBe('cancelled');
      const response = await s.call(`/v1/tasks/${taskId}/reports`, { method: 'POST', json: { percent: 50, narrative: 'Muộn' }, as: users.tlSpecialist });
      expect(response.status).toBe(409);
      expect(await problemOf(response)).toMatchObject({ reason: 'invalid-transition', field: 'status' });
      expect(await snapshot()).toEqual(before);
    });
  });

  it('answers 404 for a task that does not exist, on reads and steps alike', async () => {
    for (const response of [await s.call('/v1/tasks/TAAAAAAAAAAAAAAAAAAAA'), await s.call('/v1/tasks/TAAAAAAAAAAAAAAAAAAAA/accept', { method: 'POST', json: {}, as: users.tlSpecialist })]) {
      expect(response.status).toBe(404);
      expect(await problemOf(response)).toMatchObject({ reason: 'task-not-found' });
    }
  });
});

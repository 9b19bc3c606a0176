import { Problem } from '@vanthu/shared';
import { ASSIGNER, FakeTracking, LEAD, startApi, type TestApi } from '../support/api-server';

const TASK = '/v1/tasks/TABCDEFGHIJKLMNOPQRST';
const SHA = 'c'.repeat(64);
const newTask = { sourceDocumentId: 'doc-1', title: 'Triển khai Nghị quyết', leadOrg: 'BS-TL-DU', deadline: '2030-01-31' };

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await response.json()) as { status: number; reason: string; field?: string; detail: string };
}

describe('the tracking routes', () => {
  let fake: FakeTracking;
  let api: TestApi;

  beforeEach(async () => {
    fake = new FakeTracking();
    api = await startApi(fake, { maxEvidenceBytes: 1024 });
  });
  afterEach(() => api.close());

  describe('creating a task', () => {
    it('answers 201 with the task and its Location, passing the caller and the body on', async () => {
      const response = await api.call('/v1/tasks', { method: 'POST', json: newTask });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { id: string };
      expect(response.headers.get('location')).toBe(`/v1/tasks/${body.id}`);
      expect(fake.calls).toEqual([{ method: 'createTask', args: [ASSIGNER, newTask, undefined] }]);
    });

    it('answers 200 when an Idempotency-Key found the task of a first call', async () => {
      fake.created = false;
      const response = await api.call('/v1/tasks', { method: 'POST', json: newTask, headers: { 'Idempotency-Key': 'plan-2030-item-1' } });
      expect(response.status).toBe(200);
      expect(fake.calls[0]?.args[2]).toBe('plan-2030-item-1');
    });

    it.each([
      ['an unknown field', { ...newTask, owner: 'me' }, 'owner'],
      ['a title too long', { ...newTask, title: 'x'.repeat(501) }, 'title'],
      ['a deadline that is no date', { ...newTask, deadline: 'next week' }, 'deadline'],
      ['no lead organisation', { sourceDocumentId: 'doc-1', title: 'x', deadline: '2030-01-31' }, 'leadOrg'],
      ['a bad priority', { ...newTask, priority: 'whenever' }, 'priority'],
      ['a due day past the 28th', { ...newTask, deadline: undefined, recurrence: { frequency: 'monthly', from: '2030-01-01', until: '2030-12-31', dueDay: 31 } }, 'recurrence.dueDay'],
      ['an unknown field in the recurrence', { ...newTask, deadline: undefined, recurrence: { frequency: 'monthly', from: '2030-01-01', until: '2030-12-31', every: 2 } }, 'recurrence.every'],
    ])('refuses %s with 400 naming the field, before the application hears of it', async (_what, body, field) => {
      const response = await api.call('/v1/tasks', { method: 'POST', json: body });
      expect(response.status).toBe(400);
      const problem = await problemOf(response);
      expect(problem.reason).toBe('validation-failed');
      expect(problem.field).toBe(field);
      expect(fake.calls).toEqual([]);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const response = await api.call('/v1/tasks', { method: 'POST', json: newTask, headers: { 'Idempotency-Key': 'a b' } });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).field).toBe('Idempotency-Key');
    });

    it('needs a token', async () => {
      const response = await fetch(`${api.url}/v1/tasks`, { method: 'POST', body: JSON.stringify(newTask), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(401);
      expect(fake.calls).toEqual([]);
    });
  });

  describe('listing and reading', () => {
    it('passes the filters on and answers a page', async () => {
      const response = await api.call('/v1/tasks?role=lead&status=assigned&limit=5&cursor=abc', { as: LEAD });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { nextCursor: string }).nextCursor).toBe('abc');
      expect(fake.calls).toEqual([{ method: 'listTasks', args: [LEAD, { limit: 5, role: 'lead', status: 'assigned', cursor: 'abc' }] }]);
    });

    it.each([
      ['limit=101', 'limit'],
      ['role=watching', 'role'],
      ['status=late', 'status'],
      ['colour=red', 'colour'],
    ])('refuses ?%s naming %s', async (query, field) => {
      const response = await api.call(`/v1/tasks?${query}`);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).field).toBe(field);
    });

    it("answers the application's 404 as problem+json", async () => {
      fake.failNext = new Problem(404, 'task-not-found', 'There is no task TABCDEFGHIJKLMNOPQRST.');
      const response = await api.call(TASK);
      expect(response.status).toBe(404);
      expect((await problemOf(response)).reason).toBe('task-not-found');
    });
  });

  describe('the steps of a task', () => {
    it.each([
      ['accept', {}, 'accept', [LEAD, 'TABCDEFGHIJKLMNOPQRST']],
      ['refuse', { reason: 'Không đủ nhân lực' }, 'refuse', [LEAD, 'TABCDEFGHIJKLMNOPQRST', 'Không đủ nhân lực']],
      ['reports', { percent: 40, narrative: 'Đã họp triển khai', evidence: [SHA] }, 'report', [LEAD, 'TABCDEFGHIJKLMNOPQRST', { percent: 40, narrative: 'Đã họp triển khai', evidence: [SHA] }]],
      ['submit', { narrative: 'Hoàn thành' }, 'submit', [LEAD, 'TABCDEFGHIJKLMNOPQRST', { narrative: 'Hoàn thành' }]],
      ['extension-requests', { until: '2030-03-31', reason: 'Chờ kinh phí' }, 'requestExtension', [LEAD, 'TABCDEFGHIJKLMNOPQRST', '2030-03-31', 'Chờ kinh phí']],
      ['extension-decision', { grant: true }, 'decideExtension', [LEAD, 'TABCDEFGHIJKLMNOPQRST', true, undefined]],
      ['accept-result', { comment: 'Tốt' }, 'acceptResult', [LEAD, 'TABCDEFGHIJKLMNOPQRST', 'Tốt']],
      ['return', { reason: 'Thiếu số liệu' }, 'returnTask', [LEAD, 'TABCDEFGHIJKLMNOPQRST', 'Thiếu số liệu']],
      ['reassign', { leadOrg: 'BS-HB-DU' }, 'reassign', [LEAD, 'TABCDEFGHIJKLMNOPQRST', 'BS-HB-DU', undefined]],
      ['cancel', { reason: 'Không còn cần thiết' }, 'cancel', [LEAD, 'TABCDEFGHIJKLMNOPQRST', 'Không còn cần thiết']],
    ])('POST %s answers 200 with the task', async (path, body, method, args) => {
      const response = await api.call(`${TASK}/${path}`, { method: 'POST', json: body, as: LEAD });
      expect(response.status).toBe(200);
      expect(fake.calls).toEqual([{ method, args }]);
    });

    it.each([
      ['accept', { now: true }, 'now'],
      ['refuse', {}, 'reason'],
      ['reports', { percent: 101, narrative: 'x' }, 'percent'],
      ['reports', { percent: 10.5, narrative: 'x' }, 'percent'],
      ['reports', { percent: 10, narrative: '' }, 'narrative'],
      ['reports', { percent: 10, narrative: 'x', evidence: ['not-a-hash'] }, 'evidence.0'],
      ['reports', { percent: 10, narrative: 'x', attachments: [] }, 'attachments'],
      ['submit', { narrative: 'x'.repeat(10_001) }, 'narrative'],
      ['extension-decision', { grant: 'yes' }, 'grant'],
      ['subtasks', { subtasks: [] }, 'subtasks'],
      ['subtasks', { subtasks: [{ title: 'x', leadOrg: 'BS-TL-VP', deadline: '2030-01-15', weight: 0 }] }, 'subtasks.0.weight'],
    ])('POST %s refuses %j naming %s', async (path, body, field) => {
      const response = await api.call(`${TASK}/${path}`, { method: 'POST', json: body, as: LEAD });
      expect(response.status).toBe(400);
      expect((await problemOf(response)).field).toBe(field);
      expect(fake.calls).toEqual([]);
    });

    it('answers a split with 201, the sub-tasks and the first one as Location', async () => {
      const body = { subtasks: [{ title: 'Văn phòng tổng hợp', leadOrg: 'BS-TL-VP', deadline: '2030-01-15', weight: 2 }] };
      const response = await api.call(`${TASK}/subtasks`, { method: 'POST', json: body, as: LEAD, headers: { 'Idempotency-Key': 'split-2030-01' } });
      expect(response.status).toBe(201);
      const { subtasks } = (await response.json()) as { subtasks: Array<{ id: string }> };
      expect(response.headers.get('location')).toBe(`/v1/tasks/${subtasks[0]!.id}`);
      expect(fake.calls).toEqual([{ method: 'addSubtasks', args: [LEAD, 'TABCDEFGHIJKLMNOPQRST', body.subtasks, 'split-2030-01'] }]);
    });
  });

  describe('evidence files', () => {
    const upload = (body: Buffer | string, contentType: string, query = '?name=bao-cao.pdf') =>
      api.call(`${TASK}/evidence${query}`, { method: 'POST', body, headers: { 'content-type': contentType }, as: LEAD });

    it('takes the raw file and answers 201 with its reference', async () => {
      const file = Buffer.from('%PDF-1.7 evidence');
      const response = await upload(file, 'application/pdf');
      expect(response.status).toBe(201);
      expect(response.headers.get('location')).toBe(`${TASK}/evidence/${'a'.repeat(64)}`);
      expect(await response.json()).toEqual({ sha256: 'a'.repeat(64), size: file.length, contentType: 'application/pdf', name: 'bao-cao.pdf' });
      expect(fake.uploaded).toEqual(file);
    });

    it('refuses a file over the limit with 413 content-too-large', async () => {
      const response = await upload(Buffer.alloc(1025, 0x25), 'application/pdf');
      expect(response.status).toBe(413);
      const problem = await problemOf(response);
      expect(problem.reason).toBe('content-too-large');
      expect(fake.uploaded).toBeUndefined();
    });

    it('refuses a body of a type not on the list with 415', async () => {
      const response = await upload('hello', 'text/plain');
      expect(response.status).toBe(415);
      expect((await problemOf(response)).reason).toBe('unsupported-media-type');
      expect(fake.calls).toEqual([]);
    });

    it('needs a name, without path separators', async () => {
      expect((await problemOf(await upload('%PDF-', 'application/pdf', ''))).field).toBe('name');
      const withSlash = await upload('%PDF-', 'application/pdf', `?name=${encodeURIComponent('../etc/passwd')}`);
      expect(withSlash.status).toBe(422);
      expect((await problemOf(withSlash)).reason).toBe('invalid-name');
    });

    it('gives a file back with its type and its name', async () => {
      const response = await api.call(`${TASK}/evidence/${SHA}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Bao cao quy.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo quý.pdf')}`);
      expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-');
    });

    it('refuses a sha256 that is not one', async () => {
      const response = await api.call(`${TASK}/evidence/xyz`);
      expect(response.status).toBe(400);
      expect((await problemOf(response)).field).toBe('sha256');
    });
  });
});

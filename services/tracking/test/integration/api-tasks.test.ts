import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '@vanthu/shared';
import { startApiStack, users, type ApiStack } from '../support/api-stack';

interface Task {
  id: string;
  status: string;
  seq: number;
  progress: number;
  leadOrg: string;
  deadline: string;
  source: { documentId: string; notation: string };
  reports: Array<{ kind: string; percent: number; evidence: Array<{ sha256: string; name: string }> }>;
  history: Array<{ action: string; actor?: string }>;
}

const pdf = Buffer.from('%PDF-1.7\n% Biên bản họp triển khai\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;

/** A task through the tracking API as it runs: assigned, accepted, reported with evidence, submitted, accepted. */
describe('the tracking API, a task from assignment to done', () => {
  let s: ApiStack;
  const documentId = `doc-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    s = await startApiStack();
    await s.t.issue({ documentId, notation: '12-NQ/TU', type: 'NQ' });
  }, 180_000);
  afterAll(() => s?.close());

  const post = async (path: string, json: unknown, as: Principal = users.tlSpecialist, headers: Record<string, string> = {}) => {
    const response = await s.call(path, { method: 'POST', json, as, headers });
    const body = (await response.json()) as Task & { reason?: string; field?: string; detail?: string };
    return { status: response.status, body, headers: response.headers };
  };

  it('goes create → accept → report with evidence → submit → accept-result', async () => {
    const created = await post(
      '/v1/tasks',
      { sourceDocumentId: documentId, title: 'Xây dựng kế hoạch thực hiện Nghị quyết', clause: 'Mục III.2', leadOrg: 'BS-TL-DU', cooperating: ['BS-HB-DU'], deadline: nextYear, priority: 'high' },
      users.bsSpecialist,
    );
    expect(created.status).toBe(201);
    const task = created.body;
    expect(task.id).toMatch(/^T[A-Z2-7]{20}$/);
    expect(created.headers.get('location')).toBe(`/v1/tasks/${task.id}`);
    expect(task).toMatchObject({ status: 'assigned', leadOrg: 'BS-TL-DU', source: { documentId, notation: '12-NQ/TU' } });
    // A date is the end of that day in Vietnam.
    expect(task.deadline).toBe(new Date(`${nextYear}T23:59:59+07:00`).toISOString());

    // Seen by the lead, a cooperating organisation and the organisation above the lead; not by an outsider's office below.
    for (const who of [users.tlSecretary, users.hbSpecialist, users.bsArchivist]) expect((await s.call(`/v1/tasks/${task.id}`, { as: who })).status).toBe(200);
    expect((await s.call(`/v1/tasks/${task.id}`, { as: users.tlVpChief })).status).toBe(404);
    const listed = (await (await s.call('/v1/tasks?role=lead', { as: users.tlSpecialist })).json()) as { items: Task[] };
    expect(listed.items.map((t) => t.id)).toContain(task.id);

    expect((await post(`/v1/tasks/${task.id}/accept`, {}, users.tlSecretary)).body.status).toBe('accepted');

    const uploaded = await s.call(`/v1/tasks/${task.id}/evidence?name=${encodeURIComponent('Biên bản họp.pdf')}`, {
      method: 'POST',
      body: pdf,
      headers: { 'content-type': 'application/pdf' },
      as: users.tlSpecialist,
    });
    expect(uploaded.status).toBe(201);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(await uploaded.json()).toEqual({ sha256, size: pdf.length, contentType: 'application/pdf', name: 'Biên bản họp.pdf' });

    const reported = await post(`/v1/tasks/${task.id}/reports`, { percent: 40, narrative: 'Đã họp triển khai, giao các ban xây dựng dự thảo', evidence: [sha256] });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(reported.body.reports[0]).toMatchObject({ kind: 'progress', percent: 40, evidence: [{ sha256, name: 'Biên bản họp.pdf' }] });

    // Whoever sees the task reads the file back, byte for byte.
    const download = await s.call(`/v1/tasks/${task.id}/evidence/${sha256}`, { as: users.bsSpecialist });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
    expect((await s.call(`/v1/tasks/${task.id}/evidence/${sha256}`, { as: users.tlVpChief })).status).toBe(404);

    const submitted = await post(`/v1/tasks/${task.id}/submit`, { narrative: 'Đã ban hành kế hoạch thực hiện', evidence: [sha256], documentRef: '05-KH/ĐU' });
    expect(submitted.body.status).toBe('submitted');

    const done = await post(`/v1/tasks/${task.id}/accept-result`, { comment: 'Đạt yêu cầu' }, users.bsSpecialist);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    expect(done.body.history.map((h) => h.action)).toEqual(['assigned', 'accepted', 'progress-reported', 'submitted', 'completed']);
  });

  it('finds the first task again on a retry with the same Idempotency-Key', async () => {
    const body = { sourceDocumentId: documentId, title: 'Báo cáo sơ kết', leadOrg: 'BS-HB-DU', deadline: nextYear };
    const key = `it-${randomUUID()}`;
    const first = await post('/v1/tasks', body, users.bsSpecialist, { 'Idempotency-Key': key });
    const again = await post('/v1/tasks', body, users.bsSpecialist, { 'Idempotency-Key': key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect(await s.traces('BS-TU', key)).toMatchObject({ record: true, workflow: true });
  });

  it('records a progress report sent again under its Idempotency-Key once, even when both arrive together', async () => {
    // A portal resending after a lost answer (a chaos run once recorded such a report twice).
    const task = (await post('/v1/tasks', { sourceDocumentId: documentId, title: 'Báo cáo tiến độ quý', leadOrg: 'BS-TL-DU', deadline: nextYear }, users.bsSpecialist)).body;
    const accepted = { 'Idempotency-Key': `it-${randomUUID()}` };
    expect((await post(`/v1/tasks/${task.id}/accept`, {}, users.tlSecretary, accepted)).body.status).toBe('accepted');
    // The same step again under its key: answered with the task as it is, not refused as out of turn.
    const acceptedAgain = await post(`/v1/tasks/${task.id}/accept`, {}, users.tlSecretary, accepted);
    expect([acceptedAgain.status, acceptedAgain.body.status]).toEqual([200, 'accepted']);

    const report = { percent: 30, narrative: 'Đã xây dựng dự thảo kế hoạch' };
    const key = { 'Idempotency-Key': `it-${randomUUID()}` };
    const both = await Promise.all([post(`/v1/tasks/${task.id}/reports`, report, users.tlSpecialist, key), post(`/v1/tasks/${task.id}/reports`, report, users.tlSpecialist, key)]);
    const late = await post(`/v1/tasks/${task.id}/reports`, report, users.tlSpecialist, key);
    expect([...both, late].map((r) => r.status)).toEqual([200, 200, 200]);
    // Another person's request under the same key is their own.
    const other = await post(`/v1/tasks/${task.id}/reports`, { percent: 60, narrative: 'Đã ban hành kế hoạch' }, users.tlSecretary, key);
    expect(other.status).toBe(200);

    const read = (await (await s.call(`/v1/tasks/${task.id}`, { as: users.tlSpecialist })).json()) as Task;
    expect(read.reports.map((r) => r.percent)).toEqual([30, 60]);
    expect(read.history.map((h) => h.action)).toEqual(['assigned', 'accepted', 'progress-reported', 'progress-reported']);
    // One event per transition (its seq): assigned, accepted and the two reports.
    expect(read.seq).toBe(4);
  });

  it('splits a task among the offices below its lead, and will not submit it while they are open', async () => {
    const parent = (await post('/v1/tasks', { sourceDocumentId: documentId, title: 'Tổng kết công tác xây dựng Đảng', leadOrg: 'BS-TL-DU', deadline: nextYear }, users.bsSpecialist)).body;
    await post(`/v1/tasks/${parent.id}/accept`, {}, users.tlSecretary);
    const outside = await post(`/v1/tasks/${parent.id}/subtasks`, { subtasks: [{ title: 'Phần của phường', leadOrg: 'BS-HB-DU', deadline: nextYear }] });
    expect(outside.status).toBe(422);
    expect(outside.body).toMatchObject({ reason: 'outside-hierarchy', field: 'subtasks.0.leadOrg' });

    const split = await s.call(`/v1/tasks/${parent.id}/subtasks`, {
      method: 'POST',
      as: users.tlSpecialist,
      json: { subtasks: [{ title: 'Tổng hợp số liệu', leadOrg: 'BS-TL-VP', deadline: nextYear, weight: 2 }] },
    });
    expect(split.status).toBe(201);
    const { subtasks } = (await split.json()) as { subtasks: Array<Task & { parentTaskId: string; depth: number }> };
    expect(subtasks).toHaveLength(1);
    expect(subtasks[0]).toMatchObject({ status: 'assigned', leadOrg: 'BS-TL-VP', parentTaskId: parent.id, depth: 1 });
    // The office sees its own sub-task.
    expect((await s.call(`/v1/tasks/${subtasks[0]!.id}`, { as: users.tlVpChief })).status).toBe(200);

    const blocked = await post(`/v1/tasks/${parent.id}/submit`, { narrative: 'Xong' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.reason).toBe('subtasks-open');
  });
});

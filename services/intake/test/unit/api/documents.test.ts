import { createHash } from 'node:crypto';
import http from 'node:http';
import { issueToken } from '@vanthu/shared';
import type { DocumentView, UploadedFile } from '../../../src/app/ports';
import { FakeIntake } from './support/fake-intake';
import { draftForm, DRAFT, PDF, problemOf } from './support/drafts';
import { SPECIALIST, startApi, TEST_SECRET, type TestApi } from './support/api-server';

describe('document routes', () => {
  let intake: FakeIntake;
  let api: TestApi;

  beforeEach(async () => {
    intake = new FakeIntake();
    api = await startApi(intake);
  });
  afterEach(() => api.close());

  const create = async (form = draftForm({ attachments: [Buffer.from('phụ lục')] })) => {
    const response = await api.call('/v1/documents', { method: 'POST', body: form, headers: { 'idempotency-key': crypto.randomUUID() } });
    return { response, view: (await response.clone().json()) as DocumentView };
  };
  const post = (path: string, body?: unknown) =>
    api.call(path, {
      method: 'POST',
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  it('creates a draft: 201, Location, the files with their declared types, the defaults filled in', async () => {
    const { response, view } = await create();
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/documents/${view.id}`);
    expect(view).toMatchObject({ status: 'draft', subject: DRAFT.subject, issuer: 'BS-TU' });

    const [call] = intake.callsOf('createDraft');
    expect(call?.principal).toEqual(SPECIALIST);
    expect(call?.args[0]).toEqual({ ...DRAFT, issuer: 'BS-TU', urgency: 'normal', secrecy: 'none' });
    const files = call?.args[1] as UploadedFile[];
    expect(files.map((f) => [f.field, f.filename, f.declaredType])).toEqual([
      ['content', 'nghi-quyet.pdf', 'application/pdf'],
      ['attachments', 'phu-luc-1.pdf', 'application/pdf'],
    ]);
    expect(files[0]?.data.equals(PDF)).toBe(true);
  });

  it('accepts the metadata part sent as a JSON file', async () => {
    const form = new FormData();
    form.append('metadata', new Blob([JSON.stringify(DRAFT)], { type: 'application/json' }), 'draft.json');
    form.append('content', new Blob([PDF], { type: 'application/pdf' }), 'nq.pdf');
    expect((await create(form)).response.status).toBe(201);
  });

  it("passes the application's problems through as problem+json", async () => {
    const { response } = await create(draftForm({ metadata: { ...DRAFT, issuer: 'NOWHERE' } }));
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toMatchObject({ reason: 'unknown-organisation', field: 'issuer' });
    const missing = await api.call('/v1/documents/doc-404');
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).reason).toBe('document-not-found');
  });

  it('revises a draft from JSON or from multipart', async () => {
    const { view } = await create();
    const patched = await api.call(`/v1/documents/${view.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject: 'Sửa trích yếu' }),
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as DocumentView).subject).toBe('Sửa trích yếu');

    const form = new FormData();
    form.append('metadata', JSON.stringify({ urgency: 'khan' }));
    form.append('content', new Blob([PDF], { type: 'application/pdf' }), 'v2.pdf');
    expect((await api.call(`/v1/documents/${view.id}`, { method: 'PATCH', body: form })).status).toBe(200);
    const revise = intake.callsOf('reviseDraft');
    expect(revise[0]?.args.slice(0, 3)).toEqual([view.id, { subject: 'Sửa trích yếu' }, []]);
    expect(revise[1]?.args[1]).toEqual({ urgency: 'khan' });
    expect((revise[1]?.args[2] as UploadedFile[]).map((f) => f.field)).toEqual(['content']);
  });

  it('runs every lifecycle action with its arguments', async () => {
    const { view } = await create();
    const id = view.id;
    expect((await post(`/v1/documents/${id}/submit`)).status).toBe(200);
    expect((await post(`/v1/documents/${id}/approve`, { comment: 'Đồng ý' })).status).toBe(200);
    expect((await post(`/v1/documents/${id}/approve`)).status).toBe(200);
    expect((await post(`/v1/documents/${id}/return`, { reason: 'Bổ sung số liệu' })).status).toBe(200);
    expect((await post(`/v1/documents/${id}/reject`, { reason: 'Trùng nội dung' })).status).toBe(200);
    expect((await post(`/v1/documents/${id}/sign`)).status).toBe(200);
    const issued = await post(`/v1/documents/${id}/issue`);
    expect(((await issued.json()) as DocumentView).status).toBe('issued');
    expect((await post(`/v1/documents/${id}/recall`, { reason: 'Sai sót' })).status).toBe(200);
    expect(intake.calls.slice(1).map((c) => [c.method, ...c.args])).toEqual([
      ['submit', id],
      ['approve', id, 'Đồng ý'],
      ['approve', id, undefined],
      ['returnForRevision', id, 'Bổ sung số liệu'],
      ['reject', id, 'Trùng nội dung'],
      ['sign', id],
      ['issue', id],
      ['recall', id, 'Sai sót'],
    ]);
  });

  it('serves a blob with its content type and its hash as ETag, and 304 when the caller has it', async () => {
    const { view } = await create();
    const sha = createHash('sha256').update(PDF).digest('hex');
    const response = await api.call(`/v1/documents/${view.id}/blobs/${sha}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('etag')).toBe(`"${sha}"`);
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    // Not fetch: it adds Cache-Control: no-cache to conditional requests, which rightly defeats a 304.
    const again = await new Promise<number | undefined>((resolve, reject) => {
      const headers = { authorization: `Bearer ${issueToken(TEST_SECRET, SPECIALIST, 60)}`, 'if-none-match': `"${sha}"` };
      http.get(`${api.url}/v1/documents/${view.id}/blobs/${sha}`, { headers }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect(again).toBe(304);
    expect(intake.callsOf('getDocumentBlob')).toHaveLength(2);
  });

  it('lists and reads incoming documents and runs their actions', async () => {
    const post2 = (path: string, body?: unknown) => post(path, body);
    expect((await api.call('/v1/incoming?status=arrived&from=2026-01-01')).status).toBe(200);
    expect(intake.callsOf('listIncoming')[0]?.args[0]).toEqual({ status: 'arrived', from: '2026-01-01', page: 1, pageSize: 20 });
    expect((await api.call('/v1/incoming?handler=tl-specialist')).status).toBe(200);
    expect(intake.callsOf('listIncoming')[1]?.args[0]).toEqual({ handler: 'tl-specialist', page: 1, pageSize: 20 });
    expect((await api.call('/v1/incoming/doc-1@BS-TL-DU')).status).toBe(200);
    expect((await post2('/v1/incoming/doc-1@BS-TL-DU/assign', { handler: 'tl-specialist', deadline: '2026-03-15' })).status).toBe(200);
    expect((await post2('/v1/incoming/doc-1@BS-TL-DU/start')).status).toBe(200);
    expect((await post2('/v1/incoming/doc-1@BS-TL-DU/complete', { report: 'Đã triển khai' })).status).toBe(200);
    expect((await post2('/v1/incoming/doc-1@BS-TL-DU/refuse', { reason: 'Không đúng thẩm quyền' })).status).toBe(200);
    expect(intake.calls.slice(3).map((c) => [c.method, ...c.args])).toEqual([
      ['assignIncoming', 'doc-1@BS-TL-DU', 'tl-specialist', '2026-03-15'],
      ['startProcessing', 'doc-1@BS-TL-DU'],
      ['completeIncoming', 'doc-1@BS-TL-DU', 'Đã triển khai'],
      ['refuseIncoming', 'doc-1@BS-TL-DU', 'Không đúng thẩm quyền'],
    ]);
  });

  it('holds its own answers to the contract: a view that breaks it becomes a 500', async () => {
    const { view } = await create();
    intake.corruptNextView = true;
    const response = await api.call(`/v1/documents/${view.id}`);
    expect(response.status).toBe(500);
    expect((await problemOf(response)).reason).toBe('response-invalid');
  });
});

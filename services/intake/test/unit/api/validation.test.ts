import { FakeIntake } from './support/fake-intake';
import { draftForm, DRAFT, PDF, problemOf } from './support/drafts';
import { ADMIN, startApi, TEST_SETTINGS, type TestApi } from './support/api-server';

describe('request validation against the OpenAPI document', () => {
  let intake: FakeIntake;
  let api: TestApi;

  beforeAll(async () => {
    intake = new FakeIntake();
    api = await startApi(intake);
  });
  afterAll(() => api.close());
  beforeEach(() => intake.calls.splice(0));

  const json = (body: unknown, key: string = crypto.randomUUID()) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
    as: ADMIN,
  });
  const postDraft = (form: FormData, headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() }) =>
    api.call('/v1/documents', { method: 'POST', body: form, headers });

  async function expectField(response: Response, status: number, field: string, reason?: string) {
    const problem = await problemOf(response);
    expect({ status: response.status, field: problem.field }).toEqual({ status, field });
    if (reason) expect(problem.reason).toBe(reason);
    return problem;
  }

  const ORG = { code: 'BS-NEW', name: 'Đảng ủy mới', level: 'commune', parent: 'BS-TU', notationCode: 'ĐU', numbering: { period: 'calendar-year' } };

  it('names a missing required field of a JSON body', async () => {
    const { name: _name, ...noName } = ORG;
    const problem = await expectField(await api.call('/v1/organisations', json(noName)), 400, 'name', 'validation-failed');
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name', reason: 'required' })]));
    expect(intake.calls).toHaveLength(0);
  });

  it('refuses a value outside an enum, naming the field', async () => {
    await expectField(await api.call('/v1/organisations', json({ ...ORG, level: 'district' })), 400, 'level', 'validation-failed');
    const user = { id: 'x', fullName: 'X', position: 'Y', role: 'boss', org: 'BS-TU', email: 'x@demo.vanthu.local' };
    await expectField(await api.call('/v1/users', json(user)), 400, 'role');
    expect(intake.calls).toHaveLength(0);
  });

  it('refuses a field the contract does not have', async () => {
    await expectField(await api.call('/v1/organisations', json({ ...ORG, colour: 'red' })), 400, 'colour');
    await expectField(await postDraft(draftForm({ metadata: { ...DRAFT, colour: 'red' } })), 400, 'colour');
    expect(intake.calls).toHaveLength(0);
  });

  it('requires an Idempotency-Key on a create', async () => {
    const response = await api.call('/v1/organisations', { ...json(ORG), headers: { 'content-type': 'application/json' } });
    await expectField(response, 400, 'Idempotency-Key');
    await expectField(await api.call('/v1/organisations', json(ORG, 'k'.repeat(201))), 400, 'Idempotency-Key');
    expect(intake.calls).toHaveLength(0);
  });

  it('names the field of the metadata part of a multipart draft', async () => {
    await expectField(await postDraft(draftForm({ metadata: { ...DRAFT, type: 'XYZ' } })), 400, 'type', 'validation-failed');
    await expectField(await postDraft(draftForm({ metadata: { ...DRAFT, urgency: 'asap' } })), 400, 'urgency');
    await expectField(await postDraft(draftForm({ metadata: { ...DRAFT, secrecy: 'secret' } })), 400, 'secrecy');
    await expectField(
      await postDraft(draftForm({ metadata: { ...DRAFT, signer: { userId: 'bs-secretary', authority: 'X/Y' } } })),
      400,
      'signer.authority',
    );
    const { subject: _subject, ...noSubject } = DRAFT;
    await expectField(await postDraft(draftForm({ metadata: noSubject })), 400, 'subject');
    expect(intake.calls).toHaveLength(0);
  });

  it('refuses metadata that is not JSON', async () => {
    await expectField(await postDraft(draftForm({ metadata: '{"type": "NQ",' })), 400, 'metadata', 'malformed-json');
  });

  it('answers 400 naming content when the PDF part is missing', async () => {
    await expectField(await postDraft(draftForm({ content: null })), 400, 'content');
    expect(intake.calls).toHaveLength(0);
  });

  it('refuses a draft sent as JSON instead of multipart', async () => {
    const response = await api.call('/v1/documents', { ...json(DRAFT), as: undefined });
    expect(response.status).toBe(415);
    expect((await problemOf(response)).reason).toBe('unsupported-media-type');
  });

  it('answers 413 naming the content part when the PDF is too large', async () => {
    const big = Buffer.alloc(TEST_SETTINGS.maxContentBytes + 1, 0x20);
    await expectField(await postDraft(draftForm({ content: big })), 413, 'content', 'file-too-large');
    expect(intake.calls).toHaveLength(0);
  });

  it('answers 413 naming attachments when one is too large or there are too many', async () => {
    const big = Buffer.alloc(TEST_SETTINGS.maxContentBytes + 1, 0x20);
    await expectField(await postDraft(draftForm({ attachments: [PDF, big] })), 413, 'attachments', 'file-too-large');
    const many = Array.from({ length: TEST_SETTINGS.maxAttachments + 1 }, () => PDF);
    await expectField(await postDraft(draftForm({ attachments: many })), 413, 'attachments', 'too-many-attachments');
    expect(intake.calls).toHaveLength(0);
  });

  it('accepts attachments up to the limit', async () => {
    const some = Array.from({ length: TEST_SETTINGS.maxAttachments }, (_, i) => Buffer.from(`${PDF.toString()}${i}`));
    expect((await postDraft(draftForm({ attachments: some }))).status).toBe(201);
  });

  it('checks query parameters: page size, dates, enums, unknown names', async () => {
    await expectField(await api.call('/v1/documents?pageSize=101'), 400, 'pageSize');
    await expectField(await api.call('/v1/documents?from=2026-13-40'), 400, 'from');
    await expectField(await api.call('/v1/documents?status=lost'), 400, 'status');
    await expectField(await api.call('/v1/incoming?status=02'), 400, 'status');
    await expectField(await api.call('/v1/documents?colour=red'), 400, 'colour');
    await expectField(await api.call('/v1/documents?signed=maybe'), 400, 'signed');
    expect(intake.calls).toHaveLength(0);
  });

  it('passes converted filters and paging to the application', async () => {
    expect((await api.call('/v1/documents?type=NQ&number=15&pageSize=5')).status).toBe(200);
    expect(intake.callsOf('listDocuments')[0]?.args[0]).toEqual({ type: 'NQ', number: 15, page: 1, pageSize: 5 });
    expect((await api.call('/v1/documents?createdBy=bs-specialist&awaiting=bs-deputy&signed=false')).status).toBe(200);
    expect(intake.callsOf('listDocuments')[1]?.args[0]).toEqual({ createdBy: 'bs-specialist', awaiting: 'bs-deputy', signed: false, page: 1, pageSize: 20 });
  });

  it('checks action bodies', async () => {
    const post = (path: string, body: unknown) =>
      api.call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await expectField(await post('/v1/documents/doc-1/reject', {}), 400, 'reason');
    await expectField(await post('/v1/incoming/doc-1@BS-TL-DU/assign', { handler: 'tl-specialist', deadline: 'tomorrow' }), 400, 'deadline');
    await expectField(await api.call('/v1/documents/doc-1/blobs/not-a-hash'), 400, 'sha256');
    expect(intake.calls).toHaveLength(0);
  });

  it('answers 404 problem+json for a route the contract does not have', async () => {
    const response = await api.call('/v1/nowhere');
    expect(response.status).toBe(404);
    expect((await problemOf(response)).reason).toBe('route-not-found');
  });
});

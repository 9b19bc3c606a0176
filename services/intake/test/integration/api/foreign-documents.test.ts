import { randomUUID } from 'node:crypto';
import type { DraftInput, Principal, UploadedFile } from '../../../src/app/ports';
import { incomingModel } from '../../../src/records/incoming';
import { as, receiveCopy, startIntakeHarness, type IntakeHarness } from '../../support/harness';
import { makePdf } from '../../support/pdf';
import { ADMIN, startApi, type TestApi } from '../../unit/api/support/api-server';

/**
 * Acting on a document must tell no more than reading it: through the real API, application,
 * Temporal and database, someone outside the document's organisations gets the read's 404 for
 * every action, while its own people still hear why an action is refused.
 */

const draft = (overrides: Partial<DraftInput> = {}): DraftInput => ({
  type: 'NQ',
  subject: 'Nghị quyết về công tác cán bộ',
  issuer: 'BS-TU',
  signer: { userId: 'bs-secretary', authority: 'T/M' },
  approvers: ['bs-deputy'],
  recipients: ['BS-TL-DU'],
  urgency: 'normal',
  secrecy: 'none',
  ...overrides,
});

const pdf = async (title: string): Promise<UploadedFile> => ({ field: 'content', filename: `${title}.pdf`, declaredType: 'application/pdf', data: await makePdf(title) });

/** The outgoing transitions as a portal sends them, each with a valid body. */
const TRANSITIONS: Array<[string, unknown]> = [
  ['submit', undefined],
  ['approve', { comment: 'Đồng ý' }],
  ['return', { reason: 'Bổ sung' }],
  ['reject', { reason: 'Không phù hợp' }],
  ['sign', undefined],
  ['issue', undefined],
  ['recall', { reason: 'Thu hồi' }],
];

const INCOMING_ACTIONS: Array<[string, unknown]> = [
  ['assign', { handler: 'tl-specialist', deadline: '2026-12-31' }],
  ['start', undefined],
  ['complete', { report: 'Đã triển khai' }],
  ['refuse', { reason: 'Không thuộc thẩm quyền' }],
];

describe('actions on documents of other organisations (real API, Temporal, MongoDB)', () => {
  let h: IntakeHarness;
  let api: TestApi;
  let documentId: string;
  let incomingId: string;

  const send = (method: string, path: string, who: Principal, body?: unknown) =>
    api.call(path, {
      method,
      as: who,
      headers: { 'idempotency-key': randomUUID(), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  /** Status and body, without `instance` (the path, which differs between a read and an action). */
  async function answer(response: Response) {
    const { instance: _instance, ...body } = (await response.json()) as Record<string, unknown>;
    return { status: response.status, body };
  }

  beforeAll(async () => {
    h = await startIntakeHarness();
    api = await startApi(h.app, { edge: { maxInFlight: 1000 } });
    const created = await h.app.createDraft(as.specialist, draft(), [await pdf('foreign')], { idempotencyKey: randomUUID() });
    documentId = created.id;
    await h.app.submit(as.specialist, documentId);
    incomingId = await receiveCopy(h, created, 'BS-TL-DU');
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await h?.stop();
  }, 60_000);

  it.each(TRANSITIONS)('answers %s by another organisation exactly as a read: 404', async (name, body) => {
    const read = await answer(await send('GET', `/v1/documents/${documentId}`, as.hbClerk));
    expect(read).toEqual({ status: 404, body: expect.objectContaining({ reason: 'document-not-found' }) });
    const acted = await answer(await send('POST', `/v1/documents/${documentId}/${name}`, as.hbClerk, body));
    expect(acted).toEqual(read);
    // And the same as for a document that does not exist at all.
    const missing = randomUUID();
    const readMissing = await answer(await send('GET', `/v1/documents/${missing}`, as.hbClerk));
    expect(await answer(await send('POST', `/v1/documents/${missing}/${name}`, as.hbClerk, body))).toEqual(readMissing);
  });

  it('answers a revision by another organisation exactly as a read: 404', async () => {
    const read = await answer(await send('GET', `/v1/documents/${documentId}`, as.hbSpecialist));
    const revised = await answer(await send('PATCH', `/v1/documents/${documentId}`, as.hbSpecialist, { subject: 'Đổi trích yếu' }));
    expect(revised).toEqual(read);
    expect(read.status).toBe(404);
  });

  it("still tells the document's own people why an action is refused", async () => {
    expect(await answer(await send('POST', `/v1/documents/${documentId}/approve`, as.specialist, {}))).toMatchObject({ status: 403, body: { reason: 'not-your-turn' } });
    expect(await answer(await send('POST', `/v1/documents/${documentId}/submit`, as.specialist))).toMatchObject({ status: 409, body: { reason: 'invalid-transition' } });
    // The document is still in review: nothing the others sent changed it.
    const view = (await (await send('GET', `/v1/documents/${documentId}`, as.specialist)).json()) as { status: string; currentApprover: string };
    expect(view).toMatchObject({ status: 'in_review', currentApprover: 'bs-deputy' });
  });

  it('lets an admin read it, and refuses the action as the workflow decides', async () => {
    expect((await send('GET', `/v1/documents/${documentId}`, ADMIN)).status).toBe(200);
    expect(await answer(await send('POST', `/v1/documents/${documentId}/approve`, ADMIN, {}))).toMatchObject({ status: 403, body: { reason: 'not-your-turn' } });
  });

  it.each(INCOMING_ACTIONS)("answers %s on another organisation's incoming copy exactly as a read: 404", async (name, body) => {
    const read = await answer(await send('GET', `/v1/incoming/${incomingId}`, as.hbClerk));
    expect(read).toEqual({ status: 404, body: expect.objectContaining({ reason: 'incoming-not-found' }) });
    expect(await answer(await send('POST', `/v1/incoming/${incomingId}/${name}`, as.hbClerk, body))).toEqual(read);
    // The sender's own clerk has no part in the recipient's copy either.
    const readBySender = await answer(await send('GET', `/v1/incoming/${incomingId}`, as.clerk));
    expect(await answer(await send('POST', `/v1/incoming/${incomingId}/${name}`, as.clerk, body))).toEqual(readBySender);
    expect(readBySender.status).toBe(404);
  });

  describe.each([
    ['done', '06'],
    ['rejected', '02'],
  ])('a finished copy (%s)', (status, statusCode) => {
    beforeAll(async () => {
      // As its workflow leaves it when it closes: the record in its final state, no workflow to update.
      await incomingModel(h.ctx.mongo).updateOne({ _id: incomingId }, { $set: { status, statusCode, handler: 'tl-specialist' } });
    });

    it.each(INCOMING_ACTIONS)('answers %s by its own organisation with 409, naming the state', async (name, body) => {
      const who = name === 'start' || name === 'complete' ? as.tlSpecialist : as.tlClerk;
      const acted = await answer(await send('POST', `/v1/incoming/${incomingId}/${name}`, who, body));
      expect(acted).toMatchObject({ status: 409, body: { reason: 'invalid-transition', field: 'status' } });
      expect(String(acted.body.detail)).toContain(status);
    });
  });
});

import { randomUUID } from 'node:crypto';
import type { Principal } from '@vanthu/shared';
import { archiveDocument } from '../../src/packages/archive-document';
import { closedFile, proposedDisposition, startArchiveApi, type ArchiveApi } from '../support/archive-api';
import { sampleInput } from '../support/archive-env';
import { call, USERS } from '../support/http-app';

const PROBLEM = 'application/problem+json';

describe('the archive API’s trust boundary: who may do what, to which organisation’s records (real MongoDB and Temporal)', () => {
  let api: ArchiveApi;
  let url: string;
  let own: string;
  let othersPackage: string;

  beforeAll(async () => {
    api = await startArchiveApi();
    url = api.url;
    own = (await archiveDocument(api.env.archive, await sampleInput(api.env.blobs, { issuerCode: 'BS-TU', subject: 'Nghị quyết của Tỉnh ủy' }))).packageId;
    othersPackage = (await archiveDocument(api.env.archive, await sampleInput(api.env.blobs, { issuerCode: 'BS-TL-DU', subject: 'Nghị quyết của Đảng ủy xã' }))).packageId;
  });

  afterAll(() => api?.close());

  const openFile = async (as: Principal = USERS.archivist) => {
    const created = await call(`${url}/v1/work-files`, 'POST', { code: `HS-${randomUUID().slice(0, 8)}`, title: 'Hồ sơ' }, as);
    expect(created.status).toBe(201);
    return created.body._id as string;
  };

  it('answers 401 without a token on every route not declared public, and serves the public ones', async () => {
    const concrete = (path: string) => path.replace(/:[A-Za-z]+/g, 'x');
    const closed = api.routes.filter((r) => !r.policy.public);
    expect(closed.length).toBeGreaterThan(15);
    for (const route of closed) {
      const answer = await call(`${url}${concrete(route.path)}`, route.method.toUpperCase(), route.method === 'get' ? undefined : {}, null);
      expect({ route: `${route.method} ${route.path}`, status: answer.status, type: answer.contentType }).toEqual({ route: `${route.method} ${route.path}`, status: 401, type: expect.stringContaining(PROBLEM) });
    }
    expect(api.routes.filter((r) => r.policy.public).map((r) => r.path).sort()).toEqual(
      ['/v1/log/proofs/consistency', '/v1/log/public-key', '/v1/log/tree-head', '/v1/log/tree-heads/:treeSize'].sort(),
    );
    expect((await call(`${url}/v1/log/tree-head`, 'GET', undefined, null)).status).toBe(200);
    expect((await call(`${url}/v1/log/proofs/inclusion?packageId=${own}`, 'GET', undefined, null)).status).toBe(401);
  });

  it('refuses a specialist (or a clerk) packages, export and legal holds: 403', async () => {
    const id = await openFile();
    for (const who of [USERS.specialist, USERS.clerk]) {
      for (const [method, path, body] of [
        ['GET', '/v1/packages', undefined],
        ['GET', `/v1/packages/${own}`, undefined],
        ['GET', `/v1/work-files/${id}/export`, undefined],
        ['POST', `/v1/work-files/${id}/holds`, { reason: 'Thanh tra' }],
        ['POST', '/v1/holds/hold_x/release', {}],
      ] as const) {
        expect({ who: who.userId, path, status: (await call(`${url}${path}`, method, body, who)).status }).toEqual({ who: who.userId, path, status: 403 });
      }
    }
    // Holds are the leadership's: the archivist keeps the files but cannot place one either.
    expect((await call(`${url}/v1/work-files/${id}/holds`, 'POST', { reason: 'Thanh tra' }, USERS.archivist)).status).toBe(403);
  });

  it('keeps another organisation’s packages and work files out of sight: 404, and absent from lists and counts', async () => {
    expect(await call(`${url}/v1/packages/${othersPackage}`, 'GET')).toMatchObject({ status: 404, contentType: expect.stringContaining(PROBLEM), body: { reason: 'package-not-found' } });
    expect((await call(`${url}/v1/packages/${own}`, 'GET')).status).toBe(200);
    const mine = await call(`${url}/v1/packages`, 'GET');
    expect(mine.body).toMatchObject({ total: 1, items: [{ packageId: own }] });
    expect((await call(`${url}/v1/packages?issuer=BS-TL-DU`, 'GET')).body).toMatchObject({ total: 0, items: [] });
    expect((await call(`${url}/v1/packages?q=${encodeURIComponent('Đảng ủy xã')}`, 'GET')).body.total).toBe(0);
    expect((await call(`${url}/v1/packages`, 'GET', undefined, USERS.communeArchivist)).body).toMatchObject({ total: 1, items: [{ packageId: othersPackage }] });
    expect((await call(`${url}/v1/log/proofs/inclusion?packageId=${othersPackage}`, 'GET')).status).toBe(404);
    expect((await call(`${url}/v1/log/proofs/inclusion?packageId=${own}`, 'GET')).status).toBe(200);

    const id = await openFile();
    expect(await call(`${url}/v1/work-files/${id}/documents`, 'POST', { packageId: othersPackage })).toMatchObject({ status: 404, body: { reason: 'package-not-found' } });
    for (const [method, path, body, who] of [
      ['GET', `/v1/work-files/${id}`, undefined, USERS.communeArchivist],
      ['GET', `/v1/work-files/${id}/export`, undefined, USERS.communeArchivist],
      ['POST', `/v1/work-files/${id}/documents`, { packageId: othersPackage }, USERS.communeArchivist],
      ['POST', `/v1/work-files/${id}/close`, {}, USERS.communeArchivist],
      ['POST', `/v1/work-files/${id}/holds`, { reason: 'Thanh tra' }, USERS.communeLeader],
      ['POST', `/v1/work-files/${id}/disposition`, {}, USERS.communeArchivist],
      ['GET', `/v1/dispositions/disposition-${id}`, undefined, USERS.communeLeader],
    ] as const) {
      expect({ path, who: who.userId, status: (await call(`${url}${path}`, method, body, who)).status }).toEqual({ path, who: who.userId, status: 404 });
    }
    // The same code in another organisation is another file, and tells nothing about this one.
    const code = `HS-${randomUUID().slice(0, 8)}`;
    expect((await call(`${url}/v1/work-files`, 'POST', { code, title: 'Hồ sơ' })).status).toBe(201);
    expect((await call(`${url}/v1/work-files`, 'POST', { code, title: 'Hồ sơ' }, USERS.communeArchivist)).status).toBe(201);
    expect((await call(`${url}/v1/work-files`, 'POST', { code, title: 'Hồ sơ' })).status).toBe(409);
  });

  it('sets the closing date on the server, and refuses one from the caller', async () => {
    const id = await openFile();
    const refused = await call(`${url}/v1/work-files/${id}/close`, 'POST', { closedAt: '2001-01-01T00:00:00Z' });
    expect(refused).toMatchObject({ status: 400, contentType: expect.stringContaining(PROBLEM), body: { reason: 'server-set-field', field: 'closedAt' } });
    const before = Date.now();
    const closed = await call(`${url}/v1/work-files/${id}/close`, 'POST', {});
    expect(closed).toMatchObject({ status: 200, body: { state: 'closed', closedBy: USERS.archivist.userId } });
    const at = Date.parse(closed.body.closedAt as string);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await api.env.archive.workFiles.get(id)).closedAt).toBe(closed.body.closedAt);
  });

  it('refuses actor fields in bodies (`by`, `requestedBy`, `placedBy`, `releasedBy`), naming the field', async () => {
    const id = await closedFile(api, [own]);
    expect(await call(`${url}/v1/work-files/${id}/disposition`, 'POST', { requestedBy: 'nobody' })).toMatchObject({ status: 400, body: { field: 'requestedBy' } });
    expect(await call(`${url}/v1/work-files/${id}/holds`, 'POST', { reason: 'x', placedBy: 'nobody' }, USERS.deputy)).toMatchObject({ status: 400, body: { field: 'placedBy' } });
    const handle = await proposedDisposition(api, id);
    const byNobody = await call(`${url}/v1/dispositions/${handle.workflowId}/approve`, 'POST', { by: 'nobody' }, USERS.deputy);
    expect(byNobody).toMatchObject({ status: 400, contentType: expect.stringContaining(PROBLEM), body: { reason: 'server-set-field', field: 'by' } });
    expect((await handle.query<{ phase: string }>('status')).phase).toBe('awaiting-approval');
    await handle.terminate('test done');
  });

  it('never lets the proposer decide their own disposition, whatever role they hold by then (403)', async () => {
    const id = await closedFile(api, [own]);
    const handle = await proposedDisposition(api, id);
    // The proposer is an archivist, whom the route's policy already refuses; the same person
    // promoted to leader is refused by the rule itself, in the API and in the workflow.
    expect((await call(`${url}/v1/dispositions/${handle.workflowId}/approve`, 'POST', {}, USERS.archivist)).status).toBe(403);
    const promoted: Principal = { ...USERS.archivist, role: 'leader' };
    for (const action of ['approve', 'reject']) {
      const own = await call(`${url}/v1/dispositions/${handle.workflowId}/${action}`, 'POST', {}, promoted);
      expect(own).toMatchObject({ status: 403, contentType: expect.stringContaining(PROBLEM), body: { reason: 'disposition-own-proposal' } });
    }
    await expect(
      handle.executeUpdate('decide', { args: [{ approve: true, by: { userId: USERS.archivist.userId, orgCode: 'BS-TU', role: 'leader' } }] }),
    ).rejects.toMatchObject({ cause: { type: 'disposition-own-proposal' } });
    await expect(
      handle.executeUpdate('decide', { args: [{ approve: true, by: { userId: 'tl-secretary', orgCode: 'BS-TL-DU', role: 'leader' } }] }),
    ).rejects.toMatchObject({ cause: { type: 'disposition-decider-not-authorised' } });
    expect((await handle.query<{ phase: string }>('status')).phase).toBe('awaiting-approval');

    const rejected = await call(`${url}/v1/dispositions/${handle.workflowId}/reject`, 'POST', { reason: 'Còn giá trị tra cứu' }, USERS.admin);
    expect(rejected).toMatchObject({ status: 202, body: { decision: { approve: false, by: USERS.admin.userId, reason: 'Còn giá trị tra cứu' } } });
    expect(await handle.result()).toMatchObject({ outcome: 'rejected', decidedBy: USERS.admin.userId, reason: 'Còn giá trị tra cứu' });
    expect((await call(`${url}/v1/dispositions/${handle.workflowId}`, 'GET')).body).toMatchObject({
      phase: 'done',
      requestedBy: USERS.archivist.userId,
      decision: { approve: false, by: USERS.admin.userId },
    });
  });

  it('records who placed and released a legal hold, and when, from the credentials', async () => {
    const id = await openFile();
    const placed = await call(`${url}/v1/work-files/${id}/holds`, 'POST', { reason: 'Thanh tra vụ việc 12/2026' }, USERS.secretary);
    expect(placed).toMatchObject({ status: 201, body: { placedBy: USERS.secretary.userId, placedAt: expect.any(String) } });
    const holdId = placed.body._id as string;
    expect((await call(`${url}/v1/holds/${holdId}/release`, 'POST', {}, USERS.communeLeader)).status).toBe(404);
    expect(await call(`${url}/v1/holds/${holdId}/release`, 'POST', { releasedBy: 'nobody' }, USERS.admin)).toMatchObject({ status: 400, body: { field: 'releasedBy' } });
    const released = await call(`${url}/v1/holds/${holdId}/release`, 'POST', {}, USERS.admin);
    expect(released).toMatchObject({ status: 200, body: { releasedBy: USERS.admin.userId, releasedAt: expect.any(String) } });
  });

  it('answers 404 problem+json for a disposition that does not exist', async () => {
    const neverProposed = await openFile();
    const audit = await call(`${url}/v1/fixity-audits`, 'POST', undefined, USERS.admin);
    for (const id of ['anything', 'disposition-', 'disposition-wf_unknown', `disposition-${neverProposed}`, audit.body.auditId as string]) {
      const answer = await call(`${url}/v1/dispositions/${encodeURIComponent(id)}`, 'GET');
      expect({ id, status: answer.status, type: answer.contentType, reason: answer.body.reason }).toEqual({ id, status: 404, type: expect.stringContaining(PROBLEM), reason: 'disposition-not-found' });
      expect((await call(`${url}/v1/dispositions/${encodeURIComponent(id)}/approve`, 'POST', {}, USERS.deputy)).status).toBe(404);
    }
    await api.client.workflow.getHandle(audit.body.auditId as string).result();
  });

  it('refuses a work-file code that is not a safe name: 400 naming the field', async () => {
    for (const code of ['..', '../etc', 'a/b', 'HS..01', '.hidden', '-x', ' HS-01', 'HS 01', 'HS\n01', 'HS-01\r\nPayload-Oxum: 0.0', '', 'x'.repeat(65), 'Hồ-sơ', 'a\\b']) {
      const answer = await call(`${url}/v1/work-files`, 'POST', { code, title: 'Hồ sơ' });
      expect({ code, status: answer.status, type: answer.contentType, field: answer.body.field }).toEqual({ code, status: 400, type: expect.stringContaining(PROBLEM), field: 'code' });
    }
    for (const code of ['HS-2026.01', 'a', `A${'x'.repeat(63)}`]) expect((await call(`${url}/v1/work-files`, 'POST', { code, title: 'Hồ sơ' })).status).toBe(201);
    // The domain refuses it too, whoever calls it, and so does the bag writer for a stored one.
    await expect(api.env.archive.workFiles.create({ code: '../x', title: 't', orgCode: 'BS-TU', createdBy: 'x' })).rejects.toMatchObject({ status: 400, field: 'code' });
    const id = await openFile();
    await api.env.archive.c.workFiles.updateOne({ _id: id }, { $set: { code: '../../evil' } });
    expect(await call(`${url}/v1/work-files/${id}/export`, 'GET')).toMatchObject({ status: 422, body: { reason: 'work-file-code-unsafe', field: 'code' } });
  });
});

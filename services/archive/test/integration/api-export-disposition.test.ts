import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveDocument } from '../../src/packages/archive-document';
import type { FixityAuditSummary } from '../../src/workflows/types';
import { closedFile, proposedDisposition, startArchiveApi, type ArchiveApi } from '../support/archive-api';
import { sampleInput } from '../support/archive-env';
import { exportedBag, filesUnder, validateBag } from '../support/bag';
import { call, USERS } from '../support/http-app';
import { runVerifier } from '../support/verifier';

describe('the archive API: search, work files, BagIt export, disposition and audits (real MongoDB and Temporal)', () => {
  let api: ArchiveApi;
  let url: string;
  const packageIds: string[] = [];

  beforeAll(async () => {
    api = await startArchiveApi();
    url = api.url;
    const subjects = ['Nghị quyết về chuyển đổi số', 'Kế hoạch phát triển kinh tế biển', 'Nghị quyết về kinh tế số và chuyển đổi số'];
    for (const [i, subject] of subjects.entries()) {
      const input = await sampleInput(api.env.blobs, { subject, type: i === 1 ? 'KH' : 'NQ', issuedAt: `2026-0${i + 1}-15T09:00:00+07:00`, issuerCode: 'BS-TU' });
      packageIds.push((await archiveDocument(api.env.archive, input)).packageId);
    }
  });

  afterAll(() => api?.close());

  it('searches metadata by words of the subject, type and dates, with paging and a total', async () => {
    const words = await call(`${url}/v1/packages?q=${encodeURIComponent('chuyển ĐỔI số')}&pageSize=1`, 'GET');
    expect(words.body.total).toBe(2);
    expect((words.body.items as unknown[]).length).toBe(1);
    const page2 = await call(`${url}/v1/packages?q=${encodeURIComponent('chuyển đổi số')}&pageSize=1&page=2`, 'GET');
    expect((page2.body.items as Array<{ packageId: string }>)[0]!.packageId).toBe(packageIds[0]);
    expect((await call(`${url}/v1/packages?type=KH`, 'GET')).body.total).toBe(1);
    expect((await call(`${url}/v1/packages?issuedFrom=2026-02-15&issuedTo=2026-03-15`, 'GET')).body.total).toBe(2);
    expect((await call(`${url}/v1/packages?q=${encodeURIComponent('.*')}`, 'GET')).body.total).toBe(0);
    const bad = await call(`${url}/v1/packages?type=XX`, 'GET');
    expect(bad).toMatchObject({ status: 400, body: { reason: 'validation-failed', field: 'type' } });
  });

  it('exports a work file as a BagIt bag that validates against its manifests and the log', async () => {
    const created = await call(`${url}/v1/work-files`, 'POST', { code: `HS-${randomUUID().slice(0, 8)}`, title: 'Hồ sơ chuyển đổi số 2026' });
    expect(created).toMatchObject({ status: 201, body: { orgCode: 'BS-TU', createdBy: USERS.archivist.userId } });
    const id = created.body._id as string;
    for (const packageId of packageIds) expect((await call(`${url}/v1/work-files/${id}/documents`, 'POST', { packageId })).status).toBe(201);
    expect((await call(`${url}/v1/work-files/${id}/documents`, 'POST', { packageId: packageIds[0] })).status).toBe(201);
    expect(((await call(`${url}/v1/work-files/${id}`, 'GET')).body.members as unknown[]).length).toBe(3);

    const bag = await exportedBag(url, id, USERS.archivist);

    expect(validateBag(bag)).toEqual([]);
    expect(filesUnder(join(bag, 'data')).length).toBe(3 * 10 + 1);

    const packageId = packageIds[1]!;
    const verdict = await runVerifier([
      'inclusion',
      '--key', join(bag, 'log/log-public-key.pem'),
      '--tree-head', join(bag, 'log/tree-head.json'),
      '--proof', join(bag, `log/inclusion/${packageId}.json`),
      '--manifest', join(bag, `data/${packageId}/manifest.json`),
    ]);
    expect(verdict).toMatchObject({ code: 0 });

    // The validation must be able to fail: one altered payload byte is caught and named.
    const content = join(bag, `data/${packageId}/content.pdf`);
    const bytes = readFileSync(content);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(content, bytes);
    expect(validateBag(bag)).toEqual([expect.stringContaining(`data/${packageId}/content.pdf: manifest says`)]);
  });

  it('disposes of a due file only after a second person approves, and records who', async () => {
    const id = await closedFile(api, [packageIds[1]!]);
    const handle = await proposedDisposition(api, id);
    expect((await call(`${url}/v1/work-files/${id}/disposition`, 'POST', {})).status).toBe(409);
    expect((await call(`${url}/v1/dispositions/${handle.workflowId}`, 'GET')).body).toMatchObject({
      phase: 'awaiting-approval',
      requestedBy: USERS.archivist.userId,
      plan: { action: 'destroy', dueAt: '2006-01-01T00:00:00.000Z' },
    });

    const approved = await call(`${url}/v1/dispositions/${handle.workflowId}/approve`, 'POST', {}, USERS.deputy);
    expect(approved).toMatchObject({ status: 202, body: { decision: { approve: true, by: USERS.deputy.userId } } });
    expect(await handle.result()).toMatchObject({ outcome: 'destroyed', decidedBy: USERS.deputy.userId });
    expect((await call(`${url}/v1/work-files/${id}`, 'GET')).body.state).toBe('destroyed');
    expect(await api.env.archive.c.dispositions.findOne({ _id: id })).toMatchObject({ requestedBy: USERS.archivist.userId, approvedBy: USERS.deputy.userId });
    expect(await api.env.archive.c.notices.countDocuments({ workFileId: id })).toBe(1);
    expect((await call(`${url}/v1/work-files/${id}/holds`, 'POST', { reason: 'late' }, USERS.secretary)).body.reason).toBe('work-file-disposed');
  });

  it('lets a legal hold block disposition, and refuses approval of a request that is not waiting for it', async () => {
    const id = await closedFile(api, [packageIds[1]!]);
    const hold = await call(`${url}/v1/work-files/${id}/holds`, 'POST', { reason: 'Thanh tra vụ việc 12/2026' }, USERS.secretary);
    expect(hold).toMatchObject({ status: 201, body: { placedBy: USERS.secretary.userId } });
    const handle = await proposedDisposition(api, id, 'done');
    expect(await handle.result()).toEqual({ outcome: 'held', holds: [hold.body._id] });
    const late = await call(`${url}/v1/dispositions/${handle.workflowId}/approve`, 'POST', {}, USERS.deputy);
    expect(late).toMatchObject({ status: 409, body: { reason: 'disposition-not-awaiting-approval' } });
    expect((await call(`${url}/v1/work-files/${id}`, 'GET')).body.state).toBe('closed');
    expect(await api.env.archive.c.dispositions.countDocuments({ _id: id })).toBe(0);
  });

  it('runs a fixity audit on request, through the worker, and keeps its report', async () => {
    const started = await call(`${url}/v1/fixity-audits`, 'POST', undefined, USERS.admin);
    expect(started.status).toBe(202);
    const auditId = started.body.auditId as string;
    const summary = (await api.client.workflow.getHandle(auditId).result()) as FixityAuditSummary;
    expect(summary).toEqual({ auditId, packagesChecked: 3, partsChecked: 27, mismatchCount: 0 });
    expect((await call(`${url}/v1/fixity-audits/${auditId}`, 'GET', undefined, USERS.admin)).body).toMatchObject({ packagesChecked: 3, mismatches: [] });
  });
});

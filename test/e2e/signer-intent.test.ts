import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '@vanthu/shared';
import type { RunningService } from '../../deploy/local/src/services';
import { ApiClient } from '../../deploy/local/src/scenario/http-client';
import { demoClients } from '../../deploy/local/src/scenario/lifecycle-scenario';
import { SigningConfirmation } from '../../deploy/local/src/scenario/signing-confirmation';
import { apiUrl, startSystem, stopServices } from './support/system';

/**
 * The lifecycle's sign step through the running services: intake → the workflow's sign Update →
 * the signing worker's activity. Without the signer's own confirmation for this document nothing
 * is signed, the caller hears why (403), and the document stays awaiting signature.
 */
describe("the lifecycle signs only with the signer's confirmation", () => {
  let running: RunningService[] = [];

  beforeAll(async () => {
    running = await startSystem();
  }, 240_000);
  afterAll(() => stopServices(running), 60_000);

  it('refuses a sign without, or with a wrong, authorisation, then signs with the right one', async () => {
    const c = demoClients(apiUrl('intake'), DEVELOPMENT_JWT_SECRET, apiUrl('signing'));
    const token = (userId: string) => issueToken(DEVELOPMENT_JWT_SECRET, { userId, orgCode: 'BS-TU', role: 'leader' }, 600);
    // The secretary's portal without its automatic confirmation, to send what we choose.
    const secretary = new ApiClient(apiUrl('intake'), token('bs-secretary'));
    const secretaryPin = new SigningConfirmation(apiUrl('signing'), token('bs-secretary'));
    const deputyPin = new SigningConfirmation(apiUrl('signing'), token('bs-deputy'));

    const form = new FormData();
    form.append('metadata', new Blob([JSON.stringify({ type: 'TB', subject: 'Thông báo ký có xác nhận', signer: { userId: 'bs-secretary', authority: 'none' }, approvers: [], recipients: ['BS-TL-DU'] })], { type: 'application/json' }));
    const pdf = await PDFDocument.create();
    pdf.addPage();
    form.append('content', new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' }), 'tb.pdf');
    const doc = await c.specialist.request<{ id: string }>('POST', '/v1/documents', form, { 'Idempotency-Key': randomUUID() });
    await c.specialist.post(`/v1/documents/${doc.id}/submit`);

    const refused = (body: unknown) => secretary.post(`/v1/documents/${doc.id}/sign`, body).then(() => undefined, (e: { problem?: { status: number; reason?: string } }) => e.problem);
    expect(await refused({})).toMatchObject({ status: 403, reason: 'signing-authorisation-required' });
    expect(await refused({ signingAuthorisation: await secretaryPin.authorise('another-document') })).toMatchObject({ status: 403, reason: 'signing-authorisation-other-document' });
    expect(await refused({ signingAuthorisation: await deputyPin.authorise(doc.id) })).toMatchObject({ status: 403, reason: 'signing-authorisation-not-yours' });
    const still = await secretary.get<{ status: string; history: Array<{ action: string }> }>(`/v1/documents/${doc.id}`);
    expect(still.status).toBe('signing');
    expect(still.history.map((t) => t.action)).not.toContain('signed');

    const once = await secretaryPin.authorise(doc.id);
    const signed = await secretary.post<{ history: Array<{ action: string }> }>(`/v1/documents/${doc.id}/sign`, { signingAuthorisation: once });
    expect(signed.history.map((t) => t.action)).toContain('signed');
  }, 120_000);
});

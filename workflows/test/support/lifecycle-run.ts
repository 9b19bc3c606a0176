import type { Client } from '@temporalio/client';
import type { ArchiveActivities, BlobRef, IntakeActivities, LifecycleInput, SigningActivities } from '@vanthu/shared';
import {
  approveUpdate,
  assignUpdate,
  completeUpdate,
  documentLifecycle,
  incomingWorkflowIdFor,
  issueUpdate,
  returnUpdate,
  reviseUpdate,
  signUpdate,
  startProcessingUpdate,
  submitUpdate,
  workflowIdFor,
} from '../../src';

/*
 * One document's whole life, every branch the replay guard keeps: review with a return and a
 * revision, the signer's signature, issue, distribution to a recipient, its processing, the
 * archive. The activities answer as the services would, without them: only the workflows'
 * decisions are under test.
 */

const ref = (n: number): BlobRef => ({ sha256: n.toString(16).padStart(64, '0'), size: 1000 + n, contentType: 'application/pdf' });
const signature = { signerName: 'Hoàng Văn Sơn', certificateSerial: '01', signedAt: '2026-12-03T09:00:00+07:00', subFilter: 'ETSI.CAdES.detached', timestamped: true };

export const fakeIntake: IntakeActivities = {
  recordTransition: async () => undefined,
  recordRecipients: async () => undefined,
  allocateDocumentNumber: async () => ({ number: 15, notation: '15-NQ/TU' }),
  registerIncoming: async () => ({ arrivalNumber: 3 }),
  loadArchivalRecord: async (documentId) => ({
    documentId,
    type: 'NQ',
    number: 15,
    notation: '15-NQ/TU',
    issuedAt: '2026-12-03T09:00:00+07:00',
    issuerCode: 'BS-TU',
    issuerName: 'Tỉnh ủy Bắc Sơn',
    subject: 'Nghị quyết',
    language: 'vi',
    pageCount: 1,
    signer: { fullName: 'Hoàng Văn Sơn', position: 'Bí thư', authority: 'T/M' },
    recipients: ['BS-TL-DU'],
    urgency: 'khan',
    secrecy: 'none',
    copies: 2,
    finalStatus: 'distributed',
    history: [],
  }),
  signingParties: async () => ({
    signer: { userId: 'bs-secretary', fullName: 'Hoàng Văn Sơn', position: 'Bí thư', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' },
    organisation: { orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' },
  }),
};

export const fakeSigning: SigningActivities = {
  signAsPerson: async () => ({ content: ref(2), signature }),
  signAsOrganisation: async () => ({ content: ref(3), signature, attachments: [] }),
  verifyDocument: async () => ({ valid: true, signatures: [] }),
} as unknown as SigningActivities;

export const fakeArchive: ArchiveActivities = {
  archiveDocument: async () => ({ packageId: 'pkg-1', manifestSha256: 'f'.repeat(64), logIndex: 0, treeSize: 1 }),
};

const actor = (userId: string, org: string, role: 'specialist' | 'leader' | 'clerk') => ({ userId, org, role });

/** Drives one lifecycle to its end; returns the ids of the workflows it ran. */
export async function runWholeLifecycle(client: Client, taskQueue: string, documentId: string): Promise<string[]> {
  const input: LifecycleInput = {
    documentId,
    issuer: 'BS-TU',
    type: 'NQ',
    urgency: 'khan',
    secrecy: 'none',
    createdBy: 'bs-specialist',
    approvers: ['bs-deputy'],
    signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ' },
    recipients: ['BS-TL-DU'],
    dueDate: '2026-12-31',
    content: ref(1),
    attachments: [],
  };
  const handle = await client.workflow.start(documentLifecycle, { workflowId: workflowIdFor(documentId), taskQueue, args: [input] });
  await handle.executeUpdate(submitUpdate, { args: [actor('bs-specialist', 'BS-TU', 'specialist')] });
  await handle.executeUpdate(returnUpdate, { args: [actor('bs-deputy', 'BS-TU', 'leader'), 'Bổ sung căn cứ'] });
  await handle.executeUpdate(reviseUpdate, { args: [actor('bs-specialist', 'BS-TU', 'specialist'), { content: ref(4) }] });
  await handle.executeUpdate(approveUpdate, { args: [actor('bs-deputy', 'BS-TU', 'leader'), 'Đồng ý'] });
  await handle.executeUpdate(signUpdate, { args: [actor('bs-secretary', 'BS-TU', 'leader'), { signingAuthorisation: 'auth-1' }] });
  await handle.executeUpdate(issueUpdate, { args: [actor('bs-clerk', 'BS-TU', 'clerk')] });

  const copyId = incomingWorkflowIdFor(documentId, 'BS-TL-DU');
  const copy = client.workflow.getHandle(copyId);
  for (let i = 0; i < 200; i++) {
    const state = await copy.query('state').catch(() => undefined);
    if ((state as { status?: string } | undefined)?.status === 'accepted') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await copy.executeUpdate(assignUpdate, { args: [actor('tl-clerk', 'BS-TL-DU', 'clerk'), 'tl-specialist', null] });
  await copy.executeUpdate(startProcessingUpdate, { args: [actor('tl-specialist', 'BS-TL-DU', 'specialist')] });
  await copy.executeUpdate(completeUpdate, { args: [actor('tl-specialist', 'BS-TL-DU', 'specialist'), 'Đã triển khai'] });
  const final = await handle.result();
  if (final.status !== 'archived') throw new Error(`the lifecycle ended ${final.status}`);
  return [handle.workflowId, copyId];
}

import type { Client } from '@temporalio/client';
import { TASK_QUEUES } from '@vanthu/shared';
import {
  approveUpdate,
  assignUpdate,
  completeUpdate,
  incomingWorkflowIdFor,
  issueUpdate,
  recallUpdate,
  rejectUpdate,
  returnUpdate,
  reviseUpdate,
  startProcessingUpdate,
  submitUpdate,
  systemProbeWorkflow,
} from '@vanthu/workflows';
import type { RecordedRun } from './history-fixtures';
import { copyHandle, copyWhen, documentInput, issueDocument, PEOPLE, sign, startDocument } from './lifecycle-steps';
import { ref, type ServiceFakes } from './service-fakes';
import { eventually } from './time-skipping';

/*
 * The runs the replay guard keeps, one per branch of the intake worker's workflows whose commands
 * differ: a whole life (return, revision, signing, issue, a recipient's processing, the archive),
 * a recall reaching a copy being handled, a rejection, a copy refused on arrival, the system
 * probe. The services' activities are faked: only the workflows' decisions are recorded.
 */

export async function runWholeLifecycle(client: Client, documentId: string): Promise<RecordedRun[]> {
  const handle = await startDocument(client, documentInput(documentId));
  await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
  await handle.executeUpdate(returnUpdate, { args: [PEOPLE.deputy, 'Bổ sung căn cứ'] });
  await handle.executeUpdate(reviseUpdate, { args: [PEOPLE.author, { content: ref(4) }] });
  await handle.executeUpdate(approveUpdate, { args: [PEOPLE.deputy, 'Đồng ý'] });
  await sign(handle);
  await handle.executeUpdate(issueUpdate, { args: [PEOPLE.clerk] });
  await copyWhen(client, documentId, 'BS-TL-DU', (s) => s.status === 'accepted', 'registered');
  const copy = copyHandle(client, documentId, 'BS-TL-DU');
  await copy.executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
  await copy.executeUpdate(startProcessingUpdate, { args: [PEOPLE.tanLapSpecialist] });
  await copy.executeUpdate(completeUpdate, { args: [PEOPLE.tanLapSpecialist, 'Đã triển khai'] });
  await expectEnd(handle.result(), 'archived');
  return [
    { file: 'document.json', workflowId: handle.workflowId },
    { file: 'incoming.json', workflowId: copy.workflowId },
  ];
}

/** Issued to two recipients, one of which has assigned it; recalled: each copy is told, the document archived. */
export async function runRecalledLifecycle(client: Client, documentId: string): Promise<RecordedRun[]> {
  const { handle } = await issueDocument(client, documentInput(documentId, { recipients: ['BS-TL-DU', 'BS-HB-DU'] }));
  for (const org of ['BS-TL-DU', 'BS-HB-DU']) await copyWhen(client, documentId, org, (s) => s.status === 'accepted', 'registered');
  const copy = copyHandle(client, documentId, 'BS-TL-DU');
  await copy.executeUpdate(assignUpdate, { args: [PEOPLE.tanLapClerk, 'tl-specialist', null] });
  await handle.executeUpdate(recallUpdate, { args: [PEOPLE.secretary, 'Ban hành chưa đúng thẩm quyền'] });
  await expectEnd(copy.result(), 'recalled');
  await expectEnd(handle.result(), 'archived');
  return [
    { file: 'document-recalled.json', workflowId: handle.workflowId },
    { file: 'incoming-recalled.json', workflowId: copy.workflowId },
  ];
}

export async function runRejectedLifecycle(client: Client, documentId: string): Promise<RecordedRun[]> {
  const handle = await startDocument(client, documentInput(documentId));
  await handle.executeUpdate(submitUpdate, { args: [PEOPLE.author] });
  await handle.executeUpdate(rejectUpdate, { args: [PEOPLE.deputy, 'Không phù hợp chủ trương'] });
  await expectEnd(handle.result(), 'rejected');
  return [{ file: 'document-rejected.json', workflowId: handle.workflowId }];
}

/** A copy whose signatures do not verify: refused on arrival, its workflow ends at once. */
export async function runUnverifiedCopy(client: Client, fakes: ServiceFakes, documentId: string): Promise<RecordedRun[]> {
  fakes.answer('verifyDocument', (v: { documentId?: string; keepMaterial?: boolean }) => v.documentId === documentId && !v.keepMaterial, async () => ({
    valid: false,
    signatures: [{ signerName: 'Tỉnh ủy Bắc Sơn', chainTrusted: false, validAtSigningTime: true, revoked: false, timestamped: true, intact: false, problems: ['the signed bytes were changed'] }],
  }));
  const { handle } = await issueDocument(client, documentInput(documentId, { approvers: [] }));
  const copyId = incomingWorkflowIdFor(documentId, 'BS-TL-DU');
  // Distribution follows the issue's answer: the copy may not have been started yet.
  await eventually(() => client.workflow.getHandle(copyId).describe().then(() => true, () => undefined), `${copyId} started`);
  await expectEnd(client.workflow.getHandle(copyId).result(), 'rejected');
  await expectEnd(handle.result(), 'archived');
  return [{ file: 'incoming-unverified.json', workflowId: copyId }];
}

export async function runSystemProbe(client: Client, workflowId: string): Promise<RecordedRun[]> {
  await client.workflow.execute(systemProbeWorkflow, { workflowId, taskQueue: TASK_QUEUES.intake });
  return [{ file: 'system-probe.json', workflowId }];
}

async function expectEnd(result: Promise<{ status: string }>, status: string): Promise<void> {
  const final = await result;
  if (final.status !== status) throw new Error(`the workflow ended ${final.status}, not ${status}`);
}

// Workflows for the time-skipping test: the real recipient workflow, and a sender that only
// collects what its recipient reports (the real sender needs the whole lifecycle around it).
import { condition, setHandler } from '@temporalio/workflow';
import type { RecipientState } from '@vanthu/shared/contracts';
import { recipientStatusSignal } from '../../../../workflows/src/definitions';

export { incomingDocument } from '../../../../workflows/src/incoming-document';

export async function senderStub(): Promise<RecipientState[]> {
  const reports: RecipientState[] = [];
  setHandler(recipientStatusSignal, (report) => {
    reports.push(report);
  });
  await condition(() => reports.some((r) => r.status === 'done' || r.status === 'rejected' || r.status === 'recalled'));
  return reports;
}

import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ArchiveWorkflowActivities, FixityAuditSummary } from './types';

const { runFixityAudit } = proxyActivities<ArchiveWorkflowActivities>({
  // A full audit re-reads every stored byte; it heartbeats as it goes, so a lost worker shows soon.
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '2 minutes',
  retry: { maximumAttempts: 3 },
});

/** Started by the fixity schedule, or on demand; the report is kept under the workflow id. */
export async function fixityAuditWorkflow(): Promise<FixityAuditSummary> {
  return runFixityAudit({ auditId: workflowInfo().workflowId });
}

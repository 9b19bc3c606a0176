/** What the archive's own workflows and its activities exchange; types and constants only. */
export interface DispositionPlanView {
  action: 'transfer' | 'destroy';
  dueAt: string;
  noticeAt: string;
}

export interface DispositionInput {
  workFileId: string;
  requestedBy: string;
}

export type DispositionPhase =
  | 'planning'
  | 'waiting-for-notice'
  | 'waiting-for-due-date'
  | 'awaiting-approval'
  | 'executing'
  | 'done';

export interface DispositionOutcome {
  outcome: 'transferred' | 'destroyed' | 'held' | 'rejected' | 'expired';
  holds?: string[];
  decidedBy?: string;
  reason?: string;
}

export interface DispositionStatus {
  phase: DispositionPhase;
  plan?: DispositionPlanView;
  outcome?: DispositionOutcome;
}

export interface Decision {
  approve: boolean;
  by: string;
  reason?: string;
}

export interface FixityAuditSummary {
  auditId: string;
  packagesChecked: number;
  partsChecked: number;
  mismatchCount: number;
}

export interface ArchiveWorkflowActivities {
  planDisposition(workFileId: string): Promise<DispositionPlanView>;
  sendDispositionNotice(input: { workFileId: string; dueAt: string; action: 'transfer' | 'destroy' }): Promise<void>;
  activeHolds(workFileId: string): Promise<string[]>;
  executeDisposition(input: { workFileId: string; workflowId: string; action: 'transfer' | 'destroy'; approvedBy: string }): Promise<{
    outcome: 'transferred' | 'destroyed' | 'held';
    holds?: string[];
  }>;
  runFixityAudit(input: { auditId: string }): Promise<FixityAuditSummary>;
}

export const DISPOSITION_SIGNAL = 'decide';
export const DISPOSITION_QUERY = 'status';
/** How long an approver has once a file is due before the request lapses. */
export const APPROVAL_WINDOW = '90 days';
export const FIXITY_SCHEDULE_ID = 'archive-fixity-audit';
export const dispositionWorkflowId = (workFileId: string) => `disposition-${workFileId}`;

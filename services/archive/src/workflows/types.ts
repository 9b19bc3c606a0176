/** What the archive's own workflows and its activities exchange; types and constants only. */
export interface DispositionPlanView {
  action: 'transfer' | 'destroy';
  dueAt: string;
  noticeAt: string;
}

/** A person as the API authenticated them; the workflow never takes a name from a request body. */
export interface Actor {
  userId: string;
  orgCode: string;
  role: string;
}

export interface DispositionInput {
  workFileId: string;
  /** The organisation whose file it is: only its leaders or admins decide. */
  orgCode: string;
  /** The archivist who proposed it; they may not decide it. */
  requestedBy: Actor;
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
  /** User id of whoever decided, and when (workflow time). */
  decidedBy?: string;
  decidedAt?: string;
  reason?: string;
}

export interface DispositionStatus {
  phase: DispositionPhase;
  workFileId?: string;
  orgCode?: string;
  requestedBy?: string;
  plan?: DispositionPlanView;
  decision?: RecordedDecision;
  outcome?: DispositionOutcome;
}

/** What an approver sends, through the API, which fills `by` from the authenticated user. */
export interface Decision {
  approve: boolean;
  by: Actor;
  reason?: string;
}

export interface RecordedDecision {
  approve: boolean;
  by: string;
  at: string;
  reason?: string;
}

/** Roles that decide a disposition; with the proposer excluded, it always takes two people. */
export const DECIDING_ROLES: readonly string[] = ['leader', 'admin'];

/** Why the workflow refused a decision (the ApplicationFailure type the API maps to a status). */
export const DECISION_REFUSALS = {
  notAwaiting: 'disposition-not-awaiting-approval',
  ownProposal: 'disposition-own-proposal',
  notAuthorised: 'disposition-decider-not-authorised',
} as const;

export interface FixityAuditSummary {
  auditId: string;
  packagesChecked: number;
  partsChecked: number;
  mismatchCount: number;
}

/** What a disposition's execution is given: the approved decision, with who proposed and who approved it. */
export interface ExecuteDispositionInput {
  workFileId: string;
  workflowId: string;
  action: 'transfer' | 'destroy';
  requestedBy?: string;
  approvedBy: string;
  approvedAt?: string;
}

export interface ExecuteDispositionResult {
  outcome: 'transferred' | 'destroyed' | 'held';
  holds?: string[];
}

export interface ArchiveWorkflowActivities {
  planDisposition(workFileId: string): Promise<DispositionPlanView>;
  sendDispositionNotice(input: { workFileId: string; dueAt: string; action: 'transfer' | 'destroy' }): Promise<void>;
  activeHolds(workFileId: string): Promise<string[]>;
  executeDisposition(input: ExecuteDispositionInput): Promise<ExecuteDispositionResult>;
  runFixityAudit(input: { auditId: string }): Promise<FixityAuditSummary>;
}

/** An Update, not a signal: the approver learns at once whether the decision counted, and why not. */
export const DISPOSITION_UPDATE = 'decide';
export const DISPOSITION_QUERY = 'status';
/** How long an approver has once a file is due before the request lapses. */
export const APPROVAL_WINDOW = '90 days';
export const FIXITY_SCHEDULE_ID = 'archive-fixity-audit';
export const dispositionWorkflowId = (workFileId: string) => `disposition-${workFileId}`;

import type { Role } from '@vanthu/shared';
import type { Category } from './categories';

/**
 * Who hears of which event, as data. Each target names fields of the event's `data`, so the
 * table keeps working as producers add fields; a target whose field is absent reaches nobody.
 *
 * - `user`: the first of these fields that holds a user id (a dotted path, e.g. `approvers.0`).
 * - `role` + `org`: every member of that role in the organisation named by the first present
 *   `org` field (`org` is the aggregate's organisation: the issuer, or the recipient of a copy).
 * - `orgRole`: a field holding `{ org, role }` (the escalation target of `document.overdue`).
 * - `role` + `orgList`: every member of that role in each organisation the field lists (a task's
 *   cooperating organisations).
 *
 * The actor of the event is never told of their own action.
 */
export type Target =
  | { user: string[] }
  | { role: Role; org: string[] }
  | { role: Role; orgList: string }
  | { orgRole: string };

export interface Route {
  category: Category;
  to: Target[];
}

const ORG = ['org'];
const ISSUER = ['issuer', 'org'];

// A task (aggregate 'task', docs/tracking.md) concerns two desks: the lead organisation, whose
// leaders answer for it and whose clerks keep its papers, and the person who assigned it.
const LEAD = ['leadOrg'];
const LEAD_LEADERS: Target = { role: 'leader', org: LEAD };
const LEAD_CLERKS: Target = { role: 'clerk', org: LEAD };
const ASSIGNER: Target = { user: ['assignedBy'] };

export const ROUTES: Readonly<Record<string, Route>> = {
  // The outgoing document (aggregate 'document'): the people whose turn it is, and its drafter.
  'document.review-started': { category: 'action', to: [{ user: ['currentApprover', 'approvers.0'] }] },
  // No next approver means review is over: the signer's turn.
  'document.approved': { category: 'action', to: [{ user: ['nextApprover', 'signer'] }] },
  'document.ready-for-signing': { category: 'action', to: [{ user: ['signer'] }] },
  'document.returned': { category: 'action', to: [{ user: ['createdBy'] }] },
  'document.rejected': { category: 'status', to: [{ user: ['createdBy'] }] },
  'document.signed': { category: 'action', to: [{ role: 'clerk', org: ISSUER }, { user: ['createdBy'] }] },
  'document.issued': { category: 'status', to: [{ user: ['createdBy'] }, { user: ['signer'] }] },
  'document.recalled': { category: 'status', to: [{ user: ['createdBy'] }, { role: 'clerk', org: ISSUER }] },
  'document.archived': { category: 'status', to: [{ user: ['createdBy'] }] },

  // A recipient organisation's copy (aggregate 'incoming'): its clerks, leaders and handler.
  'document.received': { category: 'incoming', to: [{ role: 'clerk', org: ORG }, { role: 'leader', org: ORG }] },
  'document.refused': { category: 'incoming', to: [{ role: 'clerk', org: ORG }, { role: 'clerk', org: ['issuer'] }] },
  'document.assigned': { category: 'action', to: [{ user: ['handler'] }] },
  'document.processed': { category: 'status', to: [{ role: 'clerk', org: ORG }] },
  'document.copy-recalled': { category: 'incoming', to: [{ user: ['handler'] }, { role: 'clerk', org: ORG }] },
  'document.deadline-approaching': { category: 'deadline', to: [{ user: ['handler'] }] },
  'document.overdue': { category: 'deadline', to: [{ user: ['handler'] }, { orgRole: 'escalateTo' }] },

  // Implementation tasks: the lead organisation hears of what it must do, the assigner of what waits on them.
  'tracking.task-assigned': {
    category: 'task',
    to: [LEAD_LEADERS, LEAD_CLERKS, { role: 'leader', orgList: 'cooperating' }, { role: 'clerk', orgList: 'cooperating' }],
  },
  'tracking.task-reassigned': { category: 'task', to: [LEAD_LEADERS, LEAD_CLERKS] },
  'tracking.task-refused': { category: 'task', to: [ASSIGNER] },
  'tracking.task-submitted': { category: 'task', to: [ASSIGNER] },
  'tracking.task-returned': { category: 'task', to: [LEAD_LEADERS, LEAD_CLERKS] },
  'tracking.task-completed': { category: 'task', to: [LEAD_LEADERS] },
  'tracking.task-cancelled': { category: 'task', to: [LEAD_LEADERS] },
  'tracking.task-extension-requested': { category: 'task', to: [ASSIGNER] },
  'tracking.task-extension-granted': { category: 'task', to: [LEAD_LEADERS] },
  'tracking.task-extension-refused': { category: 'task', to: [LEAD_LEADERS] },
  'tracking.task-deadline-approaching': { category: 'deadline', to: [LEAD_LEADERS] },
  // The escalation: the lead's leaders and the assigner, as the issue requires.
  'tracking.task-overdue': { category: 'deadline', to: [LEAD_LEADERS, ASSIGNER] },
};

/*
 * Not routed, on purpose: created, registered, revised (the author's own steps; the review they
 * start is routed), distributed (each recipient hears of its own copy), delivered (followed at
 * once by received or refused), processing (the handler's own step). Of tasks: accepted,
 * progress-reported and progress-rolled-up (the assigner follows them in the task and the
 * figures; a message per report would drown the desk), split (each sub-task is announced to its
 * own lead by its `assigned`). Webhooks still get them all.
 */

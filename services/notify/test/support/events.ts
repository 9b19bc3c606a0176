import { randomUUID } from 'node:crypto';
import { DEMO_USERS, RECIPIENT_STATUSES, type DomainEvent } from '@vanthu/shared';

/** Events shaped as intake publishes them (they pass the shared catalogue's schemas). */

/** `n`: the user's nth registration (a move to another organisation or role is a new one). */
export function userRegistered(user: Pick<(typeof DEMO_USERS)[number], 'id' | 'fullName' | 'position' | 'role' | 'org' | 'email'>, org = user.org, n = 1): DomainEvent {
  return {
    id: `user-${user.id}-${org}:${n}`,
    type: 'directory.user-registered',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'intake',
    subject: user.id,
    data: { userId: user.id, fullName: user.fullName, position: user.position, role: user.role, org, email: user.email },
  };
}

/** The demo users moved into an organisation of the test's own, so tests do not share inboxes. */
export function demoUsersIn(suffix: string) {
  return DEMO_USERS.map((u) => ({ ...u, id: `${u.id}-${suffix}`, org: `${u.org}-${suffix}`, email: `${u.id}-${suffix}@demo.vanthu.local` }));
}

export function outgoingEvent(
  documentId: string,
  seq: number,
  action: string,
  people: { org: string; createdBy: string; signer: string; currentApprover?: string },
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    id: `${documentId}:${seq}`,
    type: `document.${action}`,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'intake',
    subject: documentId,
    data: {
      documentId,
      aggregate: 'document',
      aggregateId: documentId,
      seq,
      status: 'in_review',
      org: people.org,
      issuer: people.org,
      type: 'NQ',
      urgency: 'khan',
      secrecy: 'none',
      createdBy: people.createdBy,
      signer: people.signer,
      ...(people.currentApprover !== undefined && { currentApprover: people.currentApprover }),
      ...extra,
    },
  };
}

export function copyEvent(documentId: string, org: string, seq: number, action: string, extra: Record<string, unknown> = {}, status: keyof typeof RECIPIENT_STATUSES = 'assigned'): DomainEvent {
  const aggregateId = `${documentId}@${org}`;
  return {
    id: `${aggregateId}:${seq}`,
    type: `document.${action}`,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'intake',
    subject: documentId,
    data: { documentId, aggregate: 'incoming', aggregateId, seq, status, statusCode: RECIPIENT_STATUSES[status], org, urgency: 'hoa-toc', ...extra },
  };
}

export const newDocumentId = () => randomUUID();

/** A task's event as the tracking service writes it: the whole snapshot (it passes the shared catalogue's schema). */
export function taskEvent(taskId: string, seq: number, action: string, task: { leadOrg: string; assignerOrg: string; assignedBy: string; cooperating?: string[] }, extra: Record<string, unknown> = {}): DomainEvent {
  return {
    id: `${taskId}:${seq}`,
    type: `tracking.task-${action}`,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'tracking',
    subject: taskId,
    data: {
      taskId,
      seq,
      kind: 'task',
      status: 'accepted',
      title: 'Xây dựng kế hoạch chuyển đổi số của xã',
      clause: 'Mục III.2',
      sourceDocumentId: `src-${taskId}`,
      sourceNotation: '12-NQ/TU',
      documentType: 'NQ',
      assignerOrg: task.assignerOrg,
      assignedBy: task.assignedBy,
      leadOrg: task.leadOrg,
      cooperating: task.cooperating ?? [],
      rootTaskId: taskId,
      depth: 0,
      priority: 'normal',
      weight: 100,
      deadline: '2026-12-01T16:59:59.999Z',
      originalDeadline: '2026-12-01T16:59:59.999Z',
      progress: 40,
      assignedAt: '2026-10-01T02:00:00.000Z',
      ...extra,
    },
  };
}

import type { DocumentType, TaskKind, TaskStatus } from '@vanthu/shared';
import type { FigureCategory, FigureItem } from './figure-item';

/**
 * An item as an API process keeps it in memory: instants parsed once, when the item arrives,
 * so a query over 100,000 of them compares numbers only.
 */
export interface CountedItem {
  id: string;
  seq: number;
  kind: TaskKind;
  status: TaskStatus;
  sourceDocumentId: string;
  sourceNotation: string;
  documentType: DocumentType;
  assignerOrg: string;
  leadOrg: string;
  /** Epoch milliseconds; NaN when the item has none (a recurring task). */
  deadline: number;
  completedAt: number;
  assignedAt: number;
  projectedAt: number;
}

const instant = (value: string | undefined) => (value === undefined ? NaN : Date.parse(value));

export function countedItem(item: FigureItem): CountedItem {
  return {
    id: item._id,
    seq: item.seq,
    kind: item.kind,
    status: item.status,
    sourceDocumentId: item.sourceDocumentId,
    sourceNotation: item.sourceNotation,
    documentType: item.documentType,
    assignerOrg: item.assignerOrg,
    leadOrg: item.leadOrg,
    deadline: instant(item.deadline),
    completedAt: instant(item.completedAt),
    assignedAt: instant(item.assignedAt),
    projectedAt: new Date(item.projectedAt).getTime(),
  };
}

/**
 * The category of a task as of `asOf` (docs/tracking.md, "Figures"), or undefined when it is not
 * counted: a recurring task (its periods are), a cancelled one, one assigned after `asOf`.
 *
 * The item is the task's latest snapshot, so `asOf` in the past is judged on what it says now: a
 * task counts as done only if its accepted result was submitted by `asOf` (before that it was
 * still an open obligation), against the deadline in force now (an extension granted after `asOf`
 * is already in it).
 */
export function categoryOf(item: CountedItem, asOf: number): FigureCategory | undefined {
  if (item.kind === 'recurring' || item.status === 'cancelled') return undefined;
  if (Number.isNaN(item.deadline) || item.assignedAt > asOf) return undefined;
  if (item.status === 'done' && item.completedAt <= asOf) return item.completedAt <= item.deadline ? 'doneOnTime' : 'doneLate';
  // Refused, assigned, accepted, in progress, submitted: still the lead's obligation.
  return item.deadline >= asOf ? 'openWithinDeadline' : 'overdue';
}

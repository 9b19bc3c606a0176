import type { DocumentType, TaskKind, TaskStatus } from '@vanthu/shared';

/**
 * One task as the figures projection keeps it (`task_items`, `_id` the task id), built from the
 * tracking events alone by consumers/figures-projection: the highest `seq` seen wins, so replaying
 * the topic rebuilds it. `recurring` tasks are kept but not counted: their periods are.
 */
export interface FigureItem {
  _id: string;
  seq: number;
  kind: TaskKind;
  status: TaskStatus;
  sourceDocumentId: string;
  sourceNotation: string;
  documentType: DocumentType;
  assignerOrg: string;
  leadOrg: string;
  parentTaskId?: string;
  rootTaskId: string;
  depth: number;
  deadline?: string;
  completedAt?: string;
  assignedAt: string;
  period?: string;
  progress: number;
  /** When the projection wrote it: API processes poll for what changed since their last look. */
  projectedAt: Date;
}

/** The four groups of the Government Office's reports on assigned tasks (docs/tracking.md). */
export const FIGURE_CATEGORIES = ['doneOnTime', 'doneLate', 'openWithinDeadline', 'overdue'] as const;
export type FigureCategory = (typeof FIGURE_CATEGORIES)[number];

export const FIGURE_GROUPINGS = ['leadOrg', 'sourceDocument', 'documentType', 'none'] as const;
export type FigureGrouping = (typeof FIGURE_GROUPINGS)[number];

/** `GET /v1/figures`: the query, validated by the API (docs/tracking.md, "Figures"). */
export interface FiguresQuery {
  /** The assigning organisation. */
  org: string;
  /** `own`: tasks `org` assigned; `subtree`: tasks assigned by `org` and every organisation below it. */
  scope: 'own' | 'subtree';
  /** Tasks whose deadline falls in [from, to] (ISO instants), when given. */
  from?: string;
  to?: string;
  /** The moment open tasks are judged against their deadline. */
  asOf: string;
  groupBy: FigureGrouping;
  /** Only tasks from this source document / of this lead organisation / of this document type. */
  sourceDocumentId?: string;
  leadOrg?: string;
  documentType?: string;
}

export type FigureCounts = Record<FigureCategory, number> & { total: number };

export interface FigureRow extends FigureCounts {
  /** The group's key: an organisation code, a document id, a type code. */
  key: string;
  /** For people: the organisation's name, the document's notation, the type's name. */
  label: string;
  /** For a lead organisation's row: the query for that organisation's own figures. */
  drillDown?: string;
}

export interface FiguresResult {
  org: string;
  scope: FiguresQuery['scope'];
  from?: string;
  to?: string;
  asOf: string;
  groupBy: FigureGrouping;
  totals: FigureCounts;
  rows: FigureRow[];
  /** When the projection was last seen: how fresh the figures are. */
  projectedUpTo: string;
}

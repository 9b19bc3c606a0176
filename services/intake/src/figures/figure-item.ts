import type { DocumentType, OrgLevel, RecipientStatus, Secrecy, Urgency } from '@vanthu/shared';

/*
 * What the operations figures are made of (docs/intake-api.md, "Operations figures"): one record
 * per issued document and one per recipient's copy, in `figure_items`, built from the document
 * events alone by consumers/figures-projection.ts. Codes, statuses and instants only: never a
 * subject, a note or a report, so a secret document counts like any other and reveals nothing.
 */

/** An issued document, from `document.issued`; `_id` is the document id. */
export interface OutgoingItem {
  _id: string;
  kind: 'outgoing';
  seq: number;
  issuer: string;
  type: DocumentType;
  secrecy: Secrecy;
  urgency: Urgency;
  /** As the event says it (ISO 8601, Vietnam time). */
  issuedAt: string;
  projectedAt: Date;
}

/**
 * A recipient's copy, `_id` `<documentId>@<org>`, folded from its events: the newest one's status
 * and deadline, the arrival from `document.delivered`, the completion from `document.processed`.
 */
export interface IncomingItem {
  _id: string;
  kind: 'incoming';
  seq: number;
  documentId: string;
  org: string;
  issuer?: string;
  secrecy?: Secrecy;
  urgency: Urgency;
  status: RecipientStatus;
  /** When the copy was registered (the incoming register's arrival time). */
  arrivedAt?: string;
  /** The end of the deadline day, once assigned. */
  deadline?: string;
  /** When the handler completed it (status `done`). */
  doneAt?: string;
  projectedAt: Date;
}

export type FigureItem = OutgoingItem | IncomingItem;

/** An organisation of the scope, as a row names it: enough for a console to draw the tree. */
export interface OrgRef {
  org: string;
  name: string;
  level: OrgLevel;
  parent?: string;
}

/** A period of whole Vietnam days, both included (YYYY-MM-DD). */
export interface DayPeriod {
  from: string;
  to: string;
}

export interface DocumentCounts {
  issued: number;
  received: number;
}

export type DocumentFigureRow = OrgRef & DocumentCounts;

export interface DocumentDayRow extends DocumentCounts {
  day: string;
  org: string;
  type: DocumentType;
}

/** `GET /v1/figures/documents`. */
export interface DocumentFigures extends DayPeriod {
  org: string;
  /** The organisation and each one below it, each with its own counts, in tree order. */
  organisations: DocumentFigureRow[];
  /** Per Vietnam day, organisation and document type, where anything was issued or received. */
  days: DocumentDayRow[];
  totals: DocumentCounts;
  projectedUpTo: string;
}

export interface ProcessingCounts {
  /** Copies completed in the period. */
  completed: number;
  /** Arrival to completion, nearest-rank percentiles, in seconds; absent when nothing was completed. */
  p50Seconds?: number;
  p90Seconds?: number;
}

export type ProcessingFigureRow = OrgRef & ProcessingCounts;

/** `GET /v1/figures/processing`. */
export interface ProcessingFigures extends DayPeriod {
  org: string;
  organisations: ProcessingFigureRow[];
  /** Over every copy of the scope together (not a mean of the rows' percentiles). */
  totals: ProcessingCounts;
  projectedUpTo: string;
}

export interface DeadlineCounts {
  /** Not done, the deadline not passed, due by the end of the `withinDays`th Vietnam day from `asOf`'s. */
  near: number;
  /** Not done, the deadline passed. */
  past: number;
}

export type DeadlineFigureRow = OrgRef & DeadlineCounts;

/** `GET /v1/figures/deadlines`. */
export interface DeadlineFigures {
  org: string;
  asOf: string;
  withinDays: number;
  organisations: DeadlineFigureRow[];
  totals: DeadlineCounts;
  projectedUpTo: string;
}

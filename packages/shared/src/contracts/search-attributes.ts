import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that let operators find a document's workflow in the Temporal UI,
 * e.g. `DocumentNumber = "15-NQ/TU"`. All are Keyword: exact-match filters on codes, not text.
 */
export const DocumentAttributes = {
  number: defineSearchAttributeKey('DocumentNumber', SearchAttributeType.KEYWORD),
  issuer: defineSearchAttributeKey('DocumentIssuer', SearchAttributeType.KEYWORD),
  type: defineSearchAttributeKey('DocumentType', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('DocumentStatus', SearchAttributeType.KEYWORD),
  urgency: defineSearchAttributeKey('DocumentUrgency', SearchAttributeType.KEYWORD),
  secrecy: defineSearchAttributeKey('DocumentSecrecy', SearchAttributeType.KEYWORD),
} as const;

/**
 * An implementation task's workflow, e.g. `TaskLeadOrg = "BS-HB-DU" AND TaskStatus = "in_progress"`
 * or `TaskDeadline < "2026-12-31T00:00:00Z"`. The SQL visibility store allows ten custom Keyword
 * attributes: documents and tasks use all ten, so a new one must replace one of these.
 */
export const TaskAttributes = {
  status: defineSearchAttributeKey('TaskStatus', SearchAttributeType.KEYWORD),
  leadOrg: defineSearchAttributeKey('TaskLeadOrg', SearchAttributeType.KEYWORD),
  assignerOrg: defineSearchAttributeKey('TaskAssignerOrg', SearchAttributeType.KEYWORD),
  source: defineSearchAttributeKey('TaskSourceDocument', SearchAttributeType.KEYWORD),
  deadline: defineSearchAttributeKey('TaskDeadline', SearchAttributeType.DATETIME),
} as const;

export const SEARCH_ATTRIBUTES = [...Object.values(DocumentAttributes), ...Object.values(TaskAttributes)];

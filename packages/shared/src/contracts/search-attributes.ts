import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that let operators find a document's workflow in the Temporal UI.
 * All are Keyword: exact-match filters on codes, not full-text.
 */
export const DocumentNumber = defineSearchAttributeKey('DocumentNumber', SearchAttributeType.KEYWORD);
export const DocumentIssuer = defineSearchAttributeKey('DocumentIssuer', SearchAttributeType.KEYWORD);
export const DocumentType = defineSearchAttributeKey('DocumentType', SearchAttributeType.KEYWORD);
export const DocumentStatus = defineSearchAttributeKey('DocumentStatus', SearchAttributeType.KEYWORD);
export const DocumentUrgency = defineSearchAttributeKey('DocumentUrgency', SearchAttributeType.KEYWORD);
export const DocumentSecrecy = defineSearchAttributeKey('DocumentSecrecy', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTES = [
  DocumentNumber,
  DocumentIssuer,
  DocumentType,
  DocumentStatus,
  DocumentUrgency,
  DocumentSecrecy,
] as const;

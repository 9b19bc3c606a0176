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

export const SEARCH_ATTRIBUTES = Object.values(DocumentAttributes);

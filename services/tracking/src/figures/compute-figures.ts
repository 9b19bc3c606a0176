import { DOCUMENT_TYPES } from '@vanthu/shared';
import type { DirectoryView } from '../directory/directory-view';
import { categoryOf, type CountedItem } from './counted-item';
import type { FigureCounts, FigureRow, FiguresQuery, FiguresResult } from './figure-item';

const emptyCounts = (): FigureCounts => ({ doneOnTime: 0, doneLate: 0, openWithinDeadline: 0, overdue: 0, total: 0 });

/** The query for a lead organisation's own figures: the same period, moment, scope and filters, from its side. */
export function drillDownQuery(query: FiguresQuery, leadOrg: string): string {
  const params = new URLSearchParams({ org: leadOrg, scope: query.scope, groupBy: 'leadOrg', asOf: query.asOf });
  if (query.from !== undefined) params.set('from', query.from);
  if (query.to !== undefined) params.set('to', query.to);
  if (query.sourceDocumentId !== undefined) params.set('sourceDocumentId', query.sourceDocumentId);
  if (query.documentType !== undefined) params.set('documentType', query.documentType);
  return params.toString();
}

export interface FiguresSource {
  assignedBy(orgs: Iterable<string>): Iterable<CountedItem>;
}

/**
 * The figures of one query over the items in memory: one pass over the tasks the organisations
 * in scope assigned, each counted in its category as of `asOf` (categoryOf), totals and one row
 * per group, rows sorted by key. The caller has checked that `query.org` exists and may be read.
 */
export function computeFigures(source: FiguresSource, directory: DirectoryView, query: FiguresQuery, projectedUpTo: string): FiguresResult {
  const asOf = Date.parse(query.asOf);
  const from = query.from === undefined ? -Infinity : Date.parse(query.from);
  const to = query.to === undefined ? Infinity : Date.parse(query.to);
  const orgs = query.scope === 'own' ? [query.org] : directory.subtree(query.org);
  const totals = emptyCounts();
  const groups = new Map<string, FigureCounts>();
  const notations = new Map<string, string>();

  for (const item of source.assignedBy(orgs)) {
    if (!(item.deadline >= from && item.deadline <= to)) continue;
    if (query.sourceDocumentId !== undefined && item.sourceDocumentId !== query.sourceDocumentId) continue;
    if (query.leadOrg !== undefined && item.leadOrg !== query.leadOrg) continue;
    if (query.documentType !== undefined && item.documentType !== query.documentType) continue;
    const category = categoryOf(item, asOf);
    if (category === undefined) continue;
    totals[category] += 1;
    totals.total += 1;
    if (query.groupBy === 'none') continue;
    const key = query.groupBy === 'leadOrg' ? item.leadOrg : query.groupBy === 'sourceDocument' ? item.sourceDocumentId : item.documentType;
    let counts = groups.get(key);
    if (!counts) {
      counts = emptyCounts();
      groups.set(key, counts);
      if (query.groupBy === 'sourceDocument') notations.set(key, item.sourceNotation);
    }
    counts[category] += 1;
    counts.total += 1;
  }

  const rows: FigureRow[] = [...groups.keys()].sort().map((key) => {
    const counts = groups.get(key)!;
    switch (query.groupBy) {
      case 'leadOrg':
        return { key, label: directory.organisation(key)?.name ?? key, ...counts, drillDown: drillDownQuery(query, key) };
      case 'sourceDocument':
        return { key, label: notations.get(key) ?? key, ...counts };
      default:
        return { key, label: (DOCUMENT_TYPES as Record<string, string>)[key] ?? key, ...counts };
    }
  });

  return {
    org: query.org,
    scope: query.scope,
    ...(query.from !== undefined && { from: query.from }),
    ...(query.to !== undefined && { to: query.to }),
    asOf: query.asOf,
    groupBy: query.groupBy,
    totals,
    rows,
    projectedUpTo,
  };
}

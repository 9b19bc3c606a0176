import type { DocumentType } from '@vanthu/shared';

export type RetentionPeriod = number | 'permanent';

/**
 * Retention as data: periods change with regulations, so they are a table here (and read through
 * the API), not branches in code. Years count from the day a work file is closed.
 */
export const RETENTION_POLICY = {
  /** How long before a file falls due its keepers are told. */
  noticeDays: 90,
  /** Permanent files go to the historical archive this many years after closing. */
  handOverAfterYears: 10,
  /** Files of a type not listed, or with no documents, are kept permanently: the safe side. */
  default: 'permanent' as RetentionPeriod,
  documentTypes: {
    NQ: 'permanent',
    QD: 'permanent',
    CT: 'permanent',
    KL: 'permanent',
    QDi: 'permanent',
    QC: 'permanent',
    HD: 'permanent',
    TT: 'permanent',
    DA: 'permanent',
    BC: 20,
    KH: 20,
    CTr: 20,
    TB: 10,
    TTr: 10,
    BB: 20,
    CV: 10,
  } as Record<DocumentType, RetentionPeriod>,
  /** A file's category, when it has one, decides over its documents' types. */
  workFileCategories: {
    'party-congress': 'permanent',
    'personnel': 'permanent',
    'correspondence': 10,
    'administrative': 5,
  } as Record<string, RetentionPeriod>,
};

export type RetentionPolicy = typeof RETENTION_POLICY;

const longer = (a: RetentionPeriod, b: RetentionPeriod): RetentionPeriod =>
  a === 'permanent' || b === 'permanent' ? 'permanent' : Math.max(a, b);

export function retentionOf(policy: RetentionPolicy, category: string | undefined, types: DocumentType[]): RetentionPeriod {
  if (category !== undefined && policy.workFileCategories[category] !== undefined) return policy.workFileCategories[category];
  if (types.length === 0) return policy.default;
  return types.map((t) => policy.documentTypes[t] ?? policy.default).reduce(longer);
}

export interface DispositionPlan {
  action: 'transfer' | 'destroy';
  retention: RetentionPeriod;
  dueAt: string;
  noticeAt: string;
}

export function planFor(policy: RetentionPolicy, closedAt: string, retention: RetentionPeriod): DispositionPlan {
  const due = new Date(closedAt);
  due.setUTCFullYear(due.getUTCFullYear() + (retention === 'permanent' ? policy.handOverAfterYears : retention));
  const notice = new Date(due.getTime() - policy.noticeDays * 86_400_000);
  return { action: retention === 'permanent' ? 'transfer' : 'destroy', retention, dueAt: due.toISOString(), noticeAt: notice.toISOString() };
}

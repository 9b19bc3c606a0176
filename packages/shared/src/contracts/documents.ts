/**
 * The domain's vocabulary, as data: the rules change (Regulation 399-QD/TW superseded Guidance 36
 * in 2026), so they live in tables, not in branches. Deterministic; safe in workflow code.
 */

/** Party document types and their abbreviations (the notation uses the abbreviation). */
export const DOCUMENT_TYPES = {
  NQ: 'Nghị quyết',
  QD: 'Quyết định',
  CT: 'Chỉ thị',
  KL: 'Kết luận',
  QDi: 'Quy định',
  QC: 'Quy chế',
  TB: 'Thông báo',
  HD: 'Hướng dẫn',
  BC: 'Báo cáo',
  KH: 'Kế hoạch',
  CTr: 'Chương trình',
  TT: 'Thông tri',
  CV: 'Công văn',
  TTr: 'Tờ trình',
  BB: 'Biên bản',
  DA: 'Đề án',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as DocumentType[];

/** Normal, Khẩn, Thượng khẩn, Hỏa tốc. */
export const URGENCIES = ['normal', 'khan', 'thuong-khan', 'hoa-toc'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Not secret, Mật, Tối mật, Tuyệt mật (Law on State Secrets). */
export const SECRECY_LEVELS = ['none', 'mat', 'toi-mat', 'tuyet-mat'] as const;
export type Secrecy = (typeof SECRECY_LEVELS)[number];
export const isSecret = (secrecy: Secrecy) => secrecy !== 'none';

/** T/M on behalf of a collective body, K/T a deputy for the head, T/L on instruction; none: the head in person. */
export const AUTHORITY_FORMS = ['T/M', 'K/T', 'T/L', 'none'] as const;
export type AuthorityForm = (typeof AUTHORITY_FORMS)[number];

/** `security-officer`: reads the organisation's access log of secret documents (docs/secret-documents.md). */
export const ROLES = ['clerk', 'specialist', 'leader', 'admin', 'archivist', 'security-officer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Levels of the organisation hierarchy, from the Central Committee down to the commune or ward;
 * `office`: an advisory office or board inside a committee (Văn phòng, Ban Xây dựng Đảng), to which
 * its committee splits tasks.
 */
export const ORG_LEVELS = ['central', 'province', 'commune', 'office'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const DOCUMENT_STATUSES = [
  'draft',
  'registered',
  'in_review',
  'returned',
  'rejected',
  'signing',
  'issued',
  'distributed',
  'archived',
  'recalled',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/**
 * A recipient's processing status, named after the edXML (QCVN 102:2016) status codes so that
 * status messages to and from other systems map one to one.
 */
export const RECIPIENT_STATUSES = {
  arrived: '01',
  rejected: '02',
  accepted: '03',
  assigned: '04',
  processing: '05',
  done: '06',
  recalled: '13',
} as const;
export type RecipientStatus = keyof typeof RECIPIENT_STATUSES;

/** Vietnam time, in which signing times, issue dates and number periods are expressed. */
export const VIETNAM_UTC_OFFSET = '+07:00';

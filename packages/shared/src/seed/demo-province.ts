import type { OrgLevel, Role } from '../contracts/documents';
import type { Clearance } from '../contracts/secrecy';

/**
 * The demo data both intake (organisations, users) and signing (certificate authorities,
 * certificates) seed from: a province committee with two commune/ward committees under it.
 * Fictional names; real deployments load their own hierarchy through the intake API.
 */
export interface SeedOrganisation {
  code: string;
  name: string;
  level: OrgLevel;
  parent?: string;
  /** The issuing-body code in notations: "15-NQ/TU". */
  notationCode: string;
  /** How numbers restart: each calendar year (Decree 30), or per committee term (Party rules). */
  numbering: { period: 'calendar-year' } | { period: 'term'; term: string };
}

export interface SeedUser {
  id: string;
  fullName: string;
  position: string;
  role: Role;
  org: string;
  email: string;
  /** Which secret documents they may be given (Law on State Secrets); none when absent. */
  clearance?: Clearance;
}

export const DEMO_ORGANISATIONS: SeedOrganisation[] = [
  { code: 'TW', name: 'Ban Chấp hành Trung ương', level: 'central', notationCode: 'TW', numbering: { period: 'term', term: '2026-2031' } },
  { code: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', parent: 'TW', notationCode: 'TU', numbering: { period: 'term', term: '2025-2030' } },
  { code: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU', notationCode: 'ĐU', numbering: { period: 'calendar-year' } },
  { code: 'BS-HB-DU', name: 'Đảng ủy phường Hòa Bình', level: 'commune', parent: 'BS-TU', notationCode: 'ĐU', numbering: { period: 'calendar-year' } },
  { code: 'BS-TL-VP', name: 'Văn phòng Đảng ủy xã Tân Lập', level: 'office', parent: 'BS-TL-DU', notationCode: 'VPĐU', numbering: { period: 'calendar-year' } },
  { code: 'BS-TL-XDD', name: 'Ban Xây dựng Đảng Đảng ủy xã Tân Lập', level: 'office', parent: 'BS-TL-DU', notationCode: 'BXDĐ', numbering: { period: 'calendar-year' } },
];

const people: Array<[string, string, string, Role, string, Clearance]> = [
  ['bs-admin', 'Trần Văn Quản', 'Quản trị hệ thống', 'admin', 'BS-TU', 'none'],
  ['bs-archivist', 'Lý Thị Thu', 'Lưu trữ viên Văn phòng Tỉnh ủy', 'archivist', 'BS-TU', 'toi-mat'],
  ['bs-clerk', 'Nguyễn Thị Lan', 'Văn thư Văn phòng Tỉnh ủy', 'clerk', 'BS-TU', 'tuyet-mat'],
  ['bs-specialist', 'Lê Minh Tuấn', 'Chuyên viên Văn phòng Tỉnh ủy', 'specialist', 'BS-TU', 'tuyet-mat'],
  ['bs-deputy', 'Phạm Thu Hà', 'Chánh Văn phòng Tỉnh ủy', 'leader', 'BS-TU', 'tuyet-mat'],
  ['bs-secretary', 'Hoàng Văn Sơn', 'Bí thư Tỉnh ủy', 'leader', 'BS-TU', 'tuyet-mat'],
  ['bs-security', 'Cao Văn Bảo', 'Cán bộ bảo vệ bí mật nhà nước, Văn phòng Tỉnh ủy', 'security-officer', 'BS-TU', 'tuyet-mat'],
  ['tl-clerk', 'Đỗ Thị Mai', 'Văn thư Đảng ủy xã', 'clerk', 'BS-TL-DU', 'tuyet-mat'],
  ['tl-specialist', 'Vũ Đức Anh', 'Chuyên viên Văn phòng Đảng ủy xã', 'specialist', 'BS-TL-DU', 'tuyet-mat'],
  ['tl-secretary', 'Bùi Văn Long', 'Bí thư Đảng ủy xã', 'leader', 'BS-TL-DU', 'tuyet-mat'],
  ['tl-security', 'Mai Thị Bình', 'Cán bộ bảo vệ bí mật nhà nước, Đảng ủy xã', 'security-officer', 'BS-TL-DU', 'tuyet-mat'],
  ['hb-clerk', 'Ngô Thị Hương', 'Văn thư Đảng ủy phường', 'clerk', 'BS-HB-DU', 'tuyet-mat'],
  ['hb-specialist', 'Đinh Quang Huy', 'Chuyên viên Văn phòng Đảng ủy phường', 'specialist', 'BS-HB-DU', 'mat'],
  ['hb-secretary', 'Trịnh Thị Nga', 'Bí thư Đảng ủy phường', 'leader', 'BS-HB-DU', 'tuyet-mat'],
  ['tl-vp-chief', 'Lương Văn Minh', 'Chánh Văn phòng Đảng ủy xã', 'leader', 'BS-TL-VP', 'none'],
  ['tl-xdd-head', 'Phan Thị Hoa', 'Trưởng Ban Xây dựng Đảng Đảng ủy xã', 'leader', 'BS-TL-XDD', 'none'],
];

export const DEMO_USERS: SeedUser[] = people.map(([id, fullName, position, role, org, clearance]) => ({
  id,
  fullName,
  position,
  role,
  org,
  email: `${id}@demo.vanthu.local`,
  ...(clearance !== 'none' && { clearance }),
}));

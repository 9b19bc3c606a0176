import type { OrgLevel, Role } from '../contracts/documents';

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
}

export const DEMO_ORGANISATIONS: SeedOrganisation[] = [
  { code: 'TW', name: 'Ban Chấp hành Trung ương', level: 'central', notationCode: 'TW', numbering: { period: 'term', term: '2026-2031' } },
  { code: 'BS-TU', name: 'Tỉnh ủy Bắc Sơn', level: 'province', parent: 'TW', notationCode: 'TU', numbering: { period: 'term', term: '2025-2030' } },
  { code: 'BS-TL-DU', name: 'Đảng ủy xã Tân Lập', level: 'commune', parent: 'BS-TU', notationCode: 'ĐU', numbering: { period: 'calendar-year' } },
  { code: 'BS-HB-DU', name: 'Đảng ủy phường Hòa Bình', level: 'commune', parent: 'BS-TU', notationCode: 'ĐU', numbering: { period: 'calendar-year' } },
];

const people: Array<[string, string, string, Role, string]> = [
  ['bs-admin', 'Trần Văn Quản', 'Quản trị hệ thống', 'admin', 'BS-TU'],
  ['bs-archivist', 'Lý Thị Thu', 'Lưu trữ viên Văn phòng Tỉnh ủy', 'archivist', 'BS-TU'],
  ['bs-clerk', 'Nguyễn Thị Lan', 'Văn thư Văn phòng Tỉnh ủy', 'clerk', 'BS-TU'],
  ['bs-specialist', 'Lê Minh Tuấn', 'Chuyên viên Văn phòng Tỉnh ủy', 'specialist', 'BS-TU'],
  ['bs-deputy', 'Phạm Thu Hà', 'Chánh Văn phòng Tỉnh ủy', 'leader', 'BS-TU'],
  ['bs-secretary', 'Hoàng Văn Sơn', 'Bí thư Tỉnh ủy', 'leader', 'BS-TU'],
  ['tl-clerk', 'Đỗ Thị Mai', 'Văn thư Đảng ủy xã', 'clerk', 'BS-TL-DU'],
  ['tl-specialist', 'Vũ Đức Anh', 'Chuyên viên Văn phòng Đảng ủy xã', 'specialist', 'BS-TL-DU'],
  ['tl-secretary', 'Bùi Văn Long', 'Bí thư Đảng ủy xã', 'leader', 'BS-TL-DU'],
  ['hb-clerk', 'Ngô Thị Hương', 'Văn thư Đảng ủy phường', 'clerk', 'BS-HB-DU'],
  ['hb-specialist', 'Đinh Quang Huy', 'Chuyên viên Văn phòng Đảng ủy phường', 'specialist', 'BS-HB-DU'],
  ['hb-secretary', 'Trịnh Thị Nga', 'Bí thư Đảng ủy phường', 'leader', 'BS-HB-DU'],
];

export const DEMO_USERS: SeedUser[] = people.map(([id, fullName, position, role, org]) => ({
  id,
  fullName,
  position,
  role,
  org,
  email: `${id}@demo.vanthu.local`,
}));

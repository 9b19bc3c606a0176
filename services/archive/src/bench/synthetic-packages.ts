import type { ArchivalMetadata, DocumentType, Secrecy } from '@vanthu/shared';

/*
 * The benchmark's archive: a province committee's office (BS-TU) and, beside it, one of its
 * communes (BS-TL-DU, every tenth package), ten years of documents in issue order. Subjects are
 * made of the phrases such documents use, so common words ("về", "việc", "năm", "công tác") are
 * in most subjects and a topic in one of twenty: what makes a word search cheap or dear. Every
 * hundredth package is secret and arrives sealed, as intake makes them (its subject a JWE).
 */

export const BENCH_ORG = 'BS-TU';
export const BENCH_OTHER_ORG = 'BS-TL-DU';
const ISSUER_NAMES: Record<string, string> = { [BENCH_ORG]: 'Tỉnh ủy Bắc Sơn', [BENCH_OTHER_ORG]: 'Đảng ủy xã Tân Lập' };
/** The issuer's part of a notation: `12-QĐ/TU`, `3-CV/ĐU`. */
const NOTATION_SUFFIX: Record<string, string> = { [BENCH_ORG]: 'TU', [BENCH_OTHER_ORG]: 'ĐU' };

/** Types by how often an office issues them (ten in a hundred are Nghị quyết, ...). */
const TYPE_MIX: Array<[DocumentType, number]> = [
  ['CV', 35],
  ['TB', 12],
  ['BC', 12],
  ['KH', 10],
  ['NQ', 8],
  ['QD', 10],
  ['CT', 3],
  ['KL', 4],
  ['HD', 3],
  ['TTr', 3],
];
const TYPE_NAMES: Partial<Record<DocumentType, string>> = {
  CV: 'Công văn',
  TB: 'Thông báo',
  BC: 'Báo cáo',
  KH: 'Kế hoạch',
  NQ: 'Nghị quyết',
  QD: 'Quyết định',
  CT: 'Chỉ thị',
  KL: 'Kết luận',
  HD: 'Hướng dẫn',
  TTr: 'Tờ trình',
};
/** As notations write them: Quyết định is QĐ. */
const TYPE_ABBREVIATIONS: Partial<Record<DocumentType, string>> = { QD: 'QĐ' };

const ACTIONS = ['triển khai', 'thực hiện', 'tăng cường', 'nâng cao chất lượng', 'tổ chức', 'sơ kết', 'tổng kết', 'kiểm tra, giám sát', 'đẩy mạnh', 'chỉ đạo'];
export const TOPICS = [
  'chuyển đổi số',
  'phòng, chống tham nhũng, tiêu cực',
  'công tác cán bộ',
  'xây dựng, chỉnh đốn Đảng',
  'công tác dân vận',
  'cải cách hành chính',
  'xây dựng nông thôn mới',
  'giảm nghèo bền vững',
  'bảo vệ môi trường',
  'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'phát triển kinh tế - xã hội',
  'quốc phòng, an ninh',
  'công tác tuyên giáo',
  'kiểm tra đảng viên',
  'đại hội đảng bộ các cấp',
  'công tác thi đua, khen thưởng',
  'phòng, chống thiên tai',
  'quản lý đất đai',
  'y tế cơ sở',
  'giáo dục và đào tạo',
];
const SCOPES = ['', ' trên địa bàn tỉnh', ' tại các xã, phường, thị trấn', ' trong Đảng bộ tỉnh', ' đối với cán bộ, đảng viên'];

/** The first issue date; packages spread over ten years from it, in order. */
const FIRST_DAY = Date.UTC(2016, 0, 4);
const DAYS = 3_650;

/** A small deterministic hash of the package number: the same archive every run. */
function mix(i: number, salt: number): number {
  let x = (i + 1) * 2654435761 + salt * 40503;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519);
  x ^= x >>> 13;
  return (x >>> 0) / 4294967296;
}

const pick = <T>(from: readonly T[], r: number): T => from[Math.floor(r * from.length)]!;

function typeOf(r: number): DocumentType {
  const total = TYPE_MIX.reduce((sum, [, weight]) => sum + weight, 0);
  let at = r * total;
  for (const [type, weight] of TYPE_MIX) {
    if (at < weight) return type;
    at -= weight;
  }
  return 'CV';
}

export interface SyntheticPackage {
  metadata: ArchivalMetadata;
  /** Secret: the subject is to be sealed, with the content, under a data key of its own. */
  sealed: boolean;
}

/**
 * Makes package `i` of the archive; call in order from 0, since numbers run per issuer, type and
 * year (`counters` carries them).
 */
export function syntheticPackage(i: number, total: number, counters: Map<string, number>): SyntheticPackage {
  const issuerCode = i % 10 === 9 ? BENCH_OTHER_ORG : BENCH_ORG;
  const day = new Date(FIRST_DAY + Math.floor((i * DAYS) / total) * 86_400_000);
  const date = day.toISOString().slice(0, 10);
  const year = day.getUTCFullYear();
  const issuedAt = `${date}T${String(7 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00+07:00`;
  const type = typeOf(mix(i, 1));
  const key = `${issuerCode}|${type}|${year}`;
  const number = (counters.get(key) ?? 0) + 1;
  counters.set(key, number);
  const sealed = i % 100 === 50;
  const secrecy: Secrecy = sealed ? (i % 200 === 50 ? 'mat' : 'toi-mat') : 'none';
  const subject = `${TYPE_NAMES[type]} về việc ${pick(ACTIONS, mix(i, 2))} ${pick(TOPICS, mix(i, 3))}${pick(SCOPES, mix(i, 4))} năm ${year}`;
  return {
    sealed,
    metadata: {
      documentId: `bench-doc-${i}`,
      type,
      number,
      notation: `${number}-${TYPE_ABBREVIATIONS[type] ?? type}/${NOTATION_SUFFIX[issuerCode]}`,
      issuedAt,
      issuerCode,
      issuerName: ISSUER_NAMES[issuerCode]!,
      subject,
      language: 'vi',
      pageCount: 1 + Math.floor(mix(i, 5) * 12),
      signer: { fullName: 'Nguyễn Văn An', position: 'Phó Bí thư Thường trực', authority: 'T/M' },
      recipients: issuerCode === BENCH_ORG ? ['BS-TL-DU', 'BS-HB-DU', 'BS-VP'] : [BENCH_ORG],
      urgency: 'normal',
      secrecy,
      copies: 1 + Math.floor(mix(i, 6) * 5),
      finalStatus: 'distributed',
    },
  };
}

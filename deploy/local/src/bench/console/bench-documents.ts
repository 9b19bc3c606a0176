import { DEMO_ORGANISATIONS } from '@vanthu/shared';
import { plannedDocument, type FigureSeedPlan, type SyntheticDocument } from '@vanthu/intake/dist/bench/seed-figure-events';
import { arrivalSeries, numberSeries, partyNotation } from '@vanthu/intake/dist/numbering/series';

/**
 * The demo province's side of the benchmark's documents: the province (Tỉnh ủy Bắc Sơn) issues
 * them all, each to both of its communes, so the province's outgoing register and each commune's
 * incoming register hold every one of them, and the province's leaders see them all in the
 * operations centre. The people are the demo's (packages/shared/src/seed/demo-province.ts).
 */
export const ISSUER = 'BS-TU';
export const RECIPIENTS = ['BS-TL-DU', 'BS-HB-DU'] as const;
export const AUTHOR = 'bs-specialist';
export const SIGNER = 'bs-secretary';
export const ISSUING_CLERK = 'bs-clerk';

const SUBJECTS = [
  'Về việc triển khai thực hiện Nghị quyết Đại hội Đảng bộ tỉnh',
  'Về công tác kiểm tra, giám sát và thi hành kỷ luật đảng',
  'Về việc tăng cường công tác phát triển đảng viên',
  'Về tổ chức hội nghị sơ kết công tác xây dựng Đảng',
  'Về công tác cải cách hành chính trong các cơ quan đảng',
  'Về việc nâng cao chất lượng sinh hoạt chi bộ',
  'Về công tác tuyên truyền kỷ niệm các ngày lễ lớn',
  'Về công tác bảo vệ chính trị nội bộ',
];

const organisation = (code: string) => {
  const org = DEMO_ORGANISATIONS.find((o) => o.code === code);
  if (!org) throw new Error(`${code} is not an organisation of the demo province`);
  return org;
};

/** Each document's subject, the same every run: what the register lists beside its notation. */
export const subjectOf = (i: number) => `${SUBJECTS[i % SUBJECTS.length]} (văn bản thử tải số ${i + 1})`;

/**
 * `count` documents of intake's figure plan (services/intake/src/bench/seed-figure-events.ts: issue
 * times over 28 Vietnam days before `now`, types, urgencies and copy outcomes in turn, every tenth
 * one secret), drafted by the province's specialist and signed by its secretary, numbered as
 * intake numbers them: in issue order within each of the issuer's series (per type for the term,
 * secret ones apart), written in the Party's notation; each copy gets its recipient's arrival
 * number, in arrival order within the recipient's yearly series. 28 days, not 30: every issue and
 * arrival falls in the operations centre's default 30-day window, whatever the hour of the run.
 */
export function benchDocuments(run: string, count: number, now: number): SyntheticDocument[] {
  const plan: FigureSeedPlan = { run, documents: count, issuers: [ISSUER], recipients: RECIPIENTS, recipientsPerDocument: RECIPIENTS.length, days: 28, now };
  const documents = Array.from({ length: count }, (_, i): SyntheticDocument => {
    const planned = plannedDocument(plan, i);
    return { ...planned, createdBy: AUTHOR, signer: SIGNER, copies: planned.copies.map((c) => ({ ...c })) };
  });
  const issuer = organisation(ISSUER);
  const numbers = new Map<string, number>();
  for (const doc of [...documents].sort((a, b) => a.issuedAt - b.issuedAt)) {
    const series = numberSeries(issuer, doc.type, doc.secrecy, new Date(doc.issuedAt));
    const number = (numbers.get(series) ?? 0) + 1;
    numbers.set(series, number);
    doc.number = number;
    doc.notation = partyNotation(number, doc.type, issuer.notationCode);
  }
  const arrivals = new Map<string, number>();
  for (const copy of documents.flatMap((d) => d.copies).sort((a, b) => a.arrivedAt - b.arrivedAt)) {
    const series = arrivalSeries(copy.org, new Date(copy.arrivedAt));
    const number = (arrivals.get(series) ?? 0) + 1;
    arrivals.set(series, number);
    copy.arrivalNumber = number;
  }
  return documents;
}

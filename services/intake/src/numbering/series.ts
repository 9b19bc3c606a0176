import { isSecret, type DocumentType, type Secrecy } from '@vanthu/shared';
import type { Organisation } from '../app/ports';

/** The calendar year in Vietnam time, in which numbers restart under Decree 30. */
export function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 60 * 60 * 1000).getUTCFullYear();
}

/**
 * Which series a document's number comes from, by the issuer's policy: per calendar year for all
 * types (Decree 30), or per type for the committee's term (Party rules). Secret documents always
 * take a separate series.
 */
export function numberSeries(org: Organisation, type: DocumentType, secrecy: Secrecy, issuedAt: Date): string {
  const period = org.numbering.period === 'term' ? `term:${org.numbering.term}` : `year:${vietnamYear(issuedAt)}`;
  const types = org.numbering.period === 'term' ? type : 'all';
  return `${org.code}|${period}|${types}|${isSecret(secrecy) ? 'secret' : 'open'}`;
}

/** The arrival-number series of a recipient: a yearly sequence in its incoming register. */
export function arrivalSeries(org: string, arrivedAt: Date): string {
  return `${org}|year:${vietnamYear(arrivedAt)}`;
}

/** Party form: "15-NQ/TU"; numbers under 10 are written with a leading zero ("05-NQ/TU"). */
export function partyNotation(number: number, type: DocumentType, notationCode: string): string {
  return `${String(number).padStart(2, '0')}-${type}/${notationCode}`;
}

import { parsePdfDate } from '../vietnam-time';

export interface EmbeddedSignature {
  byteRange: [number, number, number, number];
  /** The CMS as found between the angle brackets, or undefined when the gap holds no hex string. */
  cms?: Buffer;
  claimedTime?: Date;
  problems: string[];
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/**
 * Finds signatures by their ByteRange in the raw bytes rather than through a PDF parser: what a
 * signature covers is defined by those numbers, and a damaged file must still be reported on.
 */
export function findEmbeddedSignatures(pdf: Buffer): EmbeddedSignature[] {
  const text = pdf.toString('latin1');
  const found: EmbeddedSignature[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(BYTE_RANGE)) {
    const byteRange = [m[1], m[2], m[3], m[4]].map(Number) as EmbeddedSignature['byteRange'];
    const key = byteRange.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const [a, b, c, d] = byteRange;
    const problems: string[] = [];
    let cms: Buffer | undefined;
    if (a !== 0 || c <= b || c + d > pdf.length) {
      problems.push('the byte range is malformed or reaches past the end of the file');
    } else {
      const gap = text.slice(b, c);
      if (/^<[0-9A-Fa-f]*>$/.test(gap)) cms = Buffer.from(gap.slice(1, -1), 'hex');
      else problems.push('the byte range does not leave out exactly the signature contents');
    }
    const objectStart = text.lastIndexOf(' obj', m.index);
    const objectEnd = text.indexOf('endobj', m.index);
    const dict = text.slice(Math.max(0, objectStart), objectEnd < 0 ? undefined : objectEnd);
    const date = /\/M\s*\((D:[^)]*)\)/.exec(dict.replace(/<[0-9A-Fa-f]{200,}>/, ''));
    const claimedTime = date ? parsePdfDate(date[1]!) : undefined;
    found.push({ byteRange, ...(cms && { cms }), ...(claimedTime && { claimedTime }), problems });
  }
  return found.sort((x, y) => x.byteRange[1] - y.byteRange[1]);
}

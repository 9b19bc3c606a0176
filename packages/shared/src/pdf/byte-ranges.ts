import { tooComplex } from './pdf-refusal';

export interface FoundByteRange {
  range: [number, number, number, number];
  /** Where `/ByteRange` stands in the file. */
  at: number;
}

const KEY = Buffer.from('/ByteRange');
const RANGE = /^\/ByteRange\s*\[\s*(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s+(\d{1,15})\s*\]/;
/** `/ByteRange [` and four numbers fit in this many bytes, however they are spaced. */
const WINDOW = 256;

/**
 * The distinct signature byte ranges in a file, found in its raw bytes (what a signature covers is
 * defined by those numbers, whatever the structure around them says). More than `max` distinct
 * ranges is refused: each one means hashing up to the whole file again.
 */
export function findByteRanges(bytes: Buffer, max: number): FoundByteRange[] {
  const found: FoundByteRange[] = [];
  const seen = new Set<string>();
  for (let at = bytes.indexOf(KEY); at >= 0; at = bytes.indexOf(KEY, at + KEY.length)) {
    const m = RANGE.exec(bytes.toString('latin1', at, at + WINDOW));
    if (!m) continue;
    const range = [m[1], m[2], m[3], m[4]].map(Number) as FoundByteRange['range'];
    const key = range.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > max) tooComplex(`the PDF has more than ${max} signatures (distinct /ByteRange entries)`);
    found.push({ range, at });
  }
  return found;
}

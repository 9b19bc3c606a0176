import { findByteRanges } from '@vanthu/shared/pdf';
import { parsePdfDate } from '../vietnam-time';

export interface EmbeddedSignature {
  byteRange: [number, number, number, number];
  /** The CMS as found between the angle brackets, or undefined when the gap holds no hex string. */
  cms?: Buffer;
  claimedTime?: Date;
  problems: string[];
}

/** Bytes searched around a /ByteRange for its dictionary's /M: a signature dictionary is small but for its /Contents. */
const DICT_WINDOW = 64 * 1024;

export interface SignatureScanLimits {
  maxSignatures: number;
  /** A gap (the hex /Contents) longer than twice this, plus its brackets, is not decoded. */
  maxCmsBytes: number;
}

/**
 * Finds signatures by their ByteRange in the raw bytes rather than through a PDF parser: what a
 * signature covers is defined by those numbers, and a damaged file must still be reported on.
 * Bounded: at most `maxSignatures` distinct ranges (more throws `PdfRefused('too-complex')`), each
 * dictionary searched within a window, and no /Contents larger than `maxCmsBytes` decoded.
 */
export function findEmbeddedSignatures(pdf: Buffer, limits: SignatureScanLimits): EmbeddedSignature[] {
  const found: EmbeddedSignature[] = [];
  for (const { range: byteRange, at } of findByteRanges(pdf, limits.maxSignatures)) {
    const [a, b, c, d] = byteRange;
    const problems: string[] = [];
    let cms: Buffer | undefined;
    if (a !== 0 || c <= b || c + d > pdf.length) {
      problems.push('the byte range is malformed or reaches past the end of the file');
    } else if (c - b > limits.maxCmsBytes * 2 + 2) {
      problems.push(`the signature contents exceed ${limits.maxCmsBytes} bytes`);
    } else {
      const gap = pdf.toString('latin1', b, c);
      if (/^<[0-9A-Fa-f]*>$/.test(gap)) cms = Buffer.from(gap.slice(1, -1), 'hex');
      else problems.push('the byte range does not leave out exactly the signature contents');
    }
    // The dictionary around this /ByteRange, without the hex of its /Contents.
    const from = Math.max(0, at - DICT_WINDOW);
    const before = pdf.toString('latin1', from, at);
    const start = from + Math.max(0, before.lastIndexOf(' obj'));
    const skipContents = cms && b > at && b - at < DICT_WINDOW ? c : at;
    const after = pdf.toString('latin1', skipContents, Math.min(pdf.length, skipContents + DICT_WINDOW));
    const end = after.indexOf('endobj');
    const dict = pdf.toString('latin1', start, at) + (end < 0 ? after : after.slice(0, end));
    const date = /\/M\s*\((D:[^)]{0,64})\)/.exec(dict.replace(/<[0-9A-Fa-f]{200,}>/, ''));
    const claimedTime = date ? parsePdfDate(date[1]!) : undefined;
    found.push({ byteRange, ...(cms && { cms }), ...(claimedTime && { claimedTime }), problems });
  }
  return found.sort((x, y) => x.byteRange[1] - y.byteRange[1]);
}

import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { embedSignature, prepareWithView, type PdfSignatureRequest, type PreparedPdf } from '../../src/pdf/incremental-signature';
import { fullView, lookupView, signingView } from '../../src/pdf/signing-view';
import { stampFont } from '../../src/pdf/stamp-font';
import { makePdf } from '../support/signing-fixture';

const startxrefOf = (pdf: Buffer) => Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(pdf.toString('latin1', pdf.length - 64))![1]);

const request = (stamp: boolean): PdfSignatureRequest => ({
  signerName: 'Hoàng Văn Sơn',
  reason: 'T/M Ban Thường vụ',
  location: 'Tỉnh ủy Bắc Sơn',
  signingTime: new Date('2026-11-23T07:05:09Z'),
  ...(stamp && { stampLines: STAMP_LINES }),
});
const STAMP_LINES = ['Ký bởi: Hoàng Văn Sơn', '2026-11-23T14:05:09+07:00'];

/** Both readers, each on a fresh view (preparing changes the view's objects). */
async function bothWays(pdf: Buffer, stamp: boolean): Promise<{ lookup: PreparedPdf; full: PreparedPdf }> {
  const prev = startxrefOf(pdf);
  const font = stamp ? stampFont(STAMP_LINES) : undefined;
  return {
    lookup: prepareWithView(pdf, prev, lookupView(pdf, prev), request(stamp), font),
    full: prepareWithView(pdf, prev, await fullView(pdf, prev), request(stamp), font),
  };
}

/** A stand-in signature: the readers must cope with a filled /Contents before the next update. */
const signedOnce = (prepared: PreparedPdf) => embedSignature(prepared, Buffer.alloc(3000, 0x5a));

/**
 * The file's cross-reference stream re-encoded with PNG predictors, cycling through all five row
 * filters, as many writers other than pdf-lib produce them.
 */
function withPredictedXrefStream(pdf: Buffer): Buffer {
  const at = startxrefOf(pdf);
  const text = pdf.toString('latin1', at);
  const m = /^(\d+) 0 obj\s*<<([^]*?)>>\s*stream\r?\n/.exec(text)!;
  const dict = m[2]!;
  const length = Number(/\/Length (\d+)/.exec(dict)![1]);
  const start = at + m[0].length;
  const rows = inflateSync(pdf.subarray(start, start + length));
  const columns = /\/W \[\s*(\d+) (\d+) (\d+)\s*\]/.exec(dict)!.slice(1, 4).map(Number).reduce((a, b) => a + b);
  const filtered: number[] = [];
  for (let r = 0; r * columns < rows.length; r += 1) {
    const type = r % 5;
    filtered.push(type);
    for (let c = 0; c < columns; c += 1) {
      const x = rows[r * columns + c]!;
      const left = c > 0 ? rows[r * columns + c - 1]! : 0;
      const up = r > 0 ? rows[(r - 1) * columns + c]! : 0;
      const upLeft = r > 0 && c > 0 ? rows[(r - 1) * columns + c - 1]! : 0;
      const p = left + up - upLeft;
      const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const predicted = [0, left, up, (left + up) >> 1, paeth][type]!;
      filtered.push((x - predicted) & 0xff);
    }
  }
  const data = deflateSync(Buffer.from(filtered));
  const newDict = `${dict.replace(/\/Length \d+/, '')} /DecodeParms << /Columns ${columns} /Predictor 12 >> /Length ${data.length}`;
  return Buffer.concat([
    pdf.subarray(0, at),
    Buffer.from(`${m[1]} 0 obj\n<<${newDict}>>\nstream\n`, 'latin1'),
    data,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`, 'latin1'),
  ]);
}

describe('reading only what signing needs from a PDF', () => {
  it.each([
    ['a classic cross-reference table', false],
    ['object streams and a cross-reference stream', true],
  ])('adds the same update as a full pdf-lib load, for %s, before and after an earlier signature', async (_name, objectStreams) => {
    const pdf = await makePdf('Nghi quyet 15-NQ/TU', { objectStreams });
    expect((await signingView(pdf, startxrefOf(pdf))).reader).toBe('lookup');
    for (const stamp of [false, true]) {
      const first = await bothWays(pdf, stamp);
      expect(first.lookup.bytes.equals(first.full.bytes)).toBe(true);
      expect(first.lookup.digest.equals(first.full.digest)).toBe(true);

      const once = signedOnce(first.lookup);
      expect((await signingView(once, startxrefOf(once))).reader).toBe('lookup');
      const second = await bothWays(once, stamp);
      expect(second.lookup.bytes.equals(second.full.bytes)).toBe(true);
      expect(second.lookup.bytes.subarray(0, once.length).equals(once)).toBe(true);
    }
  });

  it('reads a cross-reference stream with PNG predictors', async () => {
    const pdf = withPredictedXrefStream(await makePdf('Ket luan 2-KL/TU', { objectStreams: true }));
    expect((await signingView(pdf, startxrefOf(pdf))).reader).toBe('lookup');
    const { lookup, full } = await bothWays(pdf, true);
    expect(lookup.bytes.equals(full.bytes)).toBe(true);
  });

  it('falls back to a full load when the cross-reference offsets are wrong', async () => {
    const pdf = await makePdf('Thong bao 3-TB/TU');
    const header = pdf.indexOf('\n') + 1;
    const shifted = Buffer.concat([pdf.subarray(0, header), Buffer.from('% a comment that moves every object\n'), pdf.subarray(header)]);
    const view = await signingView(shifted, startxrefOf(shifted));
    expect(view.reader).toBe('pdf-lib');
    expect(prepareWithView(shifted, startxrefOf(shifted), view, request(true), stampFont(STAMP_LINES)).bytes.length).toBeGreaterThan(shifted.length);
  });

  it('hashes the original bytes and the ByteRange in one pass', async () => {
    const pdf = await makePdf('Cong van 12-CV/TU');
    const { lookup } = await bothWays(pdf, false);
    expect(lookup.originalSha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const b = lookup.bytes;
    const expected = createHash('sha256').update(b.subarray(0, lookup.contentsStart)).update(b.subarray(lookup.contentsEnd)).digest();
    expect(lookup.digest.equals(expected)).toBe(true);
  });
});

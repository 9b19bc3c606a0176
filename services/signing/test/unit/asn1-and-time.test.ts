import { decodeOid, encodeOid, intFromBytes, sortedByDer, toDer, octets } from '../../src/asn1/der';
import { formatVietnamTime, parsePdfDate, pdfVietnamDate } from '../../src/vietnam-time';
import { TSA_POLICY } from '../../src/tsa/time-stamp-authority';

describe('DER helpers', () => {
  it('encodes object identifiers with arcs beyond 32 bits and reads them back', () => {
    expect(encodeOid('1.2.840.113549.1.7.2').toString('hex')).toBe('2a864886f70d010702');
    expect(decodeOid(encodeOid(TSA_POLICY))).toBe(TSA_POLICY);
  });

  it('keeps INTEGERs from raw bytes positive and minimal', () => {
    expect(toDer(intFromBytes(Buffer.from([0x80, 0x01]))).toString('hex')).toBe('0203008001');
    expect(toDer(intFromBytes(Buffer.from([0x00, 0x00, 0x7f]))).toString('hex')).toBe('02017f');
  });

  it('orders SET OF members by their encodings, as DER requires', () => {
    const sorted = sortedByDer([octets(Buffer.from([2])), octets(Buffer.from([1, 1])), octets(Buffer.from([1]))]);
    expect(sorted.map((n) => toDer(n).toString('hex'))).toEqual(['040101', '040102', '04020101']);
  });
});

describe('Vietnam time and stamp text', () => {
  const at = new Date('2026-11-23T07:05:09.500Z');

  it('shows signing times in ISO 8601 at UTC+07:00', () => {
    expect(formatVietnamTime(at)).toBe('2026-11-23T14:05:09+07:00');
    expect(formatVietnamTime(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01T03:00:00+07:00');
  });

  it('writes and reads the PDF date form of the same instant', () => {
    expect(pdfVietnamDate(at)).toBe("D:20261123140509+07'00'");
    expect(parsePdfDate(pdfVietnamDate(at))!.toISOString()).toBe('2026-11-23T07:05:09.000Z');
    expect(parsePdfDate('D:20261123070509Z')!.toISOString()).toBe('2026-11-23T07:05:09.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});

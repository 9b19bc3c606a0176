import { createHash } from 'node:crypto';
import {
  BadTimeStampRequest,
  encodeTimeStampRequest,
  encodeTimeStampResponse,
  encodeTstInfo,
  FAIL_INFO,
  parseTimeStampRequest,
  parseTimeStampResponse,
  parseTstInfo,
} from '../../src/tsa/messages';

describe('RFC 3161 messages', () => {
  const hashedMessage = createHash('sha256').update('x').digest();

  it('reads back a request with nonce, policy and certReq', () => {
    const nonce = Buffer.from('0badc0ffee', 'hex');
    const der = encodeTimeStampRequest({ hashAlgorithm: 'sha256', hashedMessage, policy: '1.2.3.4', nonce, certReq: true });
    expect(parseTimeStampRequest(der)).toEqual({ hashAlgorithm: 'sha256', hashedMessage, policy: '1.2.3.4', nonce, certReq: true });
  });

  it('rejects a request that is not DER or has an imprint of the wrong length', () => {
    expect(() => parseTimeStampRequest(Buffer.from('hello'))).toThrow(BadTimeStampRequest);
    const short = encodeTimeStampRequest({ hashAlgorithm: 'sha256', hashedMessage: hashedMessage.subarray(0, 20), certReq: false });
    expect(() => parseTimeStampRequest(short)).toThrow(/wrong length/);
  });

  it('round-trips TSTInfo', () => {
    const genTime = new Date('2026-11-23T07:05:09Z');
    const info = { policy: '2.25.1', hashAlgorithm: 'sha256', hashedMessage, serial: Buffer.from('01ff', 'hex'), genTime };
    expect(parseTstInfo(encodeTstInfo(info))).toEqual(info);
  });

  it('encodes a rejection with its status and failure bit', () => {
    const der = encodeTimeStampResponse({ failure: 'bad', failInfoBit: FAIL_INFO.badDataFormat });
    expect(parseTimeStampResponse(der)).toEqual({ status: 2 });
    expect(der.includes(Buffer.from([0x03, 0x02, 0x02, 0x04]))).toBe(true);
  });
});

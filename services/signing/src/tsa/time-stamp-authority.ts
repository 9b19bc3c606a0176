import { createHash, randomBytes } from 'node:crypto';
import { OID } from '../asn1/oids';
import { buildSignedData } from '../cms/signed-data';
import type { Authority } from '../pki/authority';
import { subjectKeys } from '../pki/certificate-records';
import {
  BadTimeStampRequest,
  encodeTimeStampResponse,
  encodeTstInfo,
  FAIL_INFO,
  parseTimeStampRequest,
  type TimeStampRequest,
} from './messages';

/**
 * Our policy under the UUID arc (X.667), which needs no registration: the identifier is ours
 * without anyone assigning it.
 */
export const TSA_POLICY = '2.25.230803425080852328223522413097718852621';

/** An RFC 3161 time-stamping authority whose key lives in the same PKI as everything else. */
export class TimeStampAuthority {
  constructor(private readonly authority: Authority) {}

  /** A token over `request`; the serial is 127 random bits, so no counter has to be shared. */
  async issue(request: TimeStampRequest, actor: string): Promise<Buffer> {
    const tsa = await this.authority.usable(subjectKeys.tsa, 'the time-stamping authority', 'tsa');
    const serial = randomBytes(16);
    serial[0] = (serial[0]! & 0x7f) | 0x01;
    const tstInfo = encodeTstInfo({
      policy: TSA_POLICY,
      hashAlgorithm: request.hashAlgorithm,
      hashedMessage: request.hashedMessage,
      serial,
      genTime: this.authority.now(),
      ...(request.nonce && { nonce: request.nonce }),
    });
    const signer = await this.authority.signer(tsa, {
      actor,
      purpose: 'timestamp',
      documentSha256: request.hashedMessage.toString('hex'),
    });
    const { der } = await buildSignedData(signer, {
      digest: createHash('sha256').update(tstInfo).digest(),
      encapsulated: { contentType: OID.tstInfo, content: tstInfo },
      withChain: request.certReq,
    });
    return der;
  }

  /** For signatures we make: a token over the SHA-256 of the signature value. */
  stampSignature(signatureValue: Buffer, actor: string): Promise<Buffer> {
    const hashedMessage = createHash('sha256').update(signatureValue).digest();
    return this.issue({ hashAlgorithm: 'sha256', hashedMessage, certReq: true }, actor);
  }

  /** The HTTP form: a DER request in, a DER response out, refusals included as responses. */
  async respond(query: Buffer, actor: string): Promise<Buffer> {
    let request: TimeStampRequest;
    try {
      request = parseTimeStampRequest(query);
    } catch (error) {
      if (!(error instanceof BadTimeStampRequest)) throw error;
      const bit = /hash algorithm/.test(error.message) ? FAIL_INFO.badAlg : FAIL_INFO.badDataFormat;
      return encodeTimeStampResponse({ failure: error.message, failInfoBit: bit });
    }
    if (request.policy && request.policy !== TSA_POLICY) {
      return encodeTimeStampResponse({ failure: `policy ${request.policy} is not offered`, failInfoBit: FAIL_INFO.unacceptedPolicy });
    }
    return encodeTimeStampResponse({ token: await this.issue(request, actor) });
  }
}

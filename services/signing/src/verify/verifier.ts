import { createHash, X509Certificate } from 'node:crypto';
import type { SignatureCheck, VerificationReport } from '@vanthu/shared';
import { DIGEST_BY_OID } from '../asn1/oids';
import { CMS_LIMITS, CmsTooComplex, parseSignedData } from '../cms/parse-signed-data';
import { refusals } from '../errors';
import type { Authority } from '../pki/authority';
import { guardLane, type GuardLane } from '../pool/guard-lane';
import { HASH_BYTES_PER_MS, MAX_CMS_BYTES, pdfLimits } from '../pool/limits';
import { fromWire, type Wire } from '../pool/wire';
import { INLINE_BYTES } from '../pool/byte-pool';
import { serialHexOf } from './chain';
import { checkCmsSignature, isValidCheck, type TrustContext } from './cms-check';
import { VERIFY_MAX_HASHED_BYTES, type ScannedSignature } from './signature-scan';

export const looksLikePdf = (data: Buffer) => data.subarray(0, 1024).includes('%PDF-');

/** A CMS past its limits is refused as a whole, naming the part it came in. */
async function refusingComplexCms<T>(field: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof CmsTooComplex) throw refusals.cmsTooComplex(error.message, field);
    throw error;
  }
}

/**
 * Verifies against the roots and revocations this service knows; a file's claims are checked, never
 * trusted. The untrusted bytes are read in the guard lane (structure, signature scan, hashing), under
 * the limits of docs/signing.md; the CMS checks, bounded by `CMS_LIMITS`, run here.
 */
export class Verifier {
  constructor(
    private readonly authority: Authority,
    private readonly guard: GuardLane = guardLane(),
  ) {}

  async trust(): Promise<TrustContext> {
    const anchors = (await this.authority.trustAnchors()).map((der) => new X509Certificate(der));
    // Read fresh for each verification, once per certificate: a PDF's signatures share their CAs.
    const records = new Map<string, ReturnType<Authority['bySerial']>>();
    const record = (serial: string) => {
      if (!records.has(serial)) records.set(serial, this.authority.bySerial(serial));
      return records.get(serial)!;
    };
    return {
      anchors,
      now: this.authority.now(),
      revokedAt: async (cert) => {
        const known = await record(serialHexOf(cert));
        // Same serial from another CA is not ours to judge.
        if (!known || !Buffer.from(known.der).equals(cert.raw)) return undefined;
        return known.status === 'revoked' ? known.revokedAt : undefined;
      },
    };
  }

  async verifyDetached(content: Buffer, signature: Buffer): Promise<VerificationReport> {
    if (signature.length > CMS_LIMITS.maxBytes) throw refusals.cmsTooComplex(`it is larger than ${CMS_LIMITS.maxBytes} bytes`, 'signature');
    let algorithm = 'sha256';
    try {
      algorithm = DIGEST_BY_OID[parseSignedData(signature).signers[0]?.digestOid ?? ''] ?? 'sha256';
    } catch (error) {
      if (error instanceof CmsTooComplex) throw refusals.cmsTooComplex(error.message, 'signature');
    }
    // Large contents are hashed off this thread, like everything else that grows with the upload.
    let digest: Buffer;
    if (content.length < INLINE_BYTES) digest = createHash(algorithm).update(content).digest();
    else {
      const copy = new Uint8Array(content);
      digest = fromWire(await this.guard.run<Wire>({ kind: 'digest', data: copy, algorithm }, [copy.buffer], content.length / HASH_BYTES_PER_MS));
    }
    const trust = await this.trust();
    const check = await refusingComplexCms('signature', () => checkCmsSignature(signature, (alg) => (alg === algorithm ? digest : Buffer.alloc(0)), trust));
    return { valid: isValidCheck(check), signatures: [check] };
  }

  async verifyPdf(pdf: Buffer): Promise<VerificationReport> {
    const limits = pdfLimits();
    const copy = new Uint8Array(pdf);
    const grant = Math.min(VERIFY_MAX_HASHED_BYTES, pdf.length * limits.maxSignatures) / HASH_BYTES_PER_MS;
    const scanned = await this.guard.run<ScannedSignature[]>({ kind: 'scan-signatures', data: copy, limits, maxCmsBytes: MAX_CMS_BYTES }, [copy.buffer], grant);
    const trust = await this.trust();
    const signatures: SignatureCheck[] = [];
    for (const found of scanned) {
      const [, , c, d] = found.byteRange;
      const coversWholeDocument = c + d === pdf.length;
      if (!found.cms) {
        signatures.push({
          signerName: '',
          chainTrusted: false,
          validAtSigningTime: false,
          revoked: false,
          timestamped: false,
          intact: false,
          coversWholeDocument,
          problems: found.problems,
        });
        continue;
      }
      const digest = fromWire(found.digest!);
      const options = found.claimedTime !== undefined ? { claimedTime: new Date(found.claimedTime) } : {};
      const check = await refusingComplexCms('file', () => checkCmsSignature(fromWire(found.cms!), (alg) => (alg === found.digestAlgorithm ? digest : Buffer.alloc(0)), trust, options));
      signatures.push({ ...check, coversWholeDocument, problems: [...found.problems, ...check.problems] });
    }
    const last = signatures[signatures.length - 1];
    const earlierOk = signatures.slice(0, -1).every((s) => isValidCheck({ ...s, coversWholeDocument: true }));
    // Earlier signatures cover earlier revisions; the last one must cover the file as it is.
    const valid = last !== undefined && earlierOk && isValidCheck(last);
    if (last && last.coversWholeDocument === false) last.problems.push('bytes were added after the last signature');
    return { valid, signatures };
  }

  verify(content: Buffer, detached?: Buffer): Promise<VerificationReport> {
    if (detached) return this.verifyDetached(content, detached);
    if (looksLikePdf(content)) return this.verifyPdf(content);
    return Promise.resolve({ valid: false, signatures: [] });
  }
}

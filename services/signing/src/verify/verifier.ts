import { createHash, X509Certificate } from 'node:crypto';
import type { SignatureCheck, VerificationReport } from '@vanthu/shared';
import { findEmbeddedSignatures } from '../pdf/embedded-signatures';
import type { Authority } from '../pki/authority';
import { serialHexOf } from './chain';
import { checkCmsSignature, isValidCheck, type TrustContext } from './cms-check';

export const looksLikePdf = (data: Buffer) => data.subarray(0, 1024).includes('%PDF-');

/** Verifies against the roots and revocations this service knows; a file's claims are checked, never trusted. */
export class Verifier {
  constructor(private readonly authority: Authority) {}

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
    const check = await checkCmsSignature(signature, (alg) => createHash(alg).update(content).digest(), await this.trust());
    return { valid: isValidCheck(check), signatures: [check] };
  }

  async verifyPdf(pdf: Buffer): Promise<VerificationReport> {
    const trust = await this.trust();
    const signatures: SignatureCheck[] = [];
    for (const found of findEmbeddedSignatures(pdf)) {
      const [, b, c, d] = found.byteRange;
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
      const digest = (alg: string) => createHash(alg).update(pdf.subarray(0, b)).update(pdf.subarray(c, c + d)).digest();
      const check = await checkCmsSignature(found.cms, digest, trust, found.claimedTime ? { claimedTime: found.claimedTime } : {});
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

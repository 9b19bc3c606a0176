import type { SignatureSummary } from '@vanthu/shared';
import { buildSignedData } from '../cms/signed-data';
import { embedSignature } from '../pdf/incremental-signature';
import type { Authority, KeyUse } from '../pki/authority';
import type { CertificateDoc } from '../pki/certificate-records';
import type { BytePool } from '../pool/byte-pool';
import type { TimeStampAuthority } from '../tsa/time-stamp-authority';
import { formatVietnamTime } from '../vietnam-time';

export interface SignRequest {
  certificate: CertificateDoc;
  actor: string;
  documentId?: string;
  /** Baseline level T; on by default. */
  timestamp?: boolean;
  /** The SHA-256 the key-use record names instead of the signed bytes' (a secret document's stored, sealed blob). */
  recordedSha256?: string;
}

export interface PdfSignRequest extends SignRequest {
  reason: string;
  location?: string;
  stampLines?: (signedAt: string) => string[];
}

/**
 * Makes CAdES and PAdES signatures with a certificate the caller has already judged usable, in
 * this order: the key use is recorded before the key is used, the timestamp comes after the
 * signature. The CMS and the RSA operation run on this thread (`KeyRing`); reading and updating a
 * large PDF, and hashing large contents, in the byte pool's threads.
 */
export class DocumentSigner {
  constructor(
    private readonly authority: Pick<Authority, 'signer' | 'now'>,
    private readonly tsa: Pick<TimeStampAuthority, 'stampSignature'>,
    private readonly pool: Pick<BytePool, 'sha256' | 'preparePdf'>,
  ) {}

  private summary(cert: CertificateDoc, useId: string, at: Date, timestamped: boolean): SignatureSummary {
    return { signatureId: useId, certificateSerial: cert._id, signerName: cert.commonName, signedAt: formatVietnamTime(at), timestamped };
  }

  private stamper(request: SignRequest) {
    return request.timestamp === false ? undefined : (value: Buffer) => this.tsa.stampSignature(value, request.actor);
  }

  private use(request: SignRequest, purpose: KeyUse['purpose'], signedSha256: string): KeyUse {
    return { actor: request.actor, purpose, documentSha256: request.recordedSha256 ?? signedSha256, ...(request.documentId && { documentId: request.documentId }) };
  }

  /** A detached CAdES signature (baseline B, or T with a timestamp) over `content`. */
  async signDetached(content: Buffer, request: SignRequest): Promise<{ signature: Buffer; summary: SignatureSummary }> {
    const digest = await this.pool.sha256(content);
    const signer = await this.authority.signer(request.certificate, this.use(request, 'cades', digest.toString('hex')));
    const at = this.authority.now();
    const timestamp = this.stamper(request);
    const result = await buildSignedData(signer, { digest, signingTime: at, ...(timestamp && { timestamp }) });
    return { signature: result.der, summary: this.summary(request.certificate, signer.useId, at, result.timestamped) };
  }

  /** A PAdES signature added to `pdf` as an incremental update. */
  async signPdf(pdf: Buffer, request: PdfSignRequest): Promise<{ pdf: Buffer; summary: SignatureSummary }> {
    const at = this.authority.now();
    const prepared = await this.pool.preparePdf(pdf, {
      signerName: request.certificate.commonName,
      reason: request.reason,
      signingTime: at,
      ...(request.location && { location: request.location }),
      ...(request.stampLines && { stampLines: request.stampLines(formatVietnamTime(at)) }),
    });
    const signer = await this.authority.signer(request.certificate, this.use(request, 'pades', prepared.originalSha256));
    const timestamp = this.stamper(request);
    const result = await buildSignedData(signer, { digest: prepared.digest, ...(timestamp && { timestamp }) });
    return { pdf: embedSignature(prepared, result.der), summary: this.summary(request.certificate, signer.useId, at, result.timestamped) };
  }
}

import { X509Certificate } from 'node:crypto';
import type { BlobRef } from '@vanthu/shared';
import { OID } from '../asn1/oids';
import { parseSignedData } from '../cms/parse-signed-data';
import { findEmbeddedSignatures } from '../pdf/embedded-signatures';
import { buildCrl } from '../pki/crl';
import type { SigningModule } from '../signing/signing-module';
import { serialHexOf } from './chain';
import { MAX_CMS_BYTES, pdfLimits } from '../pool/limits';
import { looksLikePdf } from './verifier';

/** The signature's certificates and its timestamp's; a token inside a token is not followed. */
function certificatesIn(cms: Buffer, depth = 0): Buffer[] {
  try {
    const data = parseSignedData(cms);
    const token = depth === 0 ? data.signers[0]?.unsignedAttributes.get(OID.timeStampToken) : undefined;
    return [...data.certificates, ...(token ? certificatesIn(token, depth + 1) : [])];
  } catch {
    return [];
  }
}

/**
 * The certificates and current CRLs a later verifier needs once ours are gone: an archive keeps
 * them beside the document (long-term validation material).
 */
export async function collectMaterial(module: SigningModule, content: Buffer, detached?: Buffer): Promise<{ certificates: BlobRef[]; crls: BlobRef[] }> {
  const cmsList = detached ? [detached] : looksLikePdf(content) ? findEmbeddedSignatures(content, { maxSignatures: pdfLimits().maxSignatures, maxCmsBytes: MAX_CMS_BYTES }).flatMap((s) => (s.cms ? [s.cms] : [])) : [];
  const byFingerprint = new Map<string, Buffer>();
  for (const der of [...cmsList.flatMap(certificatesIn), ...(await module.authority.trustAnchors())]) {
    byFingerprint.set(new X509Certificate(der).fingerprint256, der);
  }
  const crls: BlobRef[] = [];
  const seenIssuers = new Set<string>();
  for (const der of byFingerprint.values()) {
    const known = await module.authority.bySerial(serialHexOf(new X509Certificate(der)));
    if (!known?.issuerSerial || seenIssuers.has(known.issuerSerial)) continue;
    seenIssuers.add(known.issuerSerial);
    const issuer = await module.authority.bySerial(known.issuerSerial);
    if (issuer) crls.push(await module.blobs.put(await buildCrl(module.authority, issuer), 'application/pkix-crl'));
  }
  const certificates: BlobRef[] = [];
  for (const der of byFingerprint.values()) certificates.push(await module.blobs.put(der, 'application/pkix-cert'));
  return { certificates, crls };
}

import forge from 'node-forge';
import { enumerated, explicit, int, nullValue, octets, oid, raw, seq, time, toDer, type Asn1 } from '../asn1/der';
import { OID } from '../asn1/oids';
import { certificateFields } from '../cms/certificate-fields';
import type { Authority } from './authority';
import type { CertificateDoc } from './certificate-records';

const REASONS: Record<string, number> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};
export const REVOCATION_REASONS = Object.keys(REASONS);

const extension = (type: string, value: Asn1) => seq([oid(type), octets(toDer(value))]);

function subjectKeyId(der: Buffer): Buffer | undefined {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(der.toString('binary')));
  const ext = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
  return ext?.subjectKeyIdentifier ? Buffer.from(ext.subjectKeyIdentifier, 'hex') : undefined;
}

/** An X.509 v2 CRL (RFC 5280 section 5) of what `ca` revoked, signed now with its key. */
export async function buildCrl(authority: Authority, ca: CertificateDoc, validForMs = 24 * 3600 * 1000): Promise<Buffer> {
  const now = authority.now();
  const revoked = await authority.revokedBy(ca);
  const entries = revoked.map((r) =>
    seq([
      raw(certificateFields(Buffer.from(r.der)).serial),
      time(r.revokedAt ?? now),
      seq([extension(OID.crlReason, enumerated(REASONS[r.revocationReason ?? ''] ?? 0))]),
    ]),
  );
  const keyId = subjectKeyId(Buffer.from(ca.der));
  const akiValue = seq(keyId ? [forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 0, false, keyId.toString('binary'))] : []);
  const algorithm = seq([oid(OID.sha256WithRSA), nullValue()]);
  const tbs = seq([
    int(1),
    algorithm,
    raw(certificateFields(Buffer.from(ca.der)).subject),
    time(now),
    time(new Date(now.getTime() + validForMs)),
    ...(entries.length ? [seq(entries)] : []),
    // The CRL number only has to grow; the clock does that without a shared counter.
    explicit(0, seq([extension(OID.authorityKeyIdentifier, akiValue), extension(OID.crlNumber, int(Math.floor(now.getTime() / 1000)))])),
  ]);
  const tbsDer = toDer(tbs);
  const signature = await authority.signAsCa(ca, tbsDer);
  const bits = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.BITSTRING, false, `\x00${signature.toString('binary')}`);
  return toDer(seq([tbs, algorithm, bits]));
}

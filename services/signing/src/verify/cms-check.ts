import { createHash, verify, X509Certificate } from 'node:crypto';
import type { SignatureCheck } from '@vanthu/shared';
import { fromDer, readBytes, readTime } from '../asn1/der';
import { DIGEST_BY_OID, OID } from '../asn1/oids';
import { CmsTooComplex, parseSignedData, type ParsedSignedData, type ParsedSignerInfo } from '../cms/parse-signed-data';
import { commonNameOf } from '../cms/names';
import { parseTstInfo } from '../tsa/messages';
import { buildChain, serialHexOf, validAt } from './chain';
import { formatVietnamTime } from '../vietnam-time';

/** What a verifier knows beyond the signature: whom it trusts, and what has been revoked. */
export interface TrustContext {
  anchors: X509Certificate[];
  /** When the certificate was revoked, if it is one we know and it was; keyed by serial and fingerprint. */
  revokedAt(cert: X509Certificate): Promise<Date | undefined>;
  now: Date;
}

interface SignerCheck {
  cert?: X509Certificate;
  intact: boolean;
  problems: string[];
}

/** The signature over the signed attributes, and the attributes against the content. */
function checkSigner(data: ParsedSignedData, info: ParsedSignerInfo, contentDigest: (algorithm: string) => Buffer): SignerCheck {
  const problems: string[] = [];
  const certs = data.certificates.map((c) => ({ der: c, x509: new X509Certificate(c) }));
  const own = certs.find((c) => serialHexOf(c.x509) === info.serialHex);
  if (!own) return { intact: false, problems: ['the signer certificate is not in the signature'] };
  const digestName = DIGEST_BY_OID[info.digestOid];
  if (!digestName) return { cert: own.x509, intact: false, problems: [`unsupported digest algorithm ${info.digestOid}`] };
  if (!info.signedAttributesDer) return { cert: own.x509, intact: false, problems: ['signatures without signed attributes are not accepted'] };

  const messageDigest = info.signedAttributes.get(OID.messageDigest);
  const digestMatches = messageDigest !== undefined && readBytes(fromDer(messageDigest)).equals(contentDigest(digestName));
  if (!digestMatches) problems.push('the content does not match the signed digest: it changed after signing, or this is not its signature');
  const signatureValid = verify(digestName, info.signedAttributesDer, own.x509.publicKey, info.signature);
  if (!signatureValid) problems.push('the signature value does not verify with the signer certificate');

  const essV2 = info.signedAttributes.get(OID.signingCertificateV2);
  if (essV2) {
    const hash = createHash('sha256').update(own.der).digest();
    if (!essV2.includes(hash)) problems.push('the signing-certificate-v2 attribute names a different certificate');
  }
  return { cert: own.x509, intact: digestMatches && signatureValid && problems.length === 0, problems };
}

interface TimestampResult {
  ok: boolean;
  genTime?: Date;
  problems: string[];
}

/** An RFC 3161 token must cover this signature value, be intact, and come from a trusted TSA. */
function checkTimestamp(token: Buffer, signatureValue: Buffer, trust: TrustContext): TimestampResult {
  try {
    const data = parseSignedData(token);
    const info = data.signers[0];
    if (data.contentType !== OID.tstInfo || !data.content || !info) return { ok: false, problems: ['the timestamp token holds no TSTInfo'] };
    const tst = parseTstInfo(data.content);
    const imprintOk = createHash(tst.hashAlgorithm).update(signatureValue).digest().equals(tst.hashedMessage);
    const signer = checkSigner(data, info, (alg) => createHash(alg).update(data.content!).digest());
    const problems = [...signer.problems.map((p) => `timestamp: ${p}`)];
    if (!imprintOk) problems.push('the timestamp covers a different signature value');
    let trusted = false;
    if (signer.cert) {
      const pool = data.certificates.map((c) => new X509Certificate(c));
      const chain = buildChain(signer.cert, pool, trust.anchors);
      trusted = chain.trusted && chain.path.every((c) => validAt(c, tst.genTime));
      if (!trusted) problems.push('the timestamping authority is not trusted, or its certificate was not valid then');
      if (!(signer.cert.keyUsage ?? []).includes(OID.timeStamping)) problems.push('the timestamp certificate is not for time-stamping');
    }
    return { ok: problems.length === 0 && signer.intact && imprintOk && trusted, genTime: tst.genTime, problems };
  } catch (error) {
    if (error instanceof CmsTooComplex) throw error;
    return { ok: false, problems: [`the timestamp token cannot be read: ${(error as Error).message}`] };
  }
}

export interface CmsCheckOptions {
  /** The time the PDF's signature dictionary claims (/M), used when there is no signing-time attribute. */
  claimedTime?: Date;
}

/**
 * Checks one CMS signature and reports it in the contract's terms; never throws on bad input, but
 * for a CMS past `CMS_LIMITS` (`CmsTooComplex`), which the caller refuses as a whole.
 */
export async function checkCmsSignature(
  cms: Buffer,
  contentDigest: (algorithm: string) => Buffer,
  trust: TrustContext,
  options: CmsCheckOptions = {},
): Promise<SignatureCheck> {
  const failed = (problem: string): SignatureCheck => ({
    signerName: '',
    chainTrusted: false,
    validAtSigningTime: false,
    revoked: false,
    timestamped: false,
    intact: false,
    problems: [problem],
  });
  let data: ParsedSignedData;
  try {
    data = parseSignedData(cms);
  } catch (error) {
    if (error instanceof CmsTooComplex) throw error;
    return failed(`the signature is not a readable CMS SignedData: ${(error as Error).message}`);
  }
  const info = data.signers[0];
  if (!info || data.signers.length !== 1) return failed('expected exactly one signer');
  let signer: SignerCheck;
  try {
    signer = checkSigner(data, info, contentDigest);
  } catch (error) {
    return failed(`the signature cannot be checked: ${(error as Error).message}`);
  }
  const problems = [...signer.problems];
  if (!signer.cert) return { ...failed(problems[0] ?? 'no signer certificate'), problems };

  const token = info.unsignedAttributes.get(OID.timeStampToken);
  const stamp = token ? checkTimestamp(token, info.signature, trust) : undefined;
  if (stamp) problems.push(...stamp.problems);

  const signingTimeAttr = info.signedAttributes.get(OID.signingTime);
  const claimed = signingTimeAttr ? readTime(fromDer(signingTimeAttr)) : options.claimedTime;
  // A valid timestamp proves the time; a claimed time is only the signer's word.
  const signedAt = stamp?.ok && stamp.genTime ? stamp.genTime : (claimed ?? trust.now);

  const pool = data.certificates.map((c) => new X509Certificate(c));
  const chain = buildChain(signer.cert, pool, trust.anchors);
  problems.push(...chain.problems);
  const validAtSigningTime = chain.path.every((c) => validAt(c, signedAt));
  if (!validAtSigningTime) problems.push('a certificate in the chain was not valid at the signing time');

  let revoked = false;
  for (const cert of chain.path) {
    const at = await trust.revokedAt(cert);
    // Revocation after a proven signing time leaves the signature standing (it was made before).
    if (at && (!stamp?.ok || at <= signedAt)) {
      revoked = true;
      problems.push(`certificate ${serialHexOf(cert)} is revoked`);
    }
  }
  return {
    signerName: commonNameOf(Buffer.from(signer.cert.raw)),
    certificateSerial: serialHexOf(signer.cert),
    signedAt: formatVietnamTime(signedAt),
    chainTrusted: chain.trusted,
    validAtSigningTime,
    revoked,
    timestamped: stamp?.ok ?? false,
    intact: signer.intact,
    problems,
  };
}

export const isValidCheck = (c: SignatureCheck) =>
  c.intact && c.chainTrusted && c.validAtSigningTime && !c.revoked && c.problems.length === 0 && c.coversWholeDocument !== false;

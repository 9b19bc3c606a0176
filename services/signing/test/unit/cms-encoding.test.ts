import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { derLength, derTime } from '../../src/asn1/der-writer';
import { explicit, implicitConstructed, int, nullValue, octets, oid, raw, seq, set, sortedByDer, time, toDer, type Asn1 } from '../../src/asn1/der';
import { OID } from '../../src/asn1/oids';
import { certificateFields } from '../../src/cms/certificate-fields';
import { parseSignedData } from '../../src/cms/parse-signed-data';
import { buildSignedData, type CmsSigner } from '../../src/cms/signed-data';
import { buildCertificate, randomSerial } from '../../src/pki/certificate-builder';

/**
 * The SignedData as the service built it with forge's ASN.1 before the encoder of its own: the
 * reference the byte-for-byte comparisons below hold the new encoder to.
 */
function forgeSignedData(
  signer: { certificate: Buffer; chain: Buffer[]; key: KeyObject },
  options: { digest: Buffer; signingTime?: Date; encapsulated?: { contentType: string; content: Buffer }; token?: Buffer },
): Buffer {
  const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);
  const sha256Algorithm = () => seq([oid(OID.sha256)]);
  const { issuer, serial } = certificateFields(signer.certificate);
  const hash = createHash('sha256').update(signer.certificate).digest();
  const ess = seq([seq([seq([octets(hash), seq([seq([explicit(4, raw(issuer))]), raw(serial)])])])]);
  const contentType = options.encapsulated?.contentType ?? OID.data;
  const attributes = [attribute(OID.contentType, oid(contentType)), attribute(OID.messageDigest, octets(options.digest)), attribute(OID.signingCertificateV2, ess)];
  if (options.signingTime) attributes.push(attribute(OID.signingTime, time(options.signingTime)));
  const signed = sortedByDer(attributes);
  const signatureValue = sign('sha256', toDer(set(signed)), signer.key);
  const signerInfo = [int(1), seq([raw(issuer), raw(serial)]), sha256Algorithm(), implicitConstructed(0, signed), seq([oid(OID.rsaEncryption), nullValue()]), octets(signatureValue)];
  if (options.token) signerInfo.push(implicitConstructed(1, [attribute(OID.timeStampToken, raw(options.token))]));
  const encapsulated = options.encapsulated ? seq([oid(contentType), explicit(0, octets(options.encapsulated.content))]) : seq([oid(contentType)]);
  const signedData = seq([
    int(contentType === OID.data ? 1 : 3),
    set([sha256Algorithm()]),
    encapsulated,
    implicitConstructed(0, [signer.certificate, ...signer.chain].map(raw)),
    set([seq(signerInfo)]),
  ]);
  return toDer(seq([oid(OID.signedData), explicit(0, signedData)]));
}

describe('CMS SignedData encoding', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = new Date('2026-11-23T07:05:09.000Z');
  const certificate = buildCertificate(
    { kind: 'person', subject: { commonName: 'Hoàng Văn Sơn', orgName: 'Tỉnh ủy Bắc Sơn', orgCode: 'BS-TU' }, publicKey, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), selfKey: privateKey },
    randomSerial(),
  );
  const chain = [certificate, certificate];
  const signer: CmsSigner = { serial: 's', commonName: 'c', certificate, chain, useId: 'u', sign: async (data) => sign('sha256', data, privateKey) };
  const digest = createHash('sha256').update('nội dung').digest();

  it('writes DER lengths in short and long form', () => {
    expect([0, 127, 128, 255, 256, 65_535, 65_536].map((n) => derLength(n).toString('hex'))).toEqual(['00', '7f', '8180', '81ff', '820100', '82ffff', '83010000']);
  });

  it('writes times as forge did: UTCTime to 2049, GeneralizedTime after, whole seconds', () => {
    for (const at of [now, new Date('2049-12-31T23:59:59.999Z'), new Date('2050-01-01T00:00:00Z')]) {
      expect(derTime(at).equals(toDer(time(at)))).toBe(true);
    }
  });

  it('gives the same bytes as the forge construction for CAdES (signingTime, chain)', async () => {
    const made = await buildSignedData(signer, { digest, signingTime: now });
    expect(made.der.equals(forgeSignedData({ certificate, chain, key: privateKey }, { digest, signingTime: now }))).toBe(true);
  });

  it('gives the same bytes for PAdES (no signingTime) and for a timestamp token (encapsulated TSTInfo, no chain)', async () => {
    const pades = await buildSignedData(signer, { digest });
    expect(pades.der.equals(forgeSignedData({ certificate, chain, key: privateKey }, { digest }))).toBe(true);

    const tstInfo = Buffer.from('3003020101', 'hex');
    const encapsulated = { contentType: OID.tstInfo, content: tstInfo };
    const token = await buildSignedData(signer, { digest: createHash('sha256').update(tstInfo).digest(), encapsulated, withChain: false });
    const reference = forgeSignedData({ certificate, chain: [], key: privateKey }, { digest: createHash('sha256').update(tstInfo).digest(), encapsulated });
    expect(token.der.equals(reference)).toBe(true);
  });

  it('adds the timestamp token as an unsigned attribute exactly where forge put it', async () => {
    const token = (await buildSignedData(signer, { digest: createHash('sha256').update('token').digest() })).der;
    const made = await buildSignedData(signer, { digest, signingTime: now, timestamp: async () => token });
    expect(made.timestamped).toBe(true);
    expect(made.der.equals(forgeSignedData({ certificate, chain, key: privateKey }, { digest, signingTime: now, token }))).toBe(true);
    expect(parseSignedData(made.der).signers[0]!.unsignedAttributes.get(OID.timeStampToken)!.equals(token)).toBe(true);
  });
});

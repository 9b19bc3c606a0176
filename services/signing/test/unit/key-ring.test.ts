import { createHash, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { OID } from '../../src/asn1/oids';
import { parseSignedData } from '../../src/cms/parse-signed-data';
import { buildSignedData } from '../../src/cms/signed-data';
import { buildCertificate, randomSerial } from '../../src/pki/certificate-builder';
import { KeyRing, type KeyMaterial } from '../../src/pki/key-ring';
import { sealKey } from '../../src/pki/sealed-key';

describe('KeyRing: keys opened once per process, used on the calling thread', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serial = randomSerial();
  const now = new Date();
  const certificate = buildCertificate(
    { kind: 'person', subject: { commonName: 'Nguyễn Văn An', orgName: 'Văn phòng' }, publicKey, notBefore: now, notAfter: new Date(now.getTime() + 86_400_000), selfKey: privateKey },
    serial,
  );
  const kek = randomBytes(32);
  const material: KeyMaterial = { serial, sealed: sealKey(privateKey, kek, serial), certificate, chain: [] };
  const digest = createHash('sha256').update('nội dung').digest();

  it('reads the material once, records the use before signing, and makes a SignedData the public key verifies', async () => {
    const ring = new KeyRing(kek);
    const load = jest.fn(async () => material);
    const events: string[] = [];
    const signers = [];
    for (let i = 0; i < 3; i += 1) {
      signers.push(
        await ring.signer(serial, load, { commonName: 'Nguyễn Văn An', useId: `use-${i}` }, async () => {
          events.push(`recorded ${i}`);
        }),
      );
    }
    expect(load).toHaveBeenCalledTimes(1);
    const made = await buildSignedData(signers[1]!, { digest, signingTime: now });
    expect(events).toEqual(['recorded 1']);

    const signer = parseSignedData(made.der).signers[0]!;
    expect(signer.signedAttributes.get(OID.messageDigest)!.subarray(2).equals(digest)).toBe(true);
    expect(verify('sha256', signer.signedAttributesDer!, publicKey, signer.signature)).toBe(true);
  });

  it('refuses to sign when the use cannot be recorded', async () => {
    const ring = new KeyRing(kek);
    const signer = await ring.signer(serial, async () => material, { commonName: 'x', useId: 'u' }, () => Promise.reject(new Error('database down')));
    await expect(buildSignedData(signer, { digest })).rejects.toThrow('database down');
  });

  it('opens the key again after forget, and not at all under another KEK', async () => {
    const ring = new KeyRing(kek);
    const load = jest.fn(async () => material);
    await ring.signer(serial, load, { commonName: 'x', useId: 'u' }, async () => undefined);
    ring.forget(serial);
    await ring.signer(serial, load, { commonName: 'x', useId: 'u' }, async () => undefined);
    expect(load).toHaveBeenCalledTimes(2);
    await expect(new KeyRing(randomBytes(32)).signer(serial, async () => material, { commonName: 'x', useId: 'u' }, async () => undefined)).rejects.toThrow();
  });
});

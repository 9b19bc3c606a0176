import forge from 'node-forge';
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { refusals } from '../errors';

export interface Pkcs12Contents {
  certificate: Buffer;
  /** The other certificates in the file, issuer first where they chain. */
  chain: Buffer[];
  privateKey: KeyObject;
}

/** Opens a PKCS#12 file and finds the certificate that belongs to its private key. */
export function readPkcs12(file: Buffer, password: string): Pkcs12Contents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(file.toString('binary')), false, password);
  } catch (error) {
    throw refusals.invalid('unreadable-pkcs12', `The PKCS#12 file cannot be opened: ${(error as Error).message}`, 'file', 422);
  }
  const bagsOf = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag!), ...bagsOf(forge.pki.oids.keyBag!)].find((b) => b.key);
  if (!keyBag?.key) throw refusals.invalid('no-private-key', 'The PKCS#12 file holds no private key.', 'file', 422);
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key as forge.pki.rsa.PrivateKey));
  const ownPublic = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const certs = bagsOf(forge.pki.oids.certBag!)
    .filter((b) => b.cert)
    .map((b) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert!)).getBytes(), 'binary'));
  const own = certs.find((c) => new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(ownPublic));
  if (!own) throw refusals.invalid('no-matching-certificate', 'No certificate in the file matches its private key.', 'file', 422);
  const chain: Buffer[] = [];
  let current = new X509Certificate(own);
  for (let i = 0; i < 10; i += 1) {
    const issuer = certs.find((c) => !c.equals(current.raw) && current.checkIssued(new X509Certificate(c)));
    if (!issuer || chain.some((c) => c.equals(issuer))) break;
    const x = new X509Certificate(issuer);
    if (x.checkIssued(x)) break;
    chain.push(issuer);
    current = x;
  }
  return { certificate: own, chain, privateKey };
}

import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { Problem } from '@vanthu/shared';
import { buildChain, validAt } from '../verify/chain';

/** The configured outside CAs (PEM files, each may hold several certificates); a file that cannot be read stops the start. */
export function loadTrustedImportCas(paths: string[]): X509Certificate[] {
  return paths.flatMap((path) => {
    const pem = readFileSync(path, 'utf8');
    const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    if (blocks.length === 0) throw new Error(`SIGNING_TRUSTED_IMPORT_CAS: no certificate in ${path}`);
    return blocks.map((b) => new X509Certificate(b));
  });
}

/** Subject attributes, by the names node:crypto prints (`UID`, `serialNumber`, `OU`, `CN`, ...). */
export function subjectAttributes(cert: X509Certificate): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const line of cert.subject.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const name = line.slice(0, at);
    const value = line.slice(at + 1).replace(/\\(.)/g, '$1');
    attributes.set(name, [...(attributes.get(name) ?? []), value]);
  }
  return attributes;
}

/**
 * Whether the certificate names this subject. A person: the user id as the subject's UID
 * (0.9.2342.19200300.100.1.1, as our own certificates carry it) or serialNumber (2.5.4.5, where
 * national profiles put a personal identifier). An organisation: its code as OU (as ours carry
 * it), organizationIdentifier (2.5.4.97) or serialNumber. Names (CN) are not unique and do not count.
 */
export function namesSubject(cert: X509Certificate, subject: { kind: 'person'; userId: string } | { kind: 'organisation'; orgCode: string }): boolean {
  const attributes = subjectAttributes(cert);
  const values = (...names: string[]) => names.flatMap((n) => attributes.get(n) ?? []);
  return subject.kind === 'person'
    ? values('UID', 'serialNumber').includes(subject.userId)
    : values('OU', 'organizationIdentifier', '2.5.4.97', 'serialNumber').includes(subject.orgCode);
}

/**
 * Refuses (422, with the reason) a certificate that does not chain, through the file's chain and
 * our CA certificates, to one of our roots or a configured outside CA, or whose chain is not
 * valid now, or that does not name the subject it is imported for.
 */
export function checkImportable(
  leaf: X509Certificate,
  options: { fileChain: Buffer[]; ourCas: Buffer[]; anchors: X509Certificate[]; now: Date; subject: Parameters<typeof namesSubject>[1] },
): void {
  const pool = [...options.fileChain, ...options.ourCas].map((der) => new X509Certificate(der));
  const chain = buildChain(leaf, pool, options.anchors);
  if (!chain.trusted) {
    throw new Problem(
      422,
      'untrusted-issuer',
      `The certificate (issuer: ${leaf.issuer.replace(/\n/g, ', ')}) does not chain to the Vanthu hierarchy or to a CA in SIGNING_TRUSTED_IMPORT_CAS.`,
      { field: 'file' },
    );
  }
  const expired = chain.path.find((c) => !validAt(c, options.now));
  if (expired) throw new Problem(422, 'certificate-expired', `A certificate of the chain is not valid now (${expired.subject.replace(/\n/g, ', ')}).`, { field: 'file' });
  if (!namesSubject(leaf, options.subject)) {
    const expected =
      options.subject.kind === 'person' ? `UID or serialNumber=${options.subject.userId}` : `OU, organizationIdentifier or serialNumber=${options.subject.orgCode}`;
    throw new Problem(422, 'certificate-names-another-subject', `The certificate's subject (${leaf.subject.replace(/\n/g, ', ')}) does not carry ${expected}.`, {
      field: options.subject.kind === 'person' ? 'userId' : 'orgCode',
    });
  }
}

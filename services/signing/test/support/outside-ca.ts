import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';

export interface OutsideCa {
  certPath: string;
  keyPath: string;
  certificate: X509Certificate;
  /** A PKCS#12 (password "secret") with a key and a certificate this CA issues to `subject` (openssl -subj form). */
  issuePkcs12(name: string, subject: string): Buffer;
}

/** A CA that is not ours, made with openssl, to import certificates from. */
export function makeOutsideCa(dir: string, name: string): OutsideCa {
  const keyPath = join(dir, `${name}-ca.key`);
  const certPath = join(dir, `${name}-ca.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', `/C=VN/O=${name}/CN=${name} CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { stdio: 'ignore' });
  return {
    keyPath,
    certPath,
    certificate: new X509Certificate(readFileSync(certPath)),
    issuePkcs12(leaf, subject) {
      const key = join(dir, `${leaf}.key`);
      const csr = join(dir, `${leaf}.csr`);
      const crt = join(dir, `${leaf}.crt`);
      const p12 = join(dir, `${leaf}.p12`);
      execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject, '-utf8'], { stdio: 'ignore' });
      execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', certPath, '-CAkey', keyPath, '-CAcreateserial', '-out', crt, '-days', '10'], { stdio: 'ignore' });
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', crt, '-certfile', certPath, '-out', p12, '-passout', 'pass:secret'], { stdio: 'ignore' });
      return readFileSync(p12);
    },
  };
}

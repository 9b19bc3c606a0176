import { children, fromDer, readOid } from '../asn1/der';
import { certificateFields } from './certificate-fields';

/** The subject's common name, UTF-8 decoded (Vietnamese names are not ASCII). */
export function commonNameOf(certificate: Buffer): string {
  const subject = fromDer(certificateFields(certificate).subject);
  for (const rdn of children(subject)) {
    for (const attr of children(rdn)) {
      const [type, value] = children(attr);
      if (type && value && readOid(type) === '2.5.4.3') return Buffer.from(value.value as string, 'binary').toString('utf8');
    }
  }
  return '';
}

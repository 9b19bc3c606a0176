import { TOPICS } from '../contracts/topics';
import { bool, object, oneOf, str, timestamp } from './json-schema';
import { defineEvent } from './event-spec';

/* The signing service's PKI: certificates as they are issued and revoked, keyed by serial. */

const KINDS = ['root-ca', 'issuing-ca', 'organisation', 'person', 'tsa'] as const;

const certificate = {
  serial: str('Certificate serial number (hex), also the Kafka key.', { minLength: 1 }),
  kind: oneOf('What the certificate is for.', KINDS),
  subjectKey: str('The subject the certificate belongs to, e.g. `person:bs-secretary` or `org:BS-TU`.'),
  commonName: str('Subject common name.'),
  orgCode: str('Organisation of the subject, for organisation and person certificates and issuing CAs.'),
  userId: str('User id of a person certificate\'s holder.'),
};

export const SIGNING_EVENTS = [
  defineEvent({
    type: 'certificate.issued',
    version: 1,
    topic: TOPICS.signingEvents.name,
    key: 'serial',
    summary: 'A certificate was issued (or imported from PKCS#12), by issuance or renewal.',
    data: object(
      {
        ...certificate,
        issuerSerial: str('Serial of the issuing CA\'s certificate; absent for the root.'),
        notBefore: timestamp('Start of validity.'),
        notAfter: timestamp('End of validity.'),
        imported: bool('True when the key and certificate were imported, not issued by our CA.'),
      },
      ['serial', 'kind', 'subjectKey', 'commonName', 'notBefore', 'notAfter', 'imported'],
    ),
  }),
  defineEvent({
    type: 'certificate.revoked',
    version: 1,
    topic: TOPICS.signingEvents.name,
    key: 'serial',
    summary: 'A certificate was revoked; it appears on its CA\'s next CRL.',
    data: object(
      { ...certificate, reason: str('Why it was revoked.'), revokedAt: timestamp('When.') },
      ['serial', 'kind', 'subjectKey', 'commonName', 'reason', 'revokedAt'],
    ),
  }),
];

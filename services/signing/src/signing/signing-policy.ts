import type { SignerIdentity } from '@vanthu/shared';
import { refusals } from '../errors';
import type { Authority } from '../pki/authority';
import { subjectKeys, type CertificateDoc } from '../pki/certificate-records';

/**
 * The person's own certificate, if it may sign for `documentOrgCode`: a person signs only for
 * the organisation their certificate was issued in.
 */
export async function personCertificate(authority: Authority, signer: SignerIdentity, documentOrgCode?: string): Promise<CertificateDoc> {
  const cert = await authority.usable(subjectKeys.person(signer.userId), signer.fullName || signer.userId, 'signer.userId');
  const orgCode = documentOrgCode ?? signer.orgCode;
  if (cert.orgCode !== orgCode || cert.orgCode !== signer.orgCode) {
    throw refusals.notInOrganisation(signer.fullName || signer.userId, orgCode, documentOrgCode ? 'orgCode' : 'signer.orgCode');
  }
  return cert;
}

export const organisationCertificate = (authority: Authority, orgCode: string) =>
  authority.usable(subjectKeys.org(orgCode), `organisation ${orgCode}`, 'orgCode');

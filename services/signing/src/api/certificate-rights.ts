import { Problem, type Principal } from '@vanthu/shared';
import { caCodeOf, type Authority } from '../pki/authority';
import { subjectKeys, type CertificateDoc } from '../pki/certificate-records';

/**
 * Who administers which certificates: an administrator of the organisation whose CA issues the
 * certificate, or of an organisation above it (whose CA certified that CA, and could revoke it
 * anyway). So BS-TU's admin issues, renews and revokes BS-TU's person and organisation
 * certificates, the communes' CA certificates, and, through them, the communes' certificates;
 * a commune's admin only its own commune's; nobody another branch's. The root's certificates (the
 * top organisation's CA, the TSA) are not administered through the API. An imported certificate
 * belongs to the organisation it was imported for, and so to that organisation's administrators.
 */
export class CertificateRights {
  constructor(private readonly authority: Authority) {}

  /** The organisations whose admins administer what `ca` issues: its own and each above it, root excluded. */
  private async administeringOrgs(ca: CertificateDoc): Promise<string[]> {
    const orgs: string[] = [];
    let current: CertificateDoc | null = ca;
    for (let depth = 0; current && current.kind === 'issuing-ca' && depth < 16; depth += 1) {
      orgs.push(caCodeOf(current));
      current = current.issuerSerial ? await this.authority.bySerial(current.issuerSerial) : null;
    }
    return orgs;
  }

  private require(principal: Principal, orgs: string[], what: string): void {
    if (orgs.length === 0) {
      throw new Problem(403, 'root-ca-not-administered', `${what} is issued by the root CA, which is not administered through the API.`);
    }
    if (!orgs.includes(principal.orgCode)) {
      throw new Problem(403, 'not-your-organisation', `${what}: only an administrator of ${orgs.join(' or ')} may do this.`);
    }
  }

  /** For what the CA of `orgCode` issues (person and organisation certificates, imports for it). */
  async requireForOrganisation(principal: Principal, orgCode: string, what: string): Promise<void> {
    const ca = await this.authority.active(subjectKeys.ca(orgCode));
    // No CA yet: only the organisation's own admin, who then hears that it has none (409).
    this.require(principal, ca ? await this.administeringOrgs(ca) : [orgCode], what);
  }

  /** For an issuing CA under `parentOrgCode`'s CA, or under the root when there is no parent. */
  async requireForSubordinateCa(principal: Principal, parentOrgCode: string | undefined, what: string): Promise<void> {
    if (!parentOrgCode) return this.require(principal, [], what);
    await this.requireForOrganisation(principal, parentOrgCode, what);
  }

  /** For renewing or revoking an existing certificate. */
  async requireForCertificate(principal: Principal, cert: CertificateDoc): Promise<void> {
    const what = `Certificate ${cert._id} (${cert.subjectKey})`;
    if (cert.imported) return this.requireForOrganisation(principal, cert.orgCode ?? '', what);
    const issuer = cert.issuerSerial ? await this.authority.bySerial(cert.issuerSerial) : null;
    this.require(principal, issuer ? await this.administeringOrgs(issuer) : [], what);
  }
}

import { DEMO_ORGANISATIONS, DEMO_USERS } from '@vanthu/shared';
import type { Authority } from './authority';

/**
 * The demo province's PKI: a root, an issuing CA per organisation under its parent's, an
 * organisation certificate each, and person certificates for the leaders (the signers).
 * Idempotent and safe when the api and worker processes run it at the same time.
 */
export async function enrolDemoProvince(authority: Authority): Promise<void> {
  await authority.ensureRoot();
  await authority.ensureTsa();
  const byCode = new Map(DEMO_ORGANISATIONS.map((o) => [o.code, o]));
  // Parents come first in the seed; the loop does not depend on it for correctness, only order.
  for (const org of DEMO_ORGANISATIONS) {
    await authority.ensure(await authority.issuingCaRequest({ code: org.code, name: org.name, ...(org.parent && { parent: org.parent }) }));
    await authority.ensure(await authority.organisationRequest({ code: org.code, name: org.name }));
  }
  for (const user of DEMO_USERS.filter((u) => u.role === 'leader')) {
    const org = byCode.get(user.org);
    if (!org) continue;
    await authority.ensure(
      await authority.personRequest({ userId: user.id, fullName: user.fullName, position: user.position, orgCode: org.code, orgName: org.name }),
    );
  }
}

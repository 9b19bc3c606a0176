import type { Request } from 'express';
import { principalOf, Problem, roles, secureRouter, type AccessLog, type Principal, type SecureRouter } from '@vanthu/shared';
import { defined, paging, text } from './query';

/** The organisation's security officer, and only theirs: the log names who read which secret. */
const SECURITY_OFFICERS = roles('security-officer');

/** Their own organisation's log; another's answers as one that does not exist. */
function ownLog(req: Request, principal: Principal): string {
  const org = text(req, 'org') ?? principal.orgCode;
  if (org !== principal.orgCode) throw new Problem(404, 'access-log-not-found', `No access log of ${org} for you to read.`, { field: 'org' });
  return org;
}

/** The access log of secret documents (docs/secret-documents.md): list and verify. The validator has checked the query. */
export function accessLogRouter(log: Pick<AccessLog, 'list' | 'verify'>): SecureRouter {
  const router = secureRouter();

  router.get('/v1/access-log', SECURITY_OFFICERS, async (req, res) => {
    const org = ownLog(req, principalOf(res));
    const filter = defined({
      documentId: text(req, 'documentId'),
      actor: text(req, 'actor'),
      outcome: text(req, 'outcome') as 'allowed' | 'refused' | undefined,
      from: text(req, 'from'),
      to: text(req, 'to'),
    });
    res.json({ org, ...(await log.list(org, { ...filter, ...paging(req) })) });
  });

  router.get('/v1/access-log/verify', SECURITY_OFFICERS, async (req, res) => {
    const org = ownLog(req, principalOf(res));
    res.json({ org, ...(await log.verify(org)) });
  });

  return router;
}

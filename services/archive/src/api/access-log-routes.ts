import type { Request } from 'express';
import { z } from 'zod';
import { badRequest, principalOf, Problem, roles, secureRouter, type AccessLog, type Principal, type SecureRouter } from '@vanthu/shared';

/** The organisation's security officer, and only theirs: the log names who read which secret. */
const SECURITY_OFFICERS = roles('security-officer');

const text = z.string().min(1).max(200);
// The same query as intake's /v1/access-log (its OpenAPI document), checked here by hand: the archive has no validator.
const listQuery = z.object({
  org: text.optional(),
  documentId: text.optional(),
  actor: text.optional(),
  outcome: z.enum(['allowed', 'refused']).optional(),
  /** A day (Vietnam time) or an ISO 8601 instant; AccessLog.list checks which, naming the field. */
  from: z.string().min(10).max(40).optional(),
  to: z.string().min(10).max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const verifyQuery = listQuery.pick({ org: true });

/** A parameter the route does not know is refused by name, not ignored: a typo would otherwise widen the answer. */
function parseQuery<T extends z.ZodObject>(schema: T, req: Request): z.infer<T> {
  const query = req.query as Record<string, unknown>;
  for (const name of Object.keys(query)) {
    if (!(name in schema.shape)) throw badRequest('unknown-parameter', `${name} is not a parameter of this request.`, name);
  }
  return schema.parse(query) as z.infer<T>;
}

/** Their own organisation's log; another's answers as one that does not exist. */
function ownLog(org: string | undefined, principal: Principal): string {
  const wanted = org ?? principal.orgCode;
  if (wanted !== principal.orgCode) throw new Problem(404, 'access-log-not-found', `No access log of ${wanted} for you to read.`, { field: 'org' });
  return wanted;
}

/** The archive's access log of secret packages (docs/secret-documents.md): list and verify. */
export function accessLogRoutes(log: Pick<AccessLog, 'list' | 'verify'>): SecureRouter {
  const r = secureRouter();
  r.get('/v1/access-log', SECURITY_OFFICERS, async (req, res) => {
    const { org, page, pageSize, ...filter } = parseQuery(listQuery, req);
    const own = ownLog(org, principalOf(res));
    res.json({ org: own, ...(await log.list(own, { ...filter, page, pageSize })) });
  });
  r.get('/v1/access-log/verify', SECURITY_OFFICERS, async (req, res) => {
    const own = ownLog(parseQuery(verifyQuery, req).org, principalOf(res));
    res.json({ org: own, ...(await log.verify(own)) });
  });
  return r;
}

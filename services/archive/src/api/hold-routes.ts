import { z } from 'zod';
import { notFound, principalOf, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import { parseBody } from './request-body';
import { AUTHORITIES } from './rights';

const holdBody = z.object({ reason: z.string().trim().min(1).max(1000) });
const releaseBody = z.object({});

/**
 * Legal holds stop a disposition, so placing or lifting one is a decision of the organisation's
 * leadership; the record says who did it and when, from the credentials and the server's clock.
 */
export function holdRoutes(archive: Archive): SecureRouter {
  const r = secureRouter();
  const files = archive.workFiles;

  r.post('/v1/work-files/:id/holds', AUTHORITIES, async (req, res) => {
    const { reason } = parseBody(holdBody, req.body);
    const who = principalOf(res);
    const file = await files.getOwned(String(String(req.params.id)), who.orgCode);
    res.status(201).json(await files.placeHold(file._id, { reason, placedBy: who.userId }));
  });
  r.post('/v1/holds/:holdId/release', AUTHORITIES, async (req, res) => {
    parseBody(releaseBody, req.body);
    const who = principalOf(res);
    const hold = await files.getHold(String(req.params.holdId));
    const file = await files.get(hold.workFileId);
    if (file.orgCode !== who.orgCode) throw notFound('hold-not-found', `No legal hold ${req.params.holdId}.`);
    res.json(await files.releaseHold(hold._id, who.userId));
  });
  return r;
}

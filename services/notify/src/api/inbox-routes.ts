import { z } from 'zod';
import { principalOf, secureRouter, type SecureRouter, anyUser } from '@vanthu/shared';
import type { Inbox } from '../inbox/inbox';
import { MAX_PAGE } from '../store/sequenced-log';

const seq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20),
  before: seq.optional(),
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

const readAllBody = z.strictObject({ upTo: seq.optional() }).default({});

/** The caller's own inbox: nobody reads or marks another user's notifications. */
export function inboxRoutes(inbox: Inbox): SecureRouter {
  const router = secureRouter();

  router.get('/v1/me/notifications', anyUser(), async (req, res) => {
    const query = pageQuery.parse(req.query);
    const page = await inbox.page(principalOf(res).userId, {
      limit: query.limit,
      ...(query.before !== undefined && { before: query.before }),
      ...(query.unread !== undefined && { unreadOnly: query.unread }),
    });
    res.json(page);
  });

  router.get('/v1/me/notifications/unread-count', anyUser(), async (_req, res) => {
    res.json(await inbox.unread(principalOf(res).userId));
  });

  router.post('/v1/me/notifications/read-all', anyUser(), async (req, res) => {
    const body = readAllBody.parse(req.body ?? {});
    res.json(await inbox.markAllRead(principalOf(res).userId, body.upTo));
  });

  router.post('/v1/me/notifications/:seq/read', anyUser(), async (req, res) => {
    const which = z.object({ seq }).parse(req.params);
    res.json(await inbox.markRead(principalOf(res).userId, which.seq));
  });

  return router;
}

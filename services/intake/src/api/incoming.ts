import type { IncomingView } from '../app/ports';
import { anyUser, principalOf, secureRouter, type SecureRouter } from '@vanthu/shared';
import { respond } from '../http/reply';
import { sendBlob } from './documents';
import type { ApiDependencies } from './dependencies';
import { defined, paging, param, text } from './query';

/** Documents received: assign a handler and deadline, process, report, or refuse. */
export function incomingRouter({ intake, idempotent }: ApiDependencies): SecureRouter {
  const router = secureRouter();
  const bodyOf = (body: unknown) => (body ?? {}) as Record<string, string>;

  router.get(
    '/v1/incoming',
    anyUser(),
    respond(async (req, res) => {
      const filter = {
        ...defined({
          org: text(req, 'org'),
          status: text(req, 'status') as IncomingView['status'] | undefined,
          handler: text(req, 'handler'),
          from: text(req, 'from'),
          to: text(req, 'to'),
        }),
        ...paging(req),
      };
      return { status: 200, body: await intake.listIncoming(principalOf(res), filter, { from: req.ip }) };
    }),
  );

  router.get(
    '/v1/incoming/:id',
    anyUser(),
    respond(async (req, res) => ({ status: 200, body: await intake.getIncoming(principalOf(res), param(req, 'id'), { from: req.ip }) })),
  );

  router.get('/v1/incoming/:id/blobs/:sha256', anyUser(), async (req, res) => {
    sendBlob(res, await intake.getIncomingBlob(principalOf(res), param(req, 'id'), param(req, 'sha256'), { from: req.ip }));
  });

  router.post(
    '/v1/incoming/:id/assign',
    anyUser(),
    idempotent(false, async (req, res) => {
      const { handler, deadline } = bodyOf(req.body);
      return {
        status: 200,
        body: await intake.assignIncoming(principalOf(res), param(req, 'id'), String(handler), deadline),
      };
    }),
  );
  router.post(
    '/v1/incoming/:id/start',
    anyUser(),
    idempotent(false, async (req, res) => ({
      status: 200,
      body: await intake.startProcessing(principalOf(res), param(req, 'id')),
    })),
  );
  router.post(
    '/v1/incoming/:id/complete',
    anyUser(),
    idempotent(false, async (req, res) => ({
      status: 200,
      body: await intake.completeIncoming(principalOf(res), param(req, 'id'), String(bodyOf(req.body).report)),
    })),
  );
  router.post(
    '/v1/incoming/:id/refuse',
    anyUser(),
    idempotent(false, async (req, res) => ({
      status: 200,
      body: await intake.refuseIncoming(principalOf(res), param(req, 'id'), String(bodyOf(req.body).reason)),
    })),
  );

  return router;
}

import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { z } from 'zod';
import { notFound, Problem } from '@vanthu/shared';
import { principalOf, secureRouter, type SecureRouter, roles } from '@vanthu/shared';
import type { DeliveryStarter } from '../deliveries/start-delivery';
import { deliveryId, deliveryView, webhookWorkflowId, type WebhookDeliveries } from '../webhooks/deliveries';
import { endpointInput, endpointView, type WebhookEndpoints } from '../webhooks/endpoints';
import { pageQuery } from './inbox-routes';

const params = z.object({ endpointId: z.string().regex(/^wh_[0-9a-f]{32}$/, 'not a webhook endpoint id') });
const deliveryParams = params.extend({ seq: z.coerce.number().int().min(1) });
const idempotencyKey = z.string().regex(/^[\w.:-]{1,128}$/, 'Idempotency-Key must be 1-128 letters, digits, or . _ : -');

/** Webhooks belong to an organisation and are managed by its administrators. */
function adminOrg(res: Response): { org: string; userId: string } {
  const principal = principalOf(res);
  if (principal.role !== 'admin') throw new Problem(403, 'admin-only', 'Only an administrator of the organisation manages its webhooks.');
  return { org: principal.orgCode, userId: principal.userId };
}

export function webhookRoutes(endpoints: WebhookEndpoints, deliveries: WebhookDeliveries, starter: Pick<DeliveryStarter, 'webhook'>): SecureRouter {
  const router = secureRouter();

  router.get('/v1/webhooks', roles('admin'), async (_req, res) => {
    const { org } = adminOrg(res);
    res.json({ items: (await endpoints.list(org)).map((e) => endpointView(e, org)) });
  });

  router.post('/v1/webhooks', roles('admin'), async (req, res) => {
    const { org, userId } = adminOrg(res);
    const endpoint = await endpoints.create(org, endpointInput.parse(req.body), userId);
    res.status(201).location(`/v1/webhooks/${endpoint.id}`).json(endpointView(endpoint, org, true));
  });

  router.get('/v1/webhooks/:endpointId', roles('admin'), async (req, res) => {
    const { org } = adminOrg(res);
    res.json(endpointView(await endpoints.get(org, params.parse(req.params).endpointId), org));
  });

  router.delete('/v1/webhooks/:endpointId', roles('admin'), async (req, res) => {
    const { org } = adminOrg(res);
    await endpoints.remove(org, params.parse(req.params).endpointId);
    res.status(204).end();
  });

  router.get('/v1/webhooks/:endpointId/deliveries', roles('admin'), async (req, res) => {
    const { org } = adminOrg(res);
    const endpoint = await endpoints.get(org, params.parse(req.params).endpointId);
    const query = pageQuery.parse(req.query);
    const page = await deliveries.page(endpoint.id, { limit: query.limit, ...(query.before !== undefined && { before: query.before }) });
    res.json({ items: page.entries.map((e) => deliveryView(e)), ...(page.next !== undefined && { next: page.next }) });
  });

  router.get('/v1/webhooks/:endpointId/deliveries/:seq', roles('admin'), async (req, res) => {
    const { org } = adminOrg(res);
    const which = deliveryParams.parse(req.params);
    const endpoint = await endpoints.get(org, which.endpointId);
    const entry = await deliveries.byId(deliveryId(endpoint.id, which.seq));
    if (!entry) throw notFound('delivery-not-found', `Webhook ${endpoint.id} has no delivery ${which.seq}.`);
    res.json(deliveryView(entry, await deliveries.attempts(entry)));
  });

  // Sends a logged delivery again as a new delivery (its own attempts and log entry). An
  // Idempotency-Key makes a retried request replay once; without one each request replays.
  router.post('/v1/webhooks/:endpointId/deliveries/:seq/replay', roles('admin'), async (req, res) => {
    const { org } = adminOrg(res);
    const which = deliveryParams.parse(req.params);
    const given = req.get('idempotency-key');
    const key = given === undefined ? randomUUID() : idempotencyKey.parse(given);
    const endpoint = await endpoints.get(org, which.endpointId);
    if (!endpoint.enabled) throw new Problem(409, 'webhook-disabled', `Webhook ${endpoint.id} is disabled.`);
    const original = await deliveries.byId(deliveryId(endpoint.id, which.seq));
    if (!original) throw notFound('delivery-not-found', `Webhook ${endpoint.id} has no delivery ${which.seq}.`);
    const id = await deliveries.replay(original, endpoint, key);
    await starter.webhook(id, webhookWorkflowId(id));
    const entry = await deliveries.byId(id);
    res.status(202).location(`/v1/webhooks/${endpoint.id}/deliveries/${entry?.seq ?? ''}`).json(entry ? deliveryView(entry) : { id });
  });

  return router;
}

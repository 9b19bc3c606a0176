import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notFound, Problem } from '@vanthu/shared';
import { KeyedMutex } from '../inbox/keyed-mutex';
import type { NotifyCollections, WebhookEndpoint } from '../store/collections';
import { newSecret } from './signature';

const EVENT_TYPE = /^(document|directory)\.([a-z-]+|\*)$|^\*$/;

export const endpointInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// URL' }).max(2000),
  eventTypes: z
    .array(z.string().regex(EVENT_TYPE, 'an event type such as document.issued, or document.* for all of them'))
    .max(50)
    .default([]),
  description: z.string().max(500).optional(),
});
export type EndpointInput = z.infer<typeof endpointInput>;

export const MAX_ENDPOINTS_PER_ORG = 20;

export function matchesType(endpoint: Pick<WebhookEndpoint, 'eventTypes'>, type: string): boolean {
  if (endpoint.eventTypes.length === 0) return true;
  return endpoint.eventTypes.some((pattern) => pattern === '*' || pattern === type || (pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1))));
}

/** How an endpoint is shown: the secret only once, in the answer to its creation. */
export function endpointView(endpoint: WebhookEndpoint, org: string, withSecret = false) {
  const { secret, ...rest } = endpoint;
  return { ...rest, org, ...(withSecret && { secret }) };
}

/**
 * An organisation's webhook endpoints live in one document addressed by the organisation's
 * code: the consumer finds where an event goes with one `_id` read. Admins change it rarely;
 * changes queue per organisation within the process.
 */
export class WebhookEndpoints {
  private readonly writing = new KeyedMutex();

  constructor(
    private readonly c: Pick<NotifyCollections, 'webhookEndpoints'>,
    private readonly options: { requireHttps: boolean },
  ) {}

  async list(org: string): Promise<WebhookEndpoint[]> {
    return (await this.c.webhookEndpoints.findOne({ _id: org }))?.endpoints ?? [];
  }

  async get(org: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = (await this.list(org)).find((e) => e.id === id);
    if (!endpoint) throw notFound('webhook-not-found', `Organisation ${org} has no webhook endpoint ${id}.`);
    return endpoint;
  }

  async matching(org: string, type: string): Promise<WebhookEndpoint[]> {
    return (await this.list(org)).filter((e) => e.enabled && matchesType(e, type));
  }

  async create(org: string, input: EndpointInput, createdBy: string): Promise<WebhookEndpoint> {
    if (this.options.requireHttps && !input.url.startsWith('https://')) {
      throw new Problem(422, 'webhook-url-insecure', 'Webhook URLs must use https:// in production.', { field: 'url' });
    }
    return this.writing.run(org, async () => {
      const endpoints = await this.list(org);
      if (endpoints.length >= MAX_ENDPOINTS_PER_ORG) {
        throw new Problem(422, 'too-many-webhooks', `An organisation may have at most ${MAX_ENDPOINTS_PER_ORG} webhook endpoints.`);
      }
      const endpoint: WebhookEndpoint = {
        id: `wh_${randomUUID().replace(/-/g, '')}`,
        url: input.url,
        secret: newSecret(),
        eventTypes: input.eventTypes,
        ...(input.description !== undefined && { description: input.description }),
        enabled: true,
        createdAt: new Date().toISOString(),
        createdBy,
      };
      await this.save(org, [...endpoints, endpoint]);
      return endpoint;
    });
  }

  async remove(org: string, id: string): Promise<void> {
    await this.writing.run(org, async () => {
      const endpoints = await this.list(org);
      if (!endpoints.some((e) => e.id === id)) throw notFound('webhook-not-found', `Organisation ${org} has no webhook endpoint ${id}.`);
      await this.save(org, endpoints.filter((e) => e.id !== id));
    });
  }

  private async save(org: string, endpoints: WebhookEndpoint[]): Promise<void> {
    await this.c.webhookEndpoints.replaceOne({ _id: org }, { endpoints, updatedAt: new Date().toISOString() }, { upsert: true });
  }
}

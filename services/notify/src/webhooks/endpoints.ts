import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notFound, Problem, type DomainEvent } from '@vanthu/shared';
import { loadWebhookConfig } from '../config';
import type { NotifyCollections, WebhookEndpoint, WebhookEndpointList } from '../store/collections';
import { VersionedRecords } from '../store/versioned-records';
import { openSecret, sealSecret } from './sealed-secret';
import { newSecret } from './signature';
import { checkWebhookTarget, systemResolver, WebhookHostUnresolved, WebhookTargetRefused, type AddressPolicy } from './webhook-target';

const EVENT_TYPE = /^(document|directory|tracking)\.([a-z-]+|\*)$|^\*$/;

export const endpointInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// URL' }).max(2000),
  eventTypes: z
    .array(z.string().regex(EVENT_TYPE, 'an event type such as document.issued, or document.* (tracking.*) for all of them'))
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

/** How an endpoint is shown: the secret only once, in the answer to its creation (never sealed bytes). */
export function endpointView(endpoint: WebhookEndpoint, org: string, withSecret = false) {
  const { secret, sealedSecret: _sealed, ...rest } = endpoint;
  return { ...rest, org, ...(withSecret && secret !== undefined && { secret }) };
}

/** What guards webhooks: the KEK their secrets are sealed with, and where deliveries may go. */
export interface WebhookSecurity {
  kek: Buffer;
  policy: AddressPolicy;
}

/** From NOTIFY_SECRET_KEK and NOTIFY_WEBHOOK_ALLOW_HOSTS, resolving with the system's resolver. */
export function webhookSecurityFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSecurity {
  const config = loadWebhookConfig(env);
  return { kek: config.secretKek, policy: { allow: config.allowHosts, resolve: systemResolver } };
}

const binding = (org: string, endpointId: string) => `vanthu-notify:webhook-secret:${org}:${endpointId}`;

/** Seals a plaintext secret (a new one, or one stored before sealing existed); sealed ones stay as they are. */
function sealed(endpoint: WebhookEndpoint, org: string, kek: Buffer): WebhookEndpoint {
  if (endpoint.secret === undefined) return endpoint;
  const { secret, ...rest } = endpoint;
  return { ...rest, sealedSecret: sealSecret(secret, kek, binding(org, endpoint.id)) };
}

/** Refusals at registration, as problem+json on the `url` field. */
async function checkRegistration(url: string, policy: AddressPolicy): Promise<void> {
  try {
    await checkWebhookTarget(url, policy);
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new Problem(422, error.reason, error.message, { field: 'url' });
    if (error instanceof WebhookHostUnresolved) throw new Problem(422, 'webhook-host-unresolvable', error.message, { field: 'url' });
    throw error;
  }
}

/**
 * An organisation's webhook endpoints live in one record addressed by the organisation's code:
 * the consumer finds where an event goes with two `_id` reads. Admins change it rarely, but two
 * may do so at once through two API replicas: changes go through VersionedRecords, so the
 * second is applied on top of the first (and the per-organisation limit holds).
 */
export class WebhookEndpoints {
  private readonly records: VersionedRecords<WebhookEndpointList>;
  readonly security: WebhookSecurity;

  /** `security` defaults to the environment's, so every process that builds the stores enforces it. */
  constructor(
    c: Pick<NotifyCollections, 'webhookEndpoints' | 'webhookEndpointVersions'>,
    private readonly options: { requireHttps: boolean; security?: WebhookSecurity },
  ) {
    this.records = new VersionedRecords(c.webhookEndpoints, c.webhookEndpointVersions);
    this.security = options.security ?? webhookSecurityFromEnv();
  }

  async list(org: string): Promise<WebhookEndpoint[]> {
    return (await this.records.read(org)).value?.endpoints ?? [];
  }

  async get(org: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = (await this.list(org)).find((e) => e.id === id);
    if (!endpoint) throw notFound('webhook-not-found', `Organisation ${org} has no webhook endpoint ${id}.`);
    return endpoint;
  }

  /**
   * The endpoints an event goes to: enabled, of its type, and registered before it occurred. A
   * partner subscribes to what happens from then on; the consumer catching up, or reading the
   * topics again, must not send it the organisation's earlier history (a replay is asked for).
   */
  async matching(org: string, event: Pick<DomainEvent, 'type' | 'occurredAt'>): Promise<WebhookEndpoint[]> {
    const occurred = Date.parse(event.occurredAt);
    return (await this.list(org)).filter((e) => e.enabled && matchesType(e, event.type) && !(occurred < Date.parse(e.createdAt)));
  }

  /**
   * The signing secret, unsealed for one delivery. Secrets stored before sealing existed are
   * plaintext and are used as they are until the organisation's list is next written.
   */
  secretOf(org: string, endpoint: WebhookEndpoint): string {
    if (endpoint.sealedSecret) return openSecret(endpoint.sealedSecret, this.security.kek, binding(org, endpoint.id));
    if (endpoint.secret !== undefined) return endpoint.secret;
    throw new Error(`webhook endpoint ${endpoint.id} has no secret`);
  }

  /** Answers with the plaintext secret, for the creation's response only; the stored copy is sealed. */
  async create(org: string, input: EndpointInput, createdBy: string): Promise<WebhookEndpoint> {
    if (this.options.requireHttps && !input.url.startsWith('https://')) {
      throw new Problem(422, 'webhook-url-insecure', 'Webhook URLs must use https:// in production.', { field: 'url' });
    }
    // Stored as the URL parser normalises it (`http://2130706433/` is `http://127.0.0.1/`): what is checked is what is stored.
    const url = new URL(input.url).href;
    await checkRegistration(url, this.security.policy);
    const endpoint: WebhookEndpoint = {
      id: `wh_${randomUUID().replace(/-/g, '')}`,
      url,
      secret: newSecret(),
      eventTypes: input.eventTypes,
      ...(input.description !== undefined && { description: input.description }),
      enabled: true,
      createdAt: new Date().toISOString(),
      createdBy,
    };
    await this.records.update(org, (current) => {
      const endpoints = current?.endpoints ?? [];
      if (endpoints.length >= MAX_ENDPOINTS_PER_ORG) {
        throw new Problem(422, 'too-many-webhooks', `An organisation may have at most ${MAX_ENDPOINTS_PER_ORG} webhook endpoints.`);
      }
      return this.sealedList(org, [...endpoints, endpoint]);
    });
    return endpoint;
  }

  async remove(org: string, id: string): Promise<void> {
    await this.records.update(org, (current) => {
      const endpoints = current?.endpoints ?? [];
      if (!endpoints.some((e) => e.id === id)) throw notFound('webhook-not-found', `Organisation ${org} has no webhook endpoint ${id}.`);
      return this.sealedList(org, endpoints.filter((e) => e.id !== id));
    });
  }

  /** Every write seals what is still plaintext: older records are migrated with the next change to their organisation's list. */
  private sealedList(org: string, endpoints: WebhookEndpoint[]): WebhookEndpointList {
    return { endpoints: endpoints.map((e) => sealed(e, org, this.security.kek)), updatedAt: new Date().toISOString() };
  }
}

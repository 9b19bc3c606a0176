import express from 'express';
import { DEVELOPMENT_JWT_SECRET, issueToken, routeTableOf, TOKEN_AUDIENCES } from '@vanthu/shared';
import type { InboxEntryView } from '../../src/inbox/inbox';
import { MAX_PAGE } from '../../src/store/sequenced-log';
import { mountNotifyRoutes, type NotifyApiDeps } from '../../src/api/routes';
import { loadNotifyOpenApi } from '../../src/api/openapi-document';
import { CATEGORIES, CATEGORY_LABELS } from '../../src/routing/categories';
import { DEFAULT_PREFERENCES, preferencesInput } from '../../src/preferences/preferences';
import type { DeliveryStatus } from '../../src/store/collections';
import { endpointInput } from '../../src/webhooks/endpoints';
import { contractGaps, servedDocument, serveApi, suspiciousNodes, validatorVerdict, type OpenApiSpec } from '../../../../test/support/openapi-contract';

const spec = loadNotifyOpenApi().json as unknown as OpenApiSpec;
const schemas = spec.components.schemas;

/** The live hub's listeners, by user: the stream test pushes a notification through them. */
const listeners = new Map<string, (message: { item: InboxEntryView }) => void>();
/** Only the inbox (an empty one), the preferences and the hub take requests here: the live stream's. */
const deps = {
  stores: { inbox: { newest: async () => 0, range: async () => [] }, preferences: { get: async () => DEFAULT_PREFERENCES } },
  hub: {
    listen: (userId: string, listener: (message: { item: InboxEntryView }) => void) => {
      listeners.set(userId, listener);
      return () => listeners.delete(userId);
    },
  },
  starter: {},
  health: { draining: false },
} as unknown as NotifyApiDeps;

/** Every delivery status: the compiler refuses a key missing or extra. */
const DELIVERY_STATUSES: Record<DeliveryStatus, true> = { pending: true, succeeded: true, failed: true, refused: true };

function mountedRoutes() {
  const app = express();
  mountNotifyRoutes(app, deps);
  return routeTableOf(app).list();
}

describe('the notify OpenAPI document', () => {
  let api: Awaited<ReturnType<typeof serveApi>>;
  let url: string;

  beforeAll(async () => {
    api = await serveApi('notify', (app) => mountNotifyRoutes(app, deps));
    url = api.url;
  });
  afterAll(() => api.close());

  it('is served as YAML and as JSON, the same document, without a token', async () => {
    const served = await servedDocument(url);
    expect(served.status).toEqual([200, 200]);
    expect(served.yamlType).toMatch(/^application\/yaml/);
    expect(served.fromJson).toEqual(served.fromYaml);
    expect((served.fromYaml as OpenApiSpec).openapi).toBe('3.1.0');
  });

  it('describes every mounted route with its policy, and mounts every route it describes', () => {
    expect(contractGaps(spec, mountedRoutes())).toEqual({ undocumented: [], notMounted: [], wrongPolicy: [], wrongSecurity: [], withoutOperationId: [], repeatedOperationIds: [] });
  });

  it('takes the token from the query on the live stream only, as its policy does', () => {
    const streams = mountedRoutes().filter((r) => r.policy.queryToken);
    expect(streams.map((r) => r.path)).toEqual(['/v1/me/stream']);
    expect(spec.paths['/v1/me/stream']?.get?.security).toEqual([{ bearer: [] }, { accessToken: [] }]);
    const withQueryToken = Object.values(spec.paths).flatMap((item) => Object.values(item)).filter((op) => JSON.stringify(op.security ?? []).includes('accessToken'));
    expect(withQueryToken).toHaveLength(1);
  });

  it('has no null values and no keys that read like prose', () => {
    expect(suspiciousNodes(spec)).toEqual([]);
  });

  it("keeps its enums and limits equal to the code's", () => {
    expect(schemas.Category?.enum).toEqual([...CATEGORIES]);
    expect(Object.keys(schemas.PreferencesWithLabels?.allOf?.[1]?.properties?.categories?.properties ?? {})).toEqual(Object.keys(CATEGORY_LABELS));
    expect(schemas.DeliveryStatus?.enum?.slice().sort()).toEqual(Object.keys(DELIVERY_STATUSES).sort());
    const limit = spec.paths['/v1/me/notifications']?.get?.parameters?.find((p) => p.name === 'limit');
    expect(limit?.schema?.maximum).toBe(MAX_PAGE);
  });

  // The routes parse with zod; the document accepts and refuses the same bodies.
  it.each([
    ['a webhook', '/v1/webhooks', 'POST', endpointInput, { url: 'https://erp.example/hooks', eventTypes: ['document.issued', 'tracking.*'] }, true],
    ['a webhook for every event', '/v1/webhooks', 'POST', endpointInput, { url: 'http://127.0.0.1:9/x', eventTypes: ['*'], description: 'ERP' }, true],
    ['a webhook with an unknown event family', '/v1/webhooks', 'POST', endpointInput, { url: 'https://erp.example/hooks', eventTypes: ['payroll.paid'] }, false],
    ['a webhook to ftp', '/v1/webhooks', 'POST', endpointInput, { url: 'ftp://erp.example/hooks' }, false],
    ['a webhook with an unknown field', '/v1/webhooks', 'POST', endpointInput, { url: 'https://erp.example/hooks', secret: 'mine' }, false],
    ['preferences', '/v1/me/preferences', 'PUT', preferencesInput, { sse: { enabled: true, categories: ['task'] }, email: { enabled: false, categories: [] } }, true],
    ['preferences with an unknown category', '/v1/me/preferences', 'PUT', preferencesInput, { sse: { enabled: true, categories: ['gossip'] }, email: { enabled: false, categories: [] } }, false],
    ['preferences with a repeated category', '/v1/me/preferences', 'PUT', preferencesInput, { sse: { enabled: true, categories: ['task', 'task'] }, email: { enabled: false, categories: [] } }, false],
    ['preferences without e-mail', '/v1/me/preferences', 'PUT', preferencesInput, { sse: { enabled: true, categories: [] } }, false],
  ])('agrees with the route on %s', async (_name, path, method, schema, body, accepted) => {
    expect(schema.safeParse(body).success).toBe(accepted);
    expect((await validatorVerdict(spec, { method, path, body })).status).toBe(accepted ? 204 : 400);
  });

  it('sends on the live stream only the events it documents, each with an InboxEntry', async () => {
    const token = issueToken(DEVELOPMENT_JWT_SECRET, { userId: 'stream-reader', orgCode: 'BS-TU', role: 'specialist' }, 600, TOKEN_AUDIENCES.notify);
    const abort = new AbortController();
    const response = await fetch(`${url}/v1/me/stream?access_token=${token}`, { signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    for (let i = 0; i < 100 && !listeners.has('stream-reader'); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const item: InboxEntryView = {
      seq: 1,
      read: false,
      eventId: 'e1',
      eventType: 'document.issued',
      category: 'incoming',
      documentId: 'd1',
      aggregateId: 'd1',
      title: 'Văn bản đến',
      body: 'Nghị quyết số 04-NQ/TU',
      occurredAt: '2026-11-23T07:00:00.000Z',
      createdAt: '2026-11-23T07:00:01.000Z',
    };
    listeners.get('stream-reader')!({ item });
    const reader = response.body!.getReader();
    let text = '';
    for (let i = 0; i < 50 && !text.includes('data:'); i += 1) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    const events = [...text.matchAll(/^event: (.*)$/gm)].map((m) => m[1]);
    const data = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);
    expect(events).toEqual(['notification']);
    expect(schemas.StreamEventType?.enum).toEqual(expect.arrayContaining(events));
    const required = (spec.components.schemas.InboxEntry as { required: string[] }).required;
    expect(Object.keys(data[0]!).sort()).toEqual(expect.arrayContaining([...required].sort()));
    expect(text).toMatch(/^id: 1$/m);
  });
});

import { randomUUID } from 'node:crypto';
import { createLogger, Lifecycle, startServiceWorker } from '@vanthu/shared';
import { deliveryActivities } from '../../src/activities/delivery-activities';
import { DeliveryStarter } from '../../src/deliveries/start-delivery';
import { webhookWorkflowId } from '../../src/webhooks/deliveries';
import { WebhookEndpoints } from '../../src/webhooks/endpoints';
import { newSecret, verifySignature } from '../../src/webhooks/signature';
import type { Resolver } from '../../src/webhooks/webhook-target';
import type { WebhookEndpoint } from '../../src/store/collections';
import { newDocumentId, outgoingEvent } from '../support/events';
import { api, eventually, FAST_RETRY, startNotifyHarness, type NotifyHarness } from '../support/notify-harness';
import { startReceiver } from '../support/receiver';

/*
 * The SSRF found from outside: an admin registered http://127.0.0.1:3002/v1/certificates/<serial>/revoke
 * and the notify worker called it. On the real stack: such URLs are refused at registration, a
 * name that later resolves to a forbidden address is refused at delivery (and not retried), an
 * allow-listed receiver still gets signed deliveries, and secrets rest sealed.
 */
describe('webhook security: no internal addresses, secrets sealed at rest (real Temporal, FerretDB)', () => {
  let h: NotifyHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let org: string;
  let admin: string;
  const before = process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;

  beforeAll(async () => {
    receiver = await startReceiver(0);
    // The one loopback receiver the tests deliver to, by address and port: nothing else on 127.0.0.1.
    process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = `127.0.0.1:${new URL(receiver.url).port}`;
    h = await startNotifyHarness();
    org = `BS-TU-${h.suffix}`;
    admin = h.token({ userId: `bs-admin-${h.suffix}`, orgCode: org, role: 'admin' });
  });
  afterAll(async () => {
    await receiver?.close();
    await h?.stop();
    if (before === undefined) delete process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;
    else process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = before;
  });

  const people = (of = org) => ({ org: of, createdBy: `bs-specialist-${h.suffix}`, signer: `bs-secretary-${h.suffix}` });
  const issued = (of = org) => outgoingEvent(newDocumentId(), 7, 'issued', people(of), { status: 'issued', number: 15, notation: '15-NQ/TU', issuedAt: new Date().toISOString() });
  const storedEndpoints = async (of = org) => (await h.stores.collections.webhookEndpoints.findOne({ _id: of }))?.endpoints ?? [];
  const delivery = (endpointId: string, seq = 1, token = admin) => api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/${seq}`, token);
  /** An organisation whose endpoints an earlier release stored: no version of its list was ever written. */
  const olderOrg = () => {
    const code = `BS-OLD-${randomUUID().slice(0, 8)}-${h.suffix}`;
    return { code, admin: h.token({ userId: `old-admin-${h.suffix}`, orgCode: code, role: 'admin' }) };
  };

  it.each([
    ['http://127.0.0.1:3002/v1/certificates/0A1B/revoke', 'webhook-address-not-allowed'],
    ['http://127.0.0.1/hooks', 'webhook-address-not-allowed'],
    ['http://10.0.0.1/hooks', 'webhook-address-not-allowed'],
    ['http://169.254.169.254/latest/meta-data', 'webhook-address-not-allowed'],
    ['http://[::1]/hooks', 'webhook-address-not-allowed'],
    ['http://[::ffff:127.0.0.1]:3002/hooks', 'webhook-address-not-allowed'],
    ['http://localhost:3002/v1/certificates/0A1B/revoke', 'webhook-address-not-allowed'], // resolved through /etc/hosts
    ['http://2130706433:3002/hooks', 'webhook-address-not-allowed'],
    ['http://0177.0.0.1:3002/hooks', 'webhook-address-not-allowed'],
    ['http://0.0.0.0:3002/hooks', 'webhook-address-not-allowed'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'webhook-address-not-allowed'],
    ['https://admin:hunter2@erp.example/hooks', 'webhook-url-credentials'],
    ['https://erp.nowhere.invalid/hooks', 'webhook-host-unresolvable'],
  ])('refuses to register %s (%s)', async (url, reason) => {
    const answer = await api(`${h.apiUrl}/v1/webhooks`, admin, 'POST', { url });
    expect(answer.type).toContain('application/problem+json');
    expect(answer).toMatchObject({ status: 422, body: { reason, field: 'url' } });
    expect(await storedEndpoints()).toEqual([]);
  });

  it('delivers to an allow-listed receiver, signed with a secret that rests sealed', async () => {
    const created = await api(`${h.apiUrl}/v1/webhooks`, admin, 'POST', { url: receiver.url, eventTypes: ['document.issued'] });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_/);
    expect(created.body.sealedSecret).toBeUndefined();

    const [stored] = await storedEndpoints();
    expect(stored).toMatchObject({ id, url: receiver.url, sealedSecret: { alg: 'A256GCM' } });
    expect(stored).not.toHaveProperty('secret');
    const raw = JSON.stringify(await h.stores.collections.webhookEndpoints.findOne({ _id: org }));
    expect(raw).not.toContain(secret.slice('whsec_'.length));
    expect(raw).not.toContain(Buffer.from(secret.slice('whsec_'.length), 'base64').toString('hex'));
    expect((await api(`${h.apiUrl}/v1/webhooks/${id}`, admin)).body).not.toHaveProperty('sealedSecret');

    const event = issued();
    await h.handle(event);
    await eventually(async () => receiver.calls.some((c) => c.headers['webhook-id'] === event.id), 30_000, 'the delivery');
    const call = receiver.calls.find((c) => c.headers['webhook-id'] === event.id)!;
    expect(verifySignature(secret, call.headers as Record<string, string>, call.body)).toBe(true);
    await eventually(async () => (await delivery(id)).body.status === 'succeeded', 30_000, 'the delivery to be logged');
    expect(await api(`${h.apiUrl}/v1/webhooks/${id}`, admin, 'DELETE')).toMatchObject({ status: 204 });
  });

  it('refuses at delivery a name that now resolves to loopback (DNS rebinding): logged as refused, not retried, nothing sent', async () => {
    const victim = await startReceiver(0);
    const lifecycle = new Lifecycle(createLogger({ test: 'notify-rebinding' }, process.env.LOG_LEVEL ?? 'warn'));
    try {
      const url = `http://hooks.partner.example:${new URL(victim.url).port}/hooks/vanthu`;
      // At registration the name answers with a public address…
      const publicAnswer: Resolver = async () => [{ address: '93.184.216.34', family: 4 }];
      const registrar = new WebhookEndpoints(h.stores.collections, { requireHttps: false, security: { ...h.stores.endpoints.security, policy: { ...h.stores.endpoints.security.policy, resolve: publicAnswer } } });
      const endpoint = await registrar.create(org, { url, eventTypes: ['document.issued'] }, `bs-admin-${h.suffix}`);
      expect((await api(`${h.apiUrl}/v1/webhooks/${endpoint.id}`, admin)).body).toMatchObject({ url });

      // …and when the worker delivers, the same name answers 127.0.0.1.
      const rebound: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
      const taskQueue = `notify-it-rebind-${h.suffix}`;
      await startServiceWorker({
        address: h.ctx.config.TEMPORAL_ADDRESS,
        namespace: h.ctx.config.TEMPORAL_NAMESPACE,
        taskQueue,
        logger: h.ctx.logger,
        lifecycle,
        activities: deliveryActivities({ stores: h.stores, addressPolicy: { ...h.stores.endpoints.security.policy, resolve: rebound }, webhookTimeoutMs: 5_000 }),
        workflows: { workflowsPath: require.resolve('../../src/workflows') },
      });
      const starter = new DeliveryStarter({ client: h.ctx.temporal, taskQueue, webhookRetry: FAST_RETRY });
      const deliveryId = await h.stores.deliveries.forEvent(org, endpoint, issued());
      await starter.webhook(deliveryId, webhookWorkflowId(deliveryId));

      const outcome = await h.ctx.temporal.workflow.getHandle(webhookWorkflowId(deliveryId)).result();
      expect(outcome).toBe('failed');
      const refused = await delivery(endpoint.id);
      expect(refused.body).toMatchObject({ status: 'refused', attempts: 1, lastError: expect.stringContaining('loopback') });
      expect(refused.body.attemptLog).toEqual([expect.objectContaining({ attempt: 1, ok: false, error: expect.stringMatching(/^refused: hooks\.partner\.example resolves to an address in the loopback range/) })]);
      expect(refused.body.lastError).not.toContain('127.0.0.1');
      await new Promise((r) => setTimeout(r, 1_000));
      expect(victim.calls).toEqual([]);
      await h.stores.endpoints.remove(org, endpoint.id);
    } finally {
      await lifecycle.stop();
      await victim.close();
    }
  });

  it('refuses, through the ordinary consumer and worker, an endpoint stored before the check existed', async () => {
    // The reported attack, as older data: the URL went in before registration checked anything.
    const older = olderOrg();
    const legacy: WebhookEndpoint = { id: `wh_${randomUUID().replace(/-/g, '')}`, url: 'http://127.0.0.1:3002/v1/certificates/0A1B/revoke', secret: newSecret(), eventTypes: ['document.issued'], enabled: true, createdAt: new Date().toISOString(), createdBy: 'before' };
    await h.stores.collections.webhookEndpoints.replaceOne({ _id: older.code }, { endpoints: [legacy], updatedAt: new Date().toISOString() }, { upsert: true });
    await h.handle(issued(older.code));
    const refused = await eventually(async () => {
      const d = await delivery(legacy.id, 1, older.admin);
      return d.body.status === 'refused' ? d : undefined;
    }, 30_000, 'the refusal');
    expect(refused.body).toMatchObject({ attempts: 1, attemptLog: [expect.objectContaining({ ok: false, error: expect.stringContaining('refused: 127.0.0.1 is an address in the loopback range') })] });
    await h.stores.endpoints.remove(older.code, legacy.id);
  });

  it('keeps signing with a secret stored in the clear by older versions, and seals it on the next write', async () => {
    const plain = newSecret();
    const older = olderOrg();
    const legacy: WebhookEndpoint = { id: `wh_${randomUUID().replace(/-/g, '')}`, url: receiver.url, secret: plain, eventTypes: ['document.issued'], enabled: true, createdAt: new Date().toISOString(), createdBy: 'before' };
    await h.stores.collections.webhookEndpoints.replaceOne({ _id: older.code }, { endpoints: [legacy], updatedAt: new Date().toISOString() }, { upsert: true });
    const verifiedFor = async (eventId: string) => {
      const call = await eventually(async () => receiver.calls.find((c) => c.headers['webhook-id'] === eventId), 30_000, `delivery of ${eventId}`);
      return verifySignature(plain, call.headers as Record<string, string>, call.body);
    };

    const first = issued(older.code);
    await h.handle(first);
    expect(await verifiedFor(first.id)).toBe(true);

    // Any change to the organisation's list (here: another endpoint) rewrites it, sealed.
    const other = await api(`${h.apiUrl}/v1/webhooks`, older.admin, 'POST', { url: receiver.url, eventTypes: ['document.recalled'] });
    expect(other.status).toBe(201);
    const migrated = (await storedEndpoints(older.code)).find((e) => e.id === legacy.id);
    expect(migrated).toMatchObject({ sealedSecret: { alg: 'A256GCM' } });
    expect(migrated).not.toHaveProperty('secret');
    expect(JSON.stringify(await storedEndpoints(older.code))).not.toContain(plain.slice('whsec_'.length));
    expect(JSON.stringify(await h.stores.collections.webhookEndpointVersions.find({}).toArray())).not.toContain(plain.slice('whsec_'.length));

    const second = issued(older.code);
    await h.handle(second);
    expect(await verifiedFor(second.id)).toBe(true);
  });
});

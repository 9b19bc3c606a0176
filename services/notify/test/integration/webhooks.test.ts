import type { DomainEvent } from '@vanthu/shared';
import { verifySignature } from '../../src/webhooks/signature';
import { api, eventually, FAST_RETRY, startNotifyHarness, type NotifyHarness } from '../support/notify-harness';
import { newDocumentId, outgoingEvent } from '../support/events';
import { startReceiver } from '../support/receiver';

describe('webhooks: signed, retried with backoff until the receiver succeeds, logged, replayed (real Temporal)', () => {
  let h: NotifyHarness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let adminToken: string;
  let org: string;

  const allowedBefore = process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;

  beforeAll(async () => {
    // The receivers listen on loopback, which webhooks may reach only when allow-listed (webhook-security.test.ts).
    process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = '127.0.0.1';
    h = await startNotifyHarness();
    receiver = await startReceiver(2);
    org = `BS-TU-${h.suffix}`;
    adminToken = h.token({ userId: `bs-admin-${h.suffix}`, orgCode: org, role: 'admin' });
  });
  afterAll(async () => {
    await receiver?.close();
    await h?.stop();
    if (allowedBefore === undefined) delete process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS;
    else process.env.NOTIFY_WEBHOOK_ALLOW_HOSTS = allowedBefore;
  });

  const verified = (secret: string) => receiver.calls.map((c) => verifySignature(secret, c.headers as Record<string, string>, c.body));

  it('lets only the organisation’s administrators register endpoints, with validated input', async () => {
    const clerk = h.token({ userId: `bs-clerk-${h.suffix}`, orgCode: org, role: 'clerk' });
    const forbidden = await api(`${h.apiUrl}/v1/webhooks`, clerk, 'POST', { url: receiver.url });
    expect(forbidden).toMatchObject({ status: 403, body: { reason: 'forbidden' } });
    const bad = await api(`${h.apiUrl}/v1/webhooks`, adminToken, 'POST', { url: 'ftp://example.org/x', eventTypes: ['nothing'] });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['eventTypes.0', 'url']);
  });

  it('retries a failing receiver until it succeeds; every attempt is signed and logged; a redelivered event sends nothing more', async () => {
    const created = await api(`${h.apiUrl}/v1/webhooks`, adminToken, 'POST', { url: receiver.url, eventTypes: ['document.issued', 'document.recalled'], description: 'Cổng thông tin' });
    expect(created.status).toBe(201);
    const { id: endpointId, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect((await api(`${h.apiUrl}/v1/webhooks/${endpointId}`, adminToken)).body.secret).toBeUndefined();

    const doc = newDocumentId();
    const people = { org, createdBy: `bs-specialist-${h.suffix}`, signer: `bs-secretary-${h.suffix}` };
    const issued = outgoingEvent(doc, 7, 'issued', people, { status: 'issued', number: 15, notation: '15-NQ/TU', issuedAt: new Date().toISOString() });
    await h.handle(outgoingEvent(doc, 6, 'signed', people, { status: 'signing' })); // not subscribed
    await h.handle(issued);

    await eventually(async () => receiver.calls.some((c) => c.answered === 204), 30_000, 'a successful delivery');
    expect(receiver.calls.map((c) => c.answered)).toEqual([503, 503, 204]);
    expect(verified(secret)).toEqual([true, true, true]);
    expect(verified('whsec_' + Buffer.alloc(32).toString('base64'))).toEqual([false, false, false]);
    expect(new Set(receiver.calls.map((c) => c.headers['webhook-id']))).toEqual(new Set([issued.id]));
    expect(JSON.parse(receiver.calls[2]!.body) as DomainEvent).toEqual(issued);

    const list = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries`, adminToken);
    expect(list.body.items).toHaveLength(1);
    const [delivery] = list.body.items as Array<{ seq: number; status: string }>;
    const detail = await eventually(async () => {
      const d = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/${delivery!.seq}`, adminToken);
      return d.body.status === 'succeeded' ? d : undefined;
    });
    expect(detail.body).toMatchObject({ eventId: issued.id, eventType: 'document.issued', attempts: 3, lastStatusCode: 204, url: receiver.url });
    expect(detail.body.attemptLog.map((a: { attempt: number; statusCode: number; ok: boolean }) => [a.attempt, a.statusCode, a.ok])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 204, true],
    ]);
    expect(detail.body.attemptLog[0].error).toBe('HTTP 503');

    await h.handle(issued);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(receiver.calls).toHaveLength(3);
    expect((await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries`, adminToken)).body.items).toHaveLength(1);

    // Replay: the same body again, freshly signed, as a new logged delivery.
    const replay = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/${delivery!.seq}/replay`, adminToken, 'POST', undefined, { 'idempotency-key': 'replay-1' });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ replayOf: `${endpointId}:${delivery!.seq}`, seq: 2 });
    const again = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/${delivery!.seq}/replay`, adminToken, 'POST', undefined, { 'idempotency-key': 'replay-1' });
    expect(again.body.seq).toBe(2);
    await eventually(async () => receiver.calls.length === 4, 30_000, 'the replayed delivery');
    expect(receiver.calls[3]).toMatchObject({ body: receiver.calls[2]!.body, answered: 204 });
    expect(verifySignature(secret, receiver.calls[3]!.headers as Record<string, string>, receiver.calls[3]!.body)).toBe(true);
    const replayed = await eventually(async () => {
      const d = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/2`, adminToken);
      return d.body.status === 'succeeded' ? d : undefined;
    });
    expect(replayed.body).toMatchObject({ attempts: 1, eventId: issued.id });
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.calls).toHaveLength(4);

    const missing = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/99/replay`, adminToken, 'POST');
    expect(missing).toMatchObject({ status: 404, body: { reason: 'delivery-not-found' } });
    expect((await api(`${h.apiUrl}/v1/webhooks/${endpointId}`, adminToken, 'DELETE')).status).toBe(204);
    expect((await api(`${h.apiUrl}/v1/webhooks`, adminToken)).body.items).toEqual([]);
  });

  it('delivers an event to each of the organisation’s endpoints; gives up on a dead one after the last attempt', async () => {
    const down = await startReceiver(Number.MAX_SAFE_INTEGER);
    try {
      const created = await api(`${h.apiUrl}/v1/webhooks`, adminToken, 'POST', { url: down.url, eventTypes: ['document.recalled'] });
      const endpointId = created.body.id as string;
      const healthy = (await api(`${h.apiUrl}/v1/webhooks`, adminToken, 'POST', { url: receiver.url, eventTypes: ['document.*'] })).body.id as string;
      const callsBefore = receiver.calls.length;
      const people = { org, createdBy: `bs-specialist-${h.suffix}`, signer: `bs-secretary-${h.suffix}` };
      const recalled = outgoingEvent(newDocumentId(), 9, 'recalled', people, { status: 'recalled', note: 'Ban hành nhầm' });
      await h.handle(recalled);
      await eventually(async () => receiver.calls.length === callsBefore + 1, 30_000, 'the healthy endpoint’s delivery');
      expect(JSON.parse(receiver.calls.at(-1)!.body)).toEqual(recalled);
      expect((await api(`${h.apiUrl}/v1/webhooks/${healthy}/deliveries/1`, adminToken)).body).toMatchObject({ eventId: recalled.id, endpointId: healthy });
      const failed = await eventually(async () => {
        const d = await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/1`, adminToken);
        return d.body.status === 'failed' ? d : undefined;
      }, 30_000, 'the delivery to be given up').catch(async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify((await api(`${h.apiUrl}/v1/webhooks/${endpointId}/deliveries/1`, adminToken)).body)}; ${down.calls.length} calls`);
      });
      expect(failed.body).toMatchObject({ attempts: FAST_RETRY.maximumAttempts, lastStatusCode: 503, lastError: expect.stringContaining('HTTP 503') });
      expect(failed.body.attemptLog).toHaveLength(FAST_RETRY.maximumAttempts);
      expect(down.calls).toHaveLength(FAST_RETRY.maximumAttempts);
    } finally {
      await down.close();
    }
  });
});

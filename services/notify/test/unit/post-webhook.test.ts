import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postWebhook } from '../../src/webhooks/post-webhook';
import { checkWebhookTarget, type ResolvedAddress } from '../../src/webhooks/webhook-target';
import { parseAllowList } from '../../src/webhooks/allow-list';

/*
 * The connection goes to the address the check approved, not to whatever the name resolves to
 * when the socket opens: a name no resolver here knows reaches a local server through the pin.
 */
describe('posting to the checked address', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ headers: IncomingHttpHeaders; body: string; url: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), url: req.url ?? '' });
        res.statusCode = req.url?.startsWith('/moved') ? 302 : 204;
        if (req.url?.startsWith('/moved')) res.setHeader('location', 'http://169.254.169.254/latest/meta-data');
        res.end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const pinnedTo = (address: ResolvedAddress) => ({ allow: parseAllowList(`127.0.0.1:${port}`), resolve: async () => [address] });

  it('connects to the pinned address, with the URL’s host in the Host header', async () => {
    const target = await checkWebhookTarget(`http://receiver.invalid:${port}/hooks?x=1`, pinnedTo({ address: '127.0.0.1', family: 4 }));
    const outcome = await postWebhook(target, '{"a":1}', { 'webhook-id': 'e1' }, 5_000);
    expect(outcome).toMatchObject({ ok: true, statusCode: 204 });
    expect(seen.at(-1)).toMatchObject({ body: '{"a":1}', url: '/hooks?x=1', headers: { host: `receiver.invalid:${port}`, 'webhook-id': 'e1', 'content-type': 'application/json' } });
  });

  it('does not follow a redirect', async () => {
    const target = await checkWebhookTarget(`http://127.0.0.1:${port}/moved`, pinnedTo({ address: '127.0.0.1', family: 4 }));
    const before = seen.length;
    expect(await postWebhook(target, '{}', {}, 5_000)).toMatchObject({ ok: false, statusCode: 302, error: 'HTTP 302' });
    expect(seen.length).toBe(before + 1);
  });

  it('reports a refused connection as an error, not a status', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const target = await checkWebhookTarget(`http://127.0.0.1:${closedPort}/h`, { allow: parseAllowList('127.0.0.1'), resolve: async () => [] });
    const outcome = await postWebhook(target, '{}', {}, 5_000);
    expect(outcome.ok).toBe(false);
    expect(outcome.statusCode).toBeUndefined();
    expect(outcome.error).toMatch(/ECONNREFUSED/);
  });
});

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeWebBundle, startTestConsole, type TestConsole } from './console-app';

/** A service's API as the console sees it: a real HTTP server that records what reached it. */
class FakeService {
  readonly seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> = [];
  readonly streamClosed: Promise<void>;
  private closeStream!: () => void;
  /** Sends the stream's next event; the test decides when. */
  sendEvent?: (data: string) => void;
  private readonly server: Server;

  constructor() {
    this.streamClosed = new Promise((resolve) => (this.closeStream = resolve));
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    if (req.url?.startsWith('/v1/me/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.write('retry: 3000\n\n');
      this.sendEvent = (data) => res.write(`id: 1\nevent: notification\ndata: ${data}\n\n`);
      res.on('close', () => this.closeStream());
      return;
    }
    res.writeHead(req.headers.authorization ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url }));
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Reads a streamed body until `until` appears in it, chunk by chunk as it arrives. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: string, timeoutMs = 5_000): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + timeoutMs;
  while (!text.includes(until)) {
    if (Date.now() > deadline) throw new Error(`no "${until}" within ${timeoutMs} ms; got: ${text}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before "${until}"; got: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

describe('the API proxy', () => {
  const notify = new FakeService();
  let server: TestConsole;

  beforeAll(async () => {
    const notifyUrl = await notify.start();
    server = await startTestConsole({ CONSOLE_WEB_ROOT: fakeWebBundle(), CONSOLE_NOTIFY_URL: notifyUrl, CONSOLE_INTAKE_URL: 'http://127.0.0.1:9' });
  });
  afterAll(async () => {
    await server.close();
    await notify.stop();
  });

  it("passes a call on as it came, with the caller's Authorization, and the service's answer back", async () => {
    const res = await fetch(`${server.url}/api/notify/v1/me/notifications/read-all?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer the-token', 'content-type': 'application/json', 'x-request-id': 'req-1' },
      body: JSON.stringify({ upTo: 7 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ path: '/v1/me/notifications/read-all?x=1' });
    const seen = notify.seen.at(-1)!;
    expect(seen).toMatchObject({ method: 'POST', url: '/v1/me/notifications/read-all?x=1', body: '{"upTo":7}' });
    expect(seen.headers.authorization).toBe('Bearer the-token');
    expect(seen.headers['x-request-id']).toBe('req-1');
    // The service sees the person's address, not only the console's.
    expect(seen.headers['x-forwarded-for']).toMatch(/127\.0\.0\.1/);
  });

  it("grants nothing itself: a call without a token reaches the service, which refuses it", async () => {
    const res = await fetch(`${server.url}/api/notify/v1/me/notifications`);
    expect(res.status).toBe(401);
    expect(notify.seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('streams server-sent events as they are sent, and closes the service side when the browser leaves', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/notify/v1/me/stream?access_token=abc`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(notify.seen.at(-1)?.url).toBe('/v1/me/stream?access_token=abc');
    const reader = res.body!.getReader();
    await readUntil(reader, 'retry: 3000');
    // Each event reaches the browser before the next is sent: nothing waits for the response to end.
    notify.sendEvent!('{"seq":1}');
    expect(await readUntil(reader, '{"seq":1}')).toContain('event: notification');
    notify.sendEvent!('{"seq":2}');
    expect(await readUntil(reader, '{"seq":2}')).toContain('id: 1');
    controller.abort();
    await expect(Promise.race([notify.streamClosed.then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 10_000, 'still open'))])).resolves.toBe('closed');
  }, 20_000);

  it('answers problem+json when a service does not answer, and 404 for a service there is not', async () => {
    const down = await fetch(`${server.url}/api/intake/v1/documents`, { headers: { authorization: 'Bearer t' } });
    expect(down.status).toBe(502);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await down.json()).toMatchObject({ reason: 'service-unreachable', instance: '/api/intake/v1/documents' });
    const none = await fetch(`${server.url}/api/nothing/v1/x`);
    expect(none.status).toBe(404);
    expect(await none.json()).toMatchObject({ reason: 'route-not-found' });
  });
});

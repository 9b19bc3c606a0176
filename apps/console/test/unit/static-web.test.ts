import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fakeWebBundle, startTestConsole, type TestConsole } from './console-app';

describe('the web app, served', () => {
  const root = fakeWebBundle();
  let server: TestConsole;
  beforeAll(async () => {
    server = await startTestConsole({ CONSOLE_WEB_ROOT: root });
  });
  afterAll(() => server.close());

  it("answers the app's own routes with index.html, revalidated every time", async () => {
    for (const path of ['/', '/registers?kind=incoming&page=2', '/inbox', '/sign-in/callback?code=x&state=y']) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('/assets/index-Ab12Cd34.js');
    }
  });

  it('serves hashed assets for a year, and a missing asset or file is a 404, not the app', async () => {
    const asset = await fetch(`${server.url}/assets/index-Ab12Cd34.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/assets/index-gone.js', '/favicon.ico', '/auth/nothing', '/health/nothing']) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 404, expect.stringMatching(/^application\/problem\+json/)]);
    }
  });

  it('keeps pages to scripts of its own origin, unframed', async () => {
    const res = await fetch(`${server.url}/inbox`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('is live at once, and ready only with a bundle to serve', async () => {
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    const unbuilt = await startTestConsole({ CONSOLE_WEB_ROOT: join(root, 'not-built') });
    try {
      const ready = await fetch(`${unbuilt.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ checks: [expect.objectContaining({ name: 'web bundle', ok: false })] });
      const page = await fetch(`${unbuilt.url}/inbox`);
      expect([page.status, ((await page.json()) as { reason: string }).reason]).toEqual([503, 'web-not-built']);
    } finally {
      await unbuilt.close();
    }
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));
});

import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * A page of the console as the benchmark opens it: who is signed in, where, and what the page
 * shows only once its data is there (every selector visible: the page is usable).
 */
export interface PageUnderTest {
  name: string;
  user: string;
  path: string;
  ready: string[];
  /** The service calls (paths under the console's /api/) whose time in the browser is reported. */
  calls: string[];
  /** A script run on the last load once usable; its result (JSON-able) is what the page showed, for the caller to check. */
  shown: string;
}

export interface PageLoads {
  /** Per load, navigation start to the first frame with every `ready` selector visible (ms). */
  usable: number[];
  /** Per load, navigation start to the moment the data was in the DOM (the frame is drawn after). */
  inDom: number[];
  /** Per load, navigation start to the app's first call to a service (the bundle fetched, parsed and booted). */
  firstCall: number[];
  /** Per load, navigation start to the end of the last answer of the page's `calls` (the rest, to usable, is drawing). */
  callsDone: number[];
  /** Per call, its duration as the browser saw it, one per load. */
  calls: Record<string, number[]>;
  shown: unknown;
}

const CHROMIUM = process.env.VANTHU_CHROMIUM ?? '/usr/bin/chromium';
// As the browser tests run it (test/e2e/console/browser.ts): without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const CONTEXT = { viewport: { width: 1440, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;
const SESSION_KEY = 'vanthu.session';

export const launchBrowser = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });

/** Signs `user` in through the sign-in page, as a person does in development; returns the tab's session as the app stored it. */
async function sessionOf(browser: Browser, consoleUrl: string, user: string): Promise<string> {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.locator(`button[data-user="${user}"]`).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    const session = (await page.evaluate(`sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`)) as string | null;
    if (!session) throw new Error(`signing in as ${user} left no session`);
    return session;
  } finally {
    await context.close();
  }
}

/**
 * Run in every page of the measuring context before the app's own scripts: the signed-in tab's
 * session (the app keeps it in sessionStorage, per tab), and an observer noting when every
 * `ready` selector is visible, then the next frame.
 */
function probeScript(origin: string, session: string, ready: string[]): string {
  return `(() => {
  if (location.origin !== ${JSON.stringify(origin)}) return;
  if (!sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})) sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(session)});
  const ready = ${JSON.stringify(ready)};
  const visible = (selector) => { const el = document.querySelector(selector); return !!el && el.checkVisibility(); };
  const observer = new MutationObserver(() => {
    if (!ready.every(visible)) return;
    observer.disconnect();
    window.__benchInDom = performance.now();
    requestAnimationFrame(() => { window.__benchUsable = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

/**
 * `loads` loads of the page, each in a new tab of one browser context signed in as the page's
 * user: the first with an empty HTTP cache, the others with the bundle's files cached as a
 * browser keeps them (content-hashed assets for a year; index.html and every API call fetched
 * anew). Each tab starts with no application state: the app boots, and asks the services for
 * everything it shows.
 */
export async function measurePageLoads(browser: Browser, consoleUrl: string, page: PageUnderTest, loads: number, timeoutMs = 60_000): Promise<PageLoads> {
  const session = await sessionOf(browser, consoleUrl, page.user);
  const context: BrowserContext = await browser.newContext(CONTEXT);
  const result: PageLoads = { usable: [], inDom: [], firstCall: [], callsDone: [], calls: Object.fromEntries(page.calls.map((c) => [c, []])), shown: undefined };
  try {
    await context.addInitScript({ content: probeScript(new URL(consoleUrl).origin, session, page.ready) });
    for (let i = 0; i < loads; i++) {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      try {
        await tab.goto(`${consoleUrl}${page.path}`, { waitUntil: 'commit', timeout: timeoutMs });
        // A function, not a string: the console's CSP refuses eval, which a string predicate needs.
        await tab.waitForFunction(() => (globalThis as { __benchUsable?: number }).__benchUsable !== undefined, undefined, { timeout: timeoutMs, polling: 50 });
      } catch (error) {
        throw new Error(`${page.name}, load ${i + 1}: not usable within ${timeoutMs} ms (${(error as Error).message.split('\n')[0]})${errors.length ? `; page errors: ${errors.join('; ')}` : ''}`);
      }
      const times = (await tab.evaluate(`({
        usable: window.__benchUsable,
        inDom: window.__benchInDom,
        calls: performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
      })`)) as { usable: number; inDom: number; calls: Array<{ path: string; start: number; end: number }> };
      result.usable.push(times.usable);
      result.inDom.push(times.inDom);
      result.firstCall.push(Math.min(...times.calls.map((c) => c.start)));
      const answered = page.calls.map((call) => times.calls.find((c) => c.path.startsWith(call)));
      answered.forEach((seen, k) => seen && result.calls[page.calls[k]!]!.push(seen.end - seen.start));
      result.callsDone.push(Math.max(...answered.map((seen) => seen?.end ?? NaN)));
      if (i === loads - 1) result.shown = await tab.evaluate(page.shown);
      await tab.close();
    }
  } finally {
    await context.close();
  }
  return result;
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createLogger, listen } from '@vanthu/shared';
import { loadConsoleConfig } from '../../../apps/console/server/src/config';
import { createConsoleApp } from '../../../apps/console/server/src/service';
import { buildConsoleWeb } from '../../../deploy/local/src/console';
import { REPO_ROOT, stackPaths } from '../../../deploy/local/src/paths';
import { PORT_OFFSET } from '../support/system';

/**
 * The console as a person uses it: its server in this process, passing calls to the test
 * stack's services (ports shifted by PORT_OFFSET), and Debian's Chromium, headless, driven by
 * playwright-core. Screenshots go to test-output/console/ (git-ignored); each page is scanned
 * with axe-core.
 */
export const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'console');
const CHROMIUM = process.env.VANTHU_CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface TestConsole {
  url: string;
  close: () => Promise<void>;
}

/** The console server against the test stack, its web bundle built first if a source changed. */
export async function startConsole(): Promise<TestConsole> {
  await buildConsoleWeb(join(stackPaths().logs, 'console-build.log'));
  const config = loadConsoleConfig({
    NODE_ENV: 'test',
    CONSOLE_SERVICE_PORT_OFFSET: String(PORT_OFFSET),
    LOG_LEVEL: 'warn',
    // The namespace the test stack's workflows run in (support/system.ts), for the pages' links to the Temporal UI.
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE ?? 'vanthu-test',
  });
  const { app, endStreams } = createConsoleApp(config, createLogger({ service: 'console' }, 'warn'), { draining: false });
  const started = await listen(app, '127.0.0.1', 0);
  return {
    url: started.url,
    close: async () => {
      endStreams();
      await started.close();
    },
  };
}

export interface ConsoleBrowser {
  page: Page;
  /** What the page logged as an error (a CSP refusal, a failed script): a page should log none. */
  errors: string[];
  close: () => Promise<void>;
}

/*
 * The browser of a person in Vietnam: Vietnamese (navigator.language, Accept-Language, Intl),
 * Vietnam's time zone whatever the machine's, and Chromium's own interface in Vietnamese, which
 * is what its date inputs follow: dd/mm/yyyy, as a Vietnamese user sees them (in English they
 * would be typed month first). On Linux Chromium takes that language from LANGUAGE, given it has
 * the language's pack (Debian's chromium-l10n, installed with the test tools; without it, English).
 * Tests fill date inputs with fill('YYYY-MM-DD'), which sets the value whatever the display.
 */
const PERSON = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;
const INTERFACE_LANGUAGE = { LANGUAGE: 'vi' };

/** A fresh Chromium profile each time, so nothing (a session, a language) carries over between tests. */
export async function openBrowser(): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'vanthu-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, ...INTERFACE_LANGUAGE },
    viewport: { width: 1440, height: 900 },
    ...PERSON,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page, as a person does in development: picks the demo user. */
export async function signInAs(page: Page, consoleUrl: string, userId: string): Promise<void> {
  await page.goto(`${consoleUrl}/sign-in`);
  await page.locator(`button[data-user="${userId}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * Another person at the same browser: whoever is signed in signs out through the header's button
 * (the session, and what their pages had loaded, end with it), then `userId` signs in.
 */
export async function switchUser(page: Page, consoleUrl: string, userId: string): Promise<void> {
  // A dialog left open (a test that failed half-way) would hold the pointer: close it first.
  if ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape');
  const signOut = page.getByRole('banner').getByRole('button', { name: /^(Đăng xuất|Sign out)$/ });
  if (await signOut.isVisible()) {
    await signOut.click();
    await page.waitForURL((url) => url.pathname.startsWith('/sign-in'));
  }
  await signInAs(page, consoleUrl, userId);
}

/** The whole page as a PNG in test-output/console/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // From the top: scrolled, the fixed header and navigation would be drawn halfway down the picture.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG A and AA rules on the page as it is, serious and critical findings only. The
 * script is evaluated through the debugging protocol, not added as a <script>: the console's CSP
 * rightly refuses inline scripts.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string, run in the page: this code's own types know no DOM.
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { DEMO_ORGANISATIONS, DEMO_USERS } from '@vanthu/shared';
import { pdfShowing } from '../../../deploy/local/src/scenario/lifecycle-scenario';
import { screenshot, seriousViolations, type AxeViolation } from './browser';

/*
 * What a person does on the console's pages again and again along a story (pick from a list,
 * choose files, wait for what another process does), for the browser tests that play one.
 */

export const demoUser = (id: string) => {
  const user = DEMO_USERS.find((u) => u.id === id);
  if (!user) throw new Error(`no demo user ${id}`);
  return user;
};

export const organisationName = (code: string) => {
  const org = DEMO_ORGANISATIONS.find((o) => o.code === code);
  if (!org) throw new Error(`no demo organisation ${code}`);
  return org.name;
};

/** Vietnam's calendar day `days` from now, as a date input takes it. */
export const vietnamDay = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** A one-page PDF showing `title` and a line of `text` (printable ASCII), as a file input takes it. */
export const pdfFile = async (title: string, text: string): Promise<Buffer> => Buffer.from(await (await pdfShowing(title, text)).arrayBuffer());

/** Chooses `files` in the file input labelled `label`, through the file chooser its button opens. */
export async function chooseFiles(page: Page, label: string, files: Array<{ name: string; mimeType: string; buffer: Buffer }>): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: label }).click()]);
  await chooser.setFiles(files);
}

/** Picks `option` in the select or multi-select labelled `label`. */
export async function pick(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/**
 * Asks `probe` until its answer passes `check`, for what another process does in its own time (a
 * copy registered, a package archived, a projection caught up): soon, then every two seconds at
 * most, failing with the last answer's complaint once `timeoutMs` has passed.
 */
export async function eventually<T>(probe: () => Promise<T>, check: (value: T) => void, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    const value = await probe();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() + delay > deadline) throw error;
    }
    await sleep(delay);
  }
}

/**
 * The page as it rests (loaded, the pointer away from whatever it last clicked, whose hover
 * colours are not the page's, and scrolled to the top), photographed into test-output/console/<name>.png and scanned with axe-core:
 * the serious and critical violations found.
 */
export async function photograph(page: Page, name: string): Promise<AxeViolation[]> {
  // Nothing still loading: a spinner's place is not what the page shows.
  const spinners = page.locator('.mantine-Loader-root');
  await eventually(
    () => spinners.count(),
    (count) => expect(count).toBe(0),
    30_000,
  );
  await page.mouse.move(0, 0);
  // From the top: a full-page shot of a scrolled page draws the fixed header where the view stood.
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name);
  return seriousViolations(page);
}

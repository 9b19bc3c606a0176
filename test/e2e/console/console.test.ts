import { DEVELOPMENT_JWT_SECRET } from '@vanthu/shared';
import type { RunningService } from '../../../deploy/local/src/services';
import { runLifecycleScenario, type ScenarioResult } from '../../../deploy/local/src/scenario/lifecycle-scenario';
import { apiUrl, startSystem, stopServices } from '../support/system';
import { openBrowser, screenshot, seriousViolations, signInAs, startConsole, type ConsoleBrowser, type TestConsole } from './browser';

/**
 * The console in a browser, against the running services: a clerk of the province committee signs
 * in through the sign-in page, reads the registers (a secret document marked in red) and the
 * inbox, live. Every page is photographed (test-output/console/) and scanned with axe-core.
 */
describe('the web console, as a clerk uses it', () => {
  let running: RunningService[] = [];
  let server: TestConsole;
  let browser: ConsoleBrowser;
  let ordinary: ScenarioResult;
  let secret: ScenarioResult;

  beforeAll(async () => {
    running = await startSystem();
    // Two documents issued by the province's clerk: an ordinary one and a secret one (Mật).
    ordinary = await runLifecycleScenario({ apiUrl: apiUrl('intake'), jwtSecret: DEVELOPMENT_JWT_SECRET });
    secret = await runLifecycleScenario({ apiUrl: apiUrl('intake'), jwtSecret: DEVELOPMENT_JWT_SECRET, secrecy: 'mat' });
    server = await startConsole();
    browser = await openBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopServices(running);
  }, 60_000);

  const expectAccessible = async () => expect(await seriousViolations(browser.page)).toEqual([]);

  it('lists the demo users by organisation on the sign-in page', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await expect(page.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Tỉnh ủy Bắc Sơn', 'Đảng ủy xã Tân Lập', 'Đảng ủy phường Hòa Bình']),
    );
    const clerk = page.locator('button[data-user="bs-clerk"]');
    // The role badge is set in capitals by its style.
    await expect(clerk.innerText()).resolves.toMatch(/Nguyễn Thị Lan[\s\S]*Văn thư Văn phòng Tỉnh ủy[\s\S]*văn thư/i);
    await screenshot(page, 'sign-in');
    await expectAccessible();
  });

  it("signs the clerk in and opens the outgoing register, the secret document's mark in red", async () => {
    const { page } = browser;
    await signInAs(page, server.url, 'bs-clerk');
    // A clerk lands on the incoming documents to assign (app/navigation.ts).
    expect(new URL(page.url()).pathname).toBe('/incoming');
    await page.getByRole('heading', { level: 1, name: 'Văn bản đến' }).waitFor();
    // The name and the organisation's name come from the directory, once it answers.
    const banner = page.getByRole('banner');
    await banner.getByText('Nguyễn Thị Lan').waitFor();
    await banner.getByText('Văn thư · Tỉnh ủy Bắc Sơn').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Sổ đăng ký văn bản', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ đăng ký văn bản' }).waitFor();
    const table = page.getByRole('table');
    // Secret documents are numbered in a series of their own: both may be 01-NQ/TU.
    const rowOf = (notation: string, secrecy: RegExp) => table.getByRole('row').filter({ has: page.getByRole('cell', { name: notation, exact: true }) }).filter({ hasText: secrecy });
    await rowOf(ordinary.document.notation!, /^(?![\s\S]*MẬT)/).waitFor();
    await rowOf(secret.document.notation!, /MẬT/).waitFor();
    const mark = table.getByText('MẬT', { exact: true });
    await expect(mark.count()).resolves.toBe(1);
    // Run in the page, where getComputedStyle is (this code's own types know no DOM).
    const colourOf = (el: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color;
    await expect(mark.evaluate(colourOf)).resolves.toBe('rgb(201, 42, 42)');
    // A clerk's own areas first (where they land, then the registers), then everyone's (the inbox).
    const areas = await page.getByRole('navigation').getByRole('link').allTextContents();
    expect(areas.slice(0, 2)).toEqual(['Văn bản đến', 'Sổ đăng ký văn bản']);
    expect(areas).toEqual(expect.arrayContaining([expect.stringMatching(/^Hộp thư/)]));
    await screenshot(page, 'registers-outgoing');
    await expectAccessible();
  });

  it('pages the register on the server and shows the incoming register', async () => {
    const { page } = browser;
    const paged = page.waitForResponse((r) => r.url().includes('/api/intake/v1/registers/outgoing') && r.url().includes('pageSize=10'));
    await page.getByRole('combobox', { name: 'Số dòng mỗi trang' }).click();
    await page.getByRole('option', { name: '10', exact: true }).click();
    expect((await paged).status()).toBe(200);
    await page.getByRole('tab', { name: 'Văn bản đến' }).click();
    await page.getByRole('table').getByText(/Sổ đăng ký văn bản đến/).waitFor();
    expect(new URL(page.url()).searchParams.get('kind')).toBe('incoming');
    // The province received nothing in this run: the register says so once the service answered.
    await page.getByText('Không có văn bản nào trong khoảng thời gian này.').waitFor();
    await screenshot(page, 'registers-incoming');
    await expectAccessible();
  });

  it('opens the inbox with its unread count, live, and marks everything read', async () => {
    const { page } = browser;
    const stream = page.waitForResponse((r) => r.url().includes('/api/notify/v1/me/stream'));
    await page.reload();
    expect((await stream).status()).toBe(200);
    await page.getByRole('navigation').getByRole('link', { name: /Hộp thư/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộp thư thông báo' }).waitFor();
    const items = page.getByRole('list', { name: 'Hộp thư thông báo' }).getByRole('listitem');
    await items.first().waitFor();
    // The secret document's notification says only that a secret document waits (notify's own texts).
    await expect(items.allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('Văn bản Mật chờ anh/chị xử lý')]));
    await expect(page.getByRole('status').filter({ hasText: /thông báo chưa đọc/ }).innerText()).resolves.toMatch(/^[1-9]\d* thông báo chưa đọc$/);
    await screenshot(page, 'inbox');
    await expectAccessible();
    await page.getByRole('button', { name: 'Đánh dấu tất cả đã đọc' }).click();
    await page.getByText('0 thông báo chưa đọc').waitFor();
  });

  it('switches to English and back', async () => {
    const { page } = browser;
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await screenshot(page, 'inbox-en');
    await expectAccessible();
    await page.getByText('VI', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Hộp thư thông báo' }).waitFor();
  });

  it('logged no error in the browser (no CSP refusal, no failed script)', () => {
    expect(browser.errors).toEqual([]);
  });
});

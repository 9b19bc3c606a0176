import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { DEVELOPMENT_JWT_SECRET, SERVICE_NAMES } from '@vanthu/shared';
import type { RunningService } from '../../../deploy/local/src/services';
import { ApiClient } from '../../../deploy/local/src/scenario/http-client';
import { demoToken, runLifecycleScenario, type ScenarioResult } from '../../../deploy/local/src/scenario/lifecycle-scenario';
import { runTrackingScenario } from '../../../deploy/local/src/scenario/tracking-scenario';
import { apiUrl, startSystem, stopServices } from '../support/system';
import { openBrowser, screenshot, seriousViolations, signInAs, startConsole, type ConsoleBrowser, type TestConsole } from './browser';

/*
 * The operations centre and the archive search in a browser, against the running services. The
 * province's secretary (a leader) opens the centre once documents have been issued, received,
 * processed and archived and tasks assigned and done (or let go overdue); every figure the page
 * shows is held against what the intake and tracking APIs answer the same token; a commune is
 * drilled into; the platform's health shows every process ready. Then the archive search finds
 * the archived document by its notation and by words of its subject written without diacritics.
 */

type Counts = Record<string, unknown>;
type OrgRow = Counts & { org: string };
interface DocumentFigures {
  from: string;
  to: string;
  organisations: OrgRow[];
  days: Array<{ day: string; org: string; type: string; issued: number; received: number }>;
  totals: Counts;
}
interface ProcessingFigures {
  organisations: OrgRow[];
  totals: Counts;
}
interface DeadlineFigures {
  organisations: OrgRow[];
  totals: Counts;
}
interface TaskFigures {
  rows: Array<Counts & { key: string; label: string }>;
  totals: Counts;
}
interface PlatformHealth {
  processes: Array<{ service: string; role: string; ready: boolean; status: string }>;
}

/** Polls a condition of the page a few seconds at most (what a locator cannot wait for by itself). */
async function until(what: string, holds: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (await holds()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const DAY_MS = 86_400_000;
/** Vietnam's calendar day, `days` from now. */
const vietnamDay = (days = 0) => new Date(Date.now() + 7 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

describe('the operations centre and the archive search, as the province secretary uses them', () => {
  let running: RunningService[] = [];
  let server: TestConsole;
  let browser: ConsoleBrowser;
  let ordinary: ScenarioResult;
  let secret: ScenarioResult;
  let token: string;

  beforeAll(async () => {
    running = await startSystem();
    const intakeUrl = apiUrl('intake');
    // An ordinary resolution through its whole lifecycle (issued, received and done at both
    // communes, archived), then the tasks that implement it (one done on time, one overdue).
    ordinary = await runLifecycleScenario({ apiUrl: intakeUrl, jwtSecret: DEVELOPMENT_JWT_SECRET });
    await runTrackingScenario({ apiUrl: intakeUrl, jwtSecret: DEVELOPMENT_JWT_SECRET, documentId: ordinary.document.id, notation: ordinary.document.notation!, overdueAfterMs: 15_000 });
    // A secret one (Mật): archived sealed.
    secret = await runLifecycleScenario({ apiUrl: intakeUrl, jwtSecret: DEVELOPMENT_JWT_SECRET, secrecy: 'mat' });
    // One more, left at its arrival at Tân Lập and assigned there due today: near its deadline.
    const pending = await runLifecycleScenario({ apiUrl: intakeUrl, jwtSecret: DEVELOPMENT_JWT_SECRET, recipients: ['BS-TL-DU'], until: 'arrived' });
    await new ApiClient(intakeUrl, demoToken(DEVELOPMENT_JWT_SECRET, 'tl-clerk')).post(`/v1/incoming/${pending.incoming[0]!.id}/assign`, { handler: 'tl-specialist', deadline: vietnamDay() });
    server = await startConsole();
    browser = await openBrowser();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopServices(running);
  }, 60_000);

  const expectAccessible = async () => {
    // The page as it rests: not the hover state of whatever was clicked last.
    await browser.page.mouse.move(0, 0);
    expect(await seriousViolations(browser.page)).toEqual([]);
  };

  /** The colour text is drawn in; the function runs in the page (this code's types know no DOM). */
  const colourOf = (locator: Locator) => locator.evaluate((el) => (globalThis as unknown as { getComputedStyle: (e: unknown) => { color: string } }).getComputedStyle(el).color);

  /** A call to a service through the console, with the token the page itself holds. */
  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  /** Every figure cell of a block, by its test id: the number it holds and the text it shows. */
  const figuresOf = (page: Page, block: string) =>
    page.locator(`[data-testid^="figure-${block}-"]`).evaluateAll((cells) =>
      Object.fromEntries(cells.map((cell) => [cell.getAttribute('data-testid'), { value: cell.getAttribute('data-value'), text: (cell.textContent ?? '').trim() }])),
    ) as Promise<Record<string, { value: string; text: string }>>;

  /** What the cells of `block` must hold for `rows` (and the total), measure by measure. */
  const expected = (block: string, rows: Array<{ key: string; values: Counts }>, measures: string[]) =>
    Object.fromEntries(rows.flatMap((row) => measures.map((m) => [`figure-${block}-${row.key}-${m}`, row.values[m] === undefined ? '' : String(row.values[m])])));

  const values = (cells: Record<string, { value: string }>) => Object.fromEntries(Object.entries(cells).map(([id, cell]) => [id, cell.value]));

  /** The table per day, organisation and type is drawn once its disclosure is opened, as a person opens it. */
  async function openDayDetails(page: Page) {
    const details = page.locator('[data-block="documents"] details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await page.locator('#documents-by-day-type').waitFor();
  }

  /** The centre's intake and tracking figures for `org`, as the APIs answer them, next to what the page shows. */
  async function compareWithApis(page: Page, org: string, period: { from: string; to: string }) {
    await openDayDetails(page);
    const query = `org=${org}&from=${period.from}&to=${period.to}`;
    const [documents, processing, deadlines, tasks] = await Promise.all([
      api<DocumentFigures>(`/api/intake/v1/figures/documents?${query}`),
      api<ProcessingFigures>(`/api/intake/v1/figures/processing?${query}`),
      api<DeadlineFigures>(`/api/intake/v1/figures/deadlines?org=${org}`),
      api<TaskFigures>(`/api/tracking/v1/figures?org=${org}&groupBy=leadOrg`),
    ]);
    const byOrg = (rows: OrgRow[], totals: Counts) => [...rows.map((r) => ({ key: r.org, values: r })), { key: 'total', values: totals }];
    const wanted = {
      documents: expected('documents', byOrg(documents.organisations, documents.totals), ['issued', 'received']),
      documentDays: expected(
        'documentDays',
        documents.days.map((d) => ({ key: `${d.org}-${d.day}-${d.type}`, values: d })),
        ['issued', 'received'],
      ),
      processing: expected('processing', byOrg(processing.organisations, processing.totals), ['completed', 'p50Seconds', 'p90Seconds']),
      deadlines: expected('deadlines', byOrg(deadlines.organisations, deadlines.totals), ['near', 'past']),
      tasks: expected('tasks', [...tasks.rows.map((r) => ({ key: r.key, values: r })), { key: 'total', values: tasks.totals }], ['doneOnTime', 'doneLate', 'openWithinDeadline', 'overdue', 'total']),
    };
    const shown = Object.fromEntries(await Promise.all(Object.keys(wanted).map(async (block) => [block, await figuresOf(page, block)] as const)));
    expect(Object.fromEntries(Object.entries(shown).map(([block, cells]) => [block, values(cells)]))).toEqual(wanted);
    // Counts are written as a Vietnamese reader writes them (1.279): the figures projections read
    // the shared topics, where the whole suite's documents of the demo province may already be.
    const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
    for (const block of ['documents', 'deadlines', 'tasks']) {
      for (const cell of Object.values(shown[block]!)) expect(cell.text).toBe(cell.value === '' ? '' : count.format(Number(cell.value)));
    }
    return { documents, processing, deadlines, tasks };
  }

  /** The page's figures once they stopped moving: the projections follow the events by a second or so. */
  async function settledFigures(page: Page, org: string, period: { from: string; to: string }) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await compareWithApis(page, org, period);
      } catch (error) {
        if (attempt === 5) throw error;
        await sleep(2_000);
        await page.reload();
        await page.locator('[data-testid="figure-tasks-total-total"]').waitFor();
        await page.locator('[data-testid="figure-documents-total-issued"]').waitFor();
      }
    }
  }

  it("shows the province's figures as the intake and tracking APIs give them", async () => {
    const { page } = browser;
    await signInAs(page, server.url, 'bs-secretary');
    token = (await page.evaluate(`JSON.parse(sessionStorage.getItem('vanthu.session')).accessToken`)) as string;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Trung tâm điều hành' }).click();
    await page.getByRole('heading', { level: 1, name: 'Trung tâm điều hành' }).waitFor();
    for (const id of ['figure-documents-total-issued', 'figure-processing-total-completed', 'figure-deadlines-total-near', 'figure-tasks-total-total']) await page.getByTestId(id).waitFor();
    const period = { from: await page.getByLabel('Từ ngày').inputValue(), to: await page.getByLabel('Đến ngày').inputValue() };
    expect(period).toEqual({ from: vietnamDay(-29), to: vietnamDay() });

    const figures = await settledFigures(page, 'BS-TU', period);
    // The data the scenarios made is there, not just zeros on both sides (at least: the projections
    // read the topics, where a run before this one may have left events of its own).
    const at = (rows: OrgRow[], org: string, measure: string) => Number(rows.find((o) => o.org === org)?.[measure] ?? 0);
    expect(at(figures.documents.organisations, 'BS-TU', 'issued')).toBeGreaterThanOrEqual(3);
    expect(at(figures.documents.organisations, 'BS-TL-DU', 'received')).toBeGreaterThanOrEqual(3);
    expect(at(figures.processing.organisations, 'BS-TL-DU', 'completed')).toBeGreaterThanOrEqual(2);
    expect(at(figures.deadlines.organisations, 'BS-TL-DU', 'near')).toBeGreaterThanOrEqual(1);
    expect(Number(figures.tasks.totals.doneOnTime)).toBeGreaterThanOrEqual(1);
    expect(Number(figures.tasks.totals.overdue)).toBeGreaterThanOrEqual(1);
    // The archive's state as the archive's API gives it: the province's packages, the log's size.
    const [packages, head] = await Promise.all([api<{ total: number }>('/api/archive/v1/packages?pageSize=1'), api<{ treeSize: number }>('/api/archive/v1/log/tree-head')]);
    expect(packages.total).toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('figure-archive-BS-TU-packages').getAttribute('data-value')).resolves.toBe(String(packages.total));
    await expect(page.getByTestId('figure-archive-all-logSize').getAttribute('data-value')).resolves.toBe(String(head.treeSize));
    await expect(page.getByTestId('figure-archive-all-lastAuditAt').innerText()).resolves.toBe('Chỉ quản trị hệ thống xem được');
  });

  it('shows every process of the platform ready, as /api/platform/health says, refreshed', async () => {
    const { page } = browser;
    const health = await api<PlatformHealth>('/api/platform/health');
    expect(health.processes.map((p) => [`${p.service}-${p.role}`, p.ready])).toEqual(SERVICE_NAMES.flatMap((s) => [[`${s}-api`, true], [`${s}-worker`, true]]));
    for (const p of health.processes) {
      await expect(page.getByTestId(`figure-platform-${p.service}-${p.role}-status`).getAttribute('data-value')).resolves.toBe('ready');
      await expect(page.getByTestId(`figure-platform-${p.service}-${p.role}-status`).textContent()).resolves.toBe('Sẵn sàng');
    }
    // The page asks again every 10 s; from the second reading on, each process has a request rate.
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/platform/health') && r.status() === 200, { timeout: 20_000 });
    await refreshed;
    // A locator, not a string predicate: the console's CSP refuses the eval Playwright would need.
    await page.locator('[data-testid="figure-platform-intake-api-requestRate"]:not([data-value=""])').waitFor({ timeout: 20_000 });
    await screenshot(page, 'operations');
    await expectAccessible();
  });

  it("drills down from the province to a commune's own figures", async () => {
    const { page } = browser;
    await page.locator('[data-block="tasks"]').getByRole('button', { name: 'Đảng ủy xã Tân Lập' }).click();
    await page.waitForURL((url) => url.searchParams.get('org') === 'BS-TL-DU');
    const trail = page.getByRole('navigation', { name: 'Đơn vị đang xem' });
    await trail.getByText('Đảng ủy xã Tân Lập', { exact: true }).waitFor();
    await expect(trail.innerText()).resolves.toMatch(/Tỉnh ủy Bắc Sơn\s*›\s*Đảng ủy xã Tân Lập/);
    await page.getByTestId('figure-tasks-BS-TL-VP-doneOnTime').waitFor();
    const period = { from: vietnamDay(-29), to: vietnamDay() };
    const figures = await settledFigures(page, 'BS-TL-DU', period);
    expect(figures.tasks.rows.map((r) => r.key)).toEqual(expect.arrayContaining(['BS-TL-VP', 'BS-TL-XDD']));
    expect(figures.documents.organisations.map((o) => o.org)).toEqual(['BS-TL-DU', 'BS-TL-VP', 'BS-TL-XDD']);
    await screenshot(page, 'operations-commune');
    await expectAccessible();
    // Back climbs to the province again.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('org') === null);
    await page.getByTestId('figure-tasks-BS-HB-DU-overdue').waitFor();
  });

  it('finds the archived document by its notation, and by words of its subject without diacritics', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tra cứu lưu trữ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu lưu trữ' }).waitFor();
    const results = page.getByRole('table', { name: /Hồ sơ lưu trữ tìm được/ });
    const subject = 'Nghị quyết về chuyển đổi số trong các cơ quan Đảng';
    // Everything the province archived. Secret documents have a register of their own, so both are
    // 01-NQ/TU: the secret package is marked in red, its subject sealed.
    const secretRow = results.getByRole('row').filter({ has: page.getByText('MẬT', { exact: true }) });
    await secretRow.getByRole('link', { name: secret.document.notation!, exact: true }).waitFor();
    await results.getByRole('row').filter({ hasText: subject }).getByRole('link', { name: ordinary.document.notation!, exact: true }).waitFor();
    await expect(colourOf(secretRow.getByText('MẬT', { exact: true }))).resolves.toBe('rgb(201, 42, 42)');
    await expect(colourOf(secretRow.getByText(/đã niêm phong/))).resolves.toBe('rgb(201, 42, 42)');
    await expect(secretRow.innerText()).resolves.not.toContain(subject);

    const search = page.getByRole('search', { name: 'Tra cứu hồ sơ lưu trữ' });
    const searched = () => page.waitForResponse((r) => r.url().includes('/api/archive/v1/packages?') && r.status() === 200);
    let answered = searched();
    await search.getByLabel('Số, ký hiệu').fill(ordinary.document.notation!.toLowerCase());
    await search.getByRole('button', { name: 'Tìm kiếm' }).click();
    expect(new URL((await answered).url()).searchParams.get('notation')).toBe(ordinary.document.notation!.toLowerCase());
    await results.getByRole('row').filter({ hasText: subject }).getByRole('link', { name: ordinary.document.notation!, exact: true }).waitFor();
    const notations = await results.getByRole('link').allTextContents();
    expect(notations.length).toBeGreaterThanOrEqual(1);
    expect(new Set(notations)).toEqual(new Set([ordinary.document.notation]));

    // Cleared, the search is the first listing again (answered from the page's cache).
    await search.getByRole('button', { name: 'Xóa điều kiện' }).click();
    await page.waitForURL((url) => !url.searchParams.has('notation'));
    await until('the form to be cleared', async () => (await search.getByLabel('Số, ký hiệu').inputValue()) === '');
    answered = searched();
    await search.getByLabel('Trích yếu có các từ').fill('chuyen doi so');
    await search.getByRole('button', { name: 'Tìm kiếm' }).click();
    expect(new URL((await answered).url()).searchParams.get('q')).toBe('chuyen doi so');
    // The sealed package's subject is encrypted: words find only the ordinary one.
    await secretRow.waitFor({ state: 'detached' });
    await expect(results.getByRole('link').allTextContents()).resolves.toEqual([ordinary.document.notation]);
    await results.getByRole('row').filter({ hasText: subject }).waitFor();
    await screenshot(page, 'archive-search');
    await expectAccessible();
  });

  it("opens the package: its parts, manifest and place in the log, as the archive's API gives them", async () => {
    const { page } = browser;
    await page
      .getByRole('table', { name: /Hồ sơ lưu trữ tìm được/ })
      .getByRole('row')
      .filter({ hasText: 'Nghị quyết về chuyển đổi số trong các cơ quan Đảng' })
      .getByRole('link', { name: ordinary.document.notation!, exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(ordinary.document.notation!.replace(/[/.]/g, '\\$&')) }).waitFor();
    const packageId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const pkg = await api<{ logIndex: number; parts: Array<{ path: string }> }>(`/api/archive/v1/packages/${encodeURIComponent(packageId)}`);
    await expect(page.getByTestId('package-log-index').innerText()).resolves.toBe(String(pkg.logIndex));
    const parts = page.getByRole('table', { name: /Các tệp của gói lưu trữ/ });
    for (const part of pkg.parts) await parts.getByRole('rowheader', { name: part.path, exact: true }).waitFor();
    await screenshot(page, 'archive-package');
    await expectAccessible();
    await page.getByRole('link', { name: '← Kết quả tra cứu' }).click();
    await page.waitForURL((url) => url.pathname === '/archive' && url.searchParams.get('q') === 'chuyen doi so');
  });

  it('logged no error in the browser (no CSP refusal, no failed script)', () => {
    expect(browser.errors).toEqual([]);
  });
});

import type { Page } from 'playwright-core';
import { DEVELOPMENT_JWT_SECRET } from '@vanthu/shared';
import type { RunningService } from '../../../deploy/local/src/services';
import { ApiClient } from '../../../deploy/local/src/scenario/http-client';
import { demoToken } from '../../../deploy/local/src/scenario/lifecycle-scenario';
import { DEMO_SIGNING_PIN } from '../../../deploy/local/src/scenario/signing-confirmation';
import type { FiguresView, TaskView } from '../../../deploy/local/src/scenario/tracking-scenario';
import { apiUrl, startSystem, stopServices } from '../support/system';
import { openBrowser, startConsole, switchUser, type ConsoleBrowser, type TestConsole } from './browser';
import { chooseFiles, demoUser, eventually, organisationName, pdfFile, photograph, pick, vietnamDay } from './story-steps';

const COMMUNES = ['BS-TL-DU', 'BS-HB-DU'] as const;
type Commune = (typeof COMMUNES)[number];
/** Who does the commune's part: its clerk registers and assigns, its specialist handles. */
const PEOPLE: Record<Commune, { clerk: string; specialist: string }> = {
  'BS-TL-DU': { clerk: 'tl-clerk', specialist: 'tl-specialist' },
  'BS-HB-DU': { clerk: 'hb-clerk', specialist: 'hb-specialist' },
};
const who = (id: string) => `${demoUser(id).fullName} — ${demoUser(id).position}`;

/**
 * The platform's demo story, played once through the console against the running services, as
 * the people of the demo province do it: bs-specialist drafts a resolution and submits it,
 * bs-deputy approves it, bs-secretary signs it (confirmed with the PIN), bs-clerk issues it to
 * Tân Lập and Hòa Bình; bs-specialist assigns each commune an implementation task from the
 * resolution's page. Each commune's clerk finds the copy the system registered and assigns it; its
 * specialist handles and reports it; Tân Lập's specialist also carries out the commune's task and reports it done with evidence.
 * The province then sees each recipient's edXML status on the document's page, accepts Tân Lập's
 * result, finds the archived package, and reads the implementation figures in the operations
 * centre, down to the commune. Every main page is photographed (test-output/console/demo-story/)
 * and scanned with axe-core.
 */
describe('the demo story in the console: from the draft to the implementation figures', () => {
  let running: RunningService[] = [];
  let server: TestConsole;
  let browser: ConsoleBrowser;
  let page: Page;
  const subject = 'Nghị quyết về chuyển đổi số trong các cơ quan Đảng';
  let documentId: string;
  let notation: string;
  const tasks = {} as Record<Commune, TaskView>;

  /** Calls the pages made that the services refused or failed: the story should meet none. */
  const refused: string[] = [];

  beforeAll(async () => {
    running = await startSystem();
    server = await startConsole();
    browser = await openBrowser();
    page = browser.page;
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const call = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
      void response.json().then(
        (problem: { reason?: string; detail?: string }) => refused.push(`${call}: ${problem.reason} ${problem.detail}`),
        () => refused.push(call),
      );
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopServices(running);
  }, 60_000);

  /** A main page of the story: photographed as demo-story/<name>.png, and no serious or critical axe finding. */
  const capture = async (name: string) => expect(await photograph(page, `demo-story/${name}`)).toEqual([]);
  const dialog = () => page.getByRole('dialog');
  const nav = (area: string) => page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: area, exact: true });
  const open = async (area: string, heading = area) => {
    await nav(area).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const trackingAs = (userId: string) => new ApiClient(apiUrl('tracking'), demoToken(DEVELOPMENT_JWT_SECRET, userId));

  it('bs-specialist drafts the resolution with its PDF and annex, and submits it', async () => {
    await switchUser(page, server.url, 'bs-specialist');
    await open('Soạn thảo, phát hành', 'Soạn thảo văn bản');
    await page.getByRole('link', { name: 'Soạn văn bản mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soạn văn bản mới' }).waitFor();
    await pick(page, 'Loại văn bản', 'Nghị quyết (NQ)');
    await page.getByRole('textbox', { name: 'Trích yếu nội dung' }).fill(subject);
    await pick(page, 'Độ khẩn', 'Khẩn');
    await page.getByLabel('Hạn xử lý').fill(vietnamDay(20));
    await pick(page, 'Người ký', who('bs-secretary'));
    await page.getByRole('textbox', { name: 'Thay mặt, ký thay hoặc thừa lệnh' }).fill('Ban Thường vụ Tỉnh ủy');
    await pick(page, 'Người cho ý kiến', who('bs-deputy'));
    await page.keyboard.press('Escape');
    for (const org of COMMUNES) await pick(page, 'Nơi nhận', organisationName(org));
    await page.keyboard.press('Escape');
    await chooseFiles(page, 'Tệp văn bản (PDF)', [{ name: 'nghi-quyet.pdf', mimeType: 'application/pdf', buffer: await pdfFile('NGHI QUYET ve chuyen doi so', 'Ban Thuong vu Tinh uy') }]);
    await chooseFiles(page, 'Tệp đính kèm', [{ name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: await pdfFile('PHU LUC', 'Ke hoach trien khai') }]);
    await capture('01-drafting-form');

    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.waitForURL(/\/documents\/[^/]+$/);
    documentId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    await dialog().getByRole('button', { name: 'Trình văn bản' }).click();
    await page.getByText('Đã trình văn bản.').waitFor();
    await page.getByText('Đang xin ý kiến', { exact: true }).first().waitFor();
    await capture('02-document-submitted');
  }, 120_000);

  it('bs-deputy approves it from the list of documents awaiting an opinion', async () => {
    await switchUser(page, server.url, 'bs-deputy');
    await open('Chờ cho ý kiến, ký', 'Văn bản chờ cho ý kiến, ký');
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByText('Chờ cho ý kiến').waitFor();
    await capture('03-approvals');
    await row.getByRole('button', { name: `Đồng ý văn bản: ${subject}` }).click();
    await dialog().getByRole('textbox', { name: 'Ý kiến (không bắt buộc)' }).fill('Đồng ý trình ký');
    await dialog().getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await page.getByText('Đã ghi ý kiến đồng ý.', { exact: false }).waitFor();
    await row.waitFor({ state: 'detached' });
  }, 60_000);

  it('bs-secretary signs it, confirming with the PIN', async () => {
    await switchUser(page, server.url, 'bs-secretary');
    await open('Chờ cho ý kiến, ký', 'Văn bản chờ cho ý kiến, ký');
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByText('Chờ ký').waitFor();
    await row.getByRole('button', { name: `Ký số văn bản: ${subject}` }).click();
    await dialog().getByLabel('Mã PIN ký số').fill(DEMO_SIGNING_PIN);
    await capture('04-sign-dialog');
    // The PIN goes to the signing service for a single-use authorisation; the sign carries that.
    const authorised = page.waitForResponse((r) => r.url().endsWith('/api/signing/v1/signing-authorisations'));
    const signed = page.waitForResponse((r) => /\/api\/intake\/v1\/documents\/[^/]+\/sign$/.test(r.url()));
    await dialog().getByRole('button', { name: 'Xác nhận và ký' }).click();
    expect((await authorised).status()).toBe(201);
    expect((await signed).status()).toBe(200);
    await page.getByText('Đã ký số văn bản.', { exact: false }).waitFor();
  }, 90_000);

  it('bs-clerk issues it to both communes from the queue of signed documents', async () => {
    await switchUser(page, server.url, 'bs-clerk');
    await open('Soạn thảo, phát hành', 'Soạn thảo văn bản');
    await page.getByRole('tab', { name: 'Chờ phát hành' }).click();
    const link = page.getByRole('link', { name: subject });
    await link.waitFor();
    await capture('05-awaiting-issue');
    await link.click();
    await page.getByRole('button', { name: 'Phát hành' }).click();
    await dialog().getByRole('button', { name: 'Phát hành' }).click();
    await page.getByText('Đã phát hành văn bản và gửi đến nơi nhận.').waitFor({ timeout: 60_000 });
    const number = page.getByText(/^Số \d+-NQ\/TU$/);
    await number.waitFor();
    notation = (await number.innerText()).replace(/^Số /, '');
  }, 120_000);

  it("bs-specialist assigns each commune an implementation task from the resolution's page", async () => {
    await switchUser(page, server.url, 'bs-specialist');
    await page.goto(`${server.url}/documents/${encodeURIComponent(documentId)}`);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    const section = page.getByRole('region', { name: 'Nhiệm vụ triển khai' });
    await section.getByText('Chưa giao nhiệm vụ nào từ văn bản này.').waitFor();
    const assign = async (org: Commune, title: string, clause: string, priority: string, photographed?: string) => {
      await section.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
      const form = page.getByRole('dialog', { name: 'Giao nhiệm vụ thực hiện văn bản' });
      await form.getByRole('textbox', { name: 'Nội dung nhiệm vụ' }).fill(title);
      await form.getByRole('textbox', { name: 'Nội dung, mục của văn bản' }).fill(clause);
      await pick(page, 'Đơn vị chủ trì', organisationName(org));
      await form.getByLabel(/^Thời hạn hoàn thành/).fill(vietnamDay(30));
      await pick(page, 'Mức ưu tiên', priority);
      if (photographed) await capture(photographed);
      // Tracking hears of the issue from its event a moment after it; until then the service says
      // so (unknown-source) and the dialog stays open for sending again, under the same key.
      await eventually(
        async () => {
          const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/tracking/v1/tasks');
          await form.getByRole('button', { name: 'Giao nhiệm vụ', exact: true }).click();
          return (await answer).status();
        },
        (status) => expect(status).toBe(201),
        60_000,
      );
      await form.waitFor({ state: 'detached' });
      await section.getByText(`Đã giao nhiệm vụ “${title}” cho ${organisationName(org)}.`).waitFor();
      await section.getByRole('row').filter({ hasText: title }).getByRole('cell', { name: 'Mới giao', exact: true }).waitFor();
    };
    await assign('BS-TL-DU', 'Xây dựng kế hoạch và tổ chức quán triệt Nghị quyết đến các chi bộ', 'Mục III.1', 'Bình thường', '06-assign-task');
    await assign('BS-HB-DU', 'Báo cáo kết quả rà soát hạ tầng số của Đảng ủy phường', 'Mục III.2', 'Cao');
    await capture('07-document-tasks');
    // As tracking holds them: assigned from this document, one to each commune, with what the form said.
    const { items } = await trackingAs('bs-specialist').get<{ items: Array<TaskView & { clause?: string; priority: string }> }>(`/v1/tasks?role=assigned&sourceDocumentId=${encodeURIComponent(documentId)}`);
    const assigned = COMMUNES.map((org) => items.find((task) => task.leadOrg === org)!);
    COMMUNES.forEach((org, i) => (tasks[org] = assigned[i]!));
    expect(assigned.map((task) => [task?.status, task?.clause, task?.priority])).toEqual([
      ['assigned', 'Mục III.1', 'normal'],
      ['assigned', 'Mục III.2', 'high'],
    ]);
  }, 150_000);

  /** The commune's clerk finds the copy the system registered on arrival and assigns it. */
  async function registerAndAssign(org: Commune, photographed: string | undefined) {
    const { clerk, specialist } = PEOPLE[org];
    await switchUser(page, server.url, clerk);
    await open('Văn bản đến');
    const row = page.getByRole('row').filter({ hasText: notation });
    // Registered by the system as it arrived (signatures checked, an arrival number given): the
    // copy may still be on its way when the list is opened, so look again until it is there.
    const registered = row.getByRole('cell', { name: 'Đã tiếp nhận', exact: true });
    await eventually(
      async () => {
        const shown = await registered.waitFor({ timeout: 2_000 }).then(
          () => true,
          () => false,
        );
        if (!shown) await page.reload();
        return shown;
      },
      (shown) => expect(shown).toBe(true),
      60_000,
    );
    if (photographed) await capture(photographed);
    await row.getByRole('button', { name: `Giao xử lý văn bản ${notation}` }).click();
    const assign = page.getByRole('dialog', { name: 'Giao xử lý văn bản' });
    await assign.getByLabel(/^Người xử lý/).click();
    await page.getByRole('option', { name: new RegExp(demoUser(specialist).fullName) }).click();
    await assign.getByLabel(/^Hạn xử lý/).fill(vietnamDay(10));
    await assign.getByRole('button', { name: 'Giao xử lý', exact: true }).click();
    await assign.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: 'Đã giao xử lý', exact: true }).waitFor();
  }

  /** The commune's specialist starts the copy under My work and reports the result, which completes it. */
  async function handle(org: Commune, report: string, photographed: string | undefined) {
    await switchUser(page, server.url, PEOPLE[org].specialist);
    await open('Văn bản, nhiệm vụ của tôi');
    const row = page.getByRole('row').filter({ hasText: notation });
    await row.getByRole('button', { name: `Bắt đầu xử lý văn bản ${notation}` }).click();
    await row.getByRole('cell', { name: 'Đang xử lý', exact: true }).waitFor();
    await row.getByRole('button', { name: `Báo cáo kết quả xử lý văn bản ${notation}` }).click();
    const reporting = page.getByRole('dialog', { name: 'Báo cáo kết quả xử lý' });
    await reporting.getByLabel(/^Kết quả xử lý/).fill(report);
    await reporting.getByRole('button', { name: 'Gửi báo cáo, hoàn thành' }).click();
    await reporting.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: 'Đã hoàn thành', exact: true }).waitFor();
    if (photographed) await capture(photographed);
  }

  it("Tân Lập's clerk finds the copy registered and assigns it; its specialist handles and reports it", async () => {
    await registerAndAssign('BS-TL-DU', '08-incoming-tan-lap');
    await handle('BS-TL-DU', 'Đã quán triệt Nghị quyết đến các chi bộ trực thuộc.', '09-my-work-tan-lap');
  }, 120_000);

  it("Tân Lập's specialist takes on the commune's task and reports it done, with evidence", async () => {
    const task = tasks['BS-TL-DU'];
    await page.getByRole('tab', { name: 'Nhiệm vụ thực hiện' }).click();
    const row = page.getByRole('row').filter({ hasText: task.title });
    await row.getByRole('cell', { name: 'Mới giao', exact: true }).waitFor();
    await row.getByRole('link', { name: task.title }).click();
    await page.getByRole('heading', { level: 1, name: task.title }).waitFor();
    await page.getByRole('button', { name: 'Nhận nhiệm vụ' }).click();
    await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    const submit = page.getByRole('dialog', { name: 'Báo cáo hoàn thành nhiệm vụ' });
    await submit.getByLabel(/^Kết quả thực hiện/).fill('Đã ban hành kế hoạch thực hiện và quán triệt đến 100% chi bộ trực thuộc.');
    await submit.locator('input[type="file"]').setInputFiles({ name: 'ke-hoach-thuc-hien.pdf', mimeType: 'application/pdf', buffer: await pdfFile('KE HOACH thuc hien Nghi quyet', 'Dang uy xa Tan Lap') });
    await submit.getByRole('button', { name: 'Gửi báo cáo hoàn thành' }).click();
    await submit.waitFor({ state: 'detached' });
    await page.getByText('Đã báo cáo hoàn thành', { exact: true }).first().waitFor();
    await page.getByRole('region', { name: 'Báo cáo tiến độ, kết quả' }).getByRole('button', { name: 'Tải tệp minh chứng ke-hoach-thuc-hien.pdf' }).waitFor();
    await capture('10-task-submitted');
  }, 90_000);

  it("Hòa Bình's clerk and specialist do the same with their copy", async () => {
    await registerAndAssign('BS-HB-DU', undefined);
    // The copy's own page: registered on arrival, then assigned.
    await page.getByRole('row').filter({ hasText: notation }).getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { level: 1, name: /^Văn bản đến số \d+$/ }).waitFor();
    const history = page.getByRole('region', { name: 'Quá trình tiếp nhận, xử lý' });
    await expect(history.innerText()).resolves.toMatch(/Văn bản đến, kiểm tra chữ ký số[\s\S]*Vào sổ văn bản đến, số đến \d+[\s\S]*Giao xử lý/);
    await capture('11-incoming-copy-hoa-binh');
    await handle('BS-HB-DU', 'Đã triển khai Nghị quyết tại các khu phố.', undefined);
  }, 120_000);

  it('shows the province each recipient done, with its edXML code, and the document archived', async () => {
    await switchUser(page, server.url, 'bs-clerk');
    await open('Sổ đăng ký văn bản');
    await page.getByRole('table').getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    const recipients = page.getByRole('region', { name: 'Nơi nhận và tình trạng xử lý' });
    // Each commune's completion reaches the sender as edXML status 06; with both done the document is archived.
    await eventually(
      async () => {
        const rows = await Promise.all(COMMUNES.map(async (org) => (await recipients.locator(`tr[data-org="${org}"]`).innerText().catch(() => '')).replace(/\s+/g, ' ')));
        const archived = await page.getByText('Đã lưu trữ', { exact: true }).count();
        if (!rows.every((text) => text.includes('Đã hoàn thành')) || archived === 0) await page.reload();
        return { rows, archived };
      },
      ({ rows, archived }) => {
        expect(rows).toEqual(COMMUNES.map((org) => expect.stringMatching(new RegExp(`^${organisationName(org)} 06 Đã hoàn thành`))));
        expect(archived).toBeGreaterThan(0);
      },
      90_000,
    );
    // The PDF as issued, with the signer's and the organisation's signatures as the signing service
    // checks them. On a loaded machine its reading of the file may run past its time budget, which
    // it answers 422 pdf-too-complex (services/signing/src/pool/guard-lane.ts): the page says it
    // could not check, and a reload asks again.
    await page.getByRole('img', { name: `Trang 1/1 của văn bản: ${subject}` }).waitFor();
    const signatures = page.getByRole('region', { name: 'Chữ ký số' });
    const checked = signatures.getByText('2 chữ ký. Kết quả kiểm tra:');
    await eventually(
      async () => {
        await checked.or(signatures.getByText('Không kiểm tra được chữ ký')).first().waitFor({ timeout: 30_000 });
        const done = await checked.isVisible();
        if (!done) await page.reload();
        return done;
      },
      (done) => expect(done).toBe(true),
      60_000,
    );
    await expect(signatures.getByText('Hợp lệ', { exact: true }).count()).resolves.toBe(3);
    await capture('12-document-recipients');
  }, 120_000);

  it("bs-secretary accepts Tân Lập's result as the assigning organisation", async () => {
    const task = tasks['BS-TL-DU'];
    await switchUser(page, server.url, 'bs-secretary');
    await open('Văn bản, nhiệm vụ của tôi');
    await page.getByRole('tab', { name: 'Nhiệm vụ thực hiện' }).click();
    await pick(page, 'Vai trò của đơn vị', 'Đơn vị giao nhiệm vụ');
    const row = page.getByRole('row').filter({ hasText: task.title });
    await row.getByRole('cell', { name: 'Đã báo cáo hoàn thành', exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: tasks['BS-HB-DU'].title }).getByRole('cell', { name: 'Mới giao', exact: true }).waitFor();
    await capture('13-tasks-assigned');
    await row.getByRole('link', { name: task.title }).click();
    await page.getByRole('button', { name: 'Công nhận hoàn thành' }).click();
    const accept = page.getByRole('dialog', { name: 'Công nhận hoàn thành' });
    await accept.getByLabel(/^Nhận xét/).fill('Hoàn thành đúng hạn, đạt yêu cầu.');
    await accept.getByRole('button', { name: 'Công nhận hoàn thành' }).click();
    await accept.waitFor({ state: 'detached' });
    await page.getByText('Hoàn thành', { exact: true }).first().waitFor();
    await expect(trackingAs('bs-secretary').get<TaskView>(`/v1/tasks/${task.id}`)).resolves.toMatchObject({ status: 'done', progress: 100 });
  }, 90_000);

  it('bs-secretary finds the archived package by its notation and opens it', async () => {
    await open('Tra cứu lưu trữ');
    const search = page.getByRole('search', { name: 'Tra cứu hồ sơ lưu trữ' });
    await search.getByLabel('Số, ký hiệu').fill(notation);
    await search.getByRole('button', { name: 'Tìm kiếm' }).click();
    const results = page.getByRole('table', { name: /Hồ sơ lưu trữ tìm được/ });
    const found = results.getByRole('row').filter({ hasText: subject }).getByRole('link', { name: notation, exact: true });
    await found.waitFor();
    await capture('14-archive-search');
    await found.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(notation.replace(/[/.]/g, '\\$&')) }).waitFor();
    await page.getByRole('table', { name: /Các tệp của gói lưu trữ/ }).getByRole('rowheader').first().waitFor();
    // Its place in the tamper-evident log comes a moment after the package itself.
    await eventually(
      async () => {
        const index = (await page.getByTestId('package-log-index').innerText()).trim();
        if (!/^\d+$/.test(index)) await page.reload();
        return index;
      },
      (index) => expect(index).toMatch(/^\d+$/),
      60_000,
    );
    await capture('15-archive-package');
  }, 120_000);

  it('shows bs-secretary the implementation figures in the operations centre, down to Tân Lập', async () => {
    const figures = (org: string, source?: string) =>
      trackingAs('bs-secretary').get<FiguresView>(`/v1/figures?org=${org}&groupBy=leadOrg${source ? `&sourceDocumentId=${encodeURIComponent(source)}` : ''}`);
    // This resolution's own tasks: Tân Lập's done on time, Hòa Bình's open within its deadline.
    const own = await eventually(
      () => figures('BS-TU', documentId),
      (f) => expect(f.totals).toMatchObject({ doneOnTime: 1, openWithinDeadline: 1, overdue: 0, total: 2 }),
      30_000,
    );
    expect(Object.fromEntries(own.rows.map((r) => [r.key, [r.doneOnTime, r.openWithinDeadline]]))).toEqual({ 'BS-TL-DU': [1, 0], 'BS-HB-DU': [0, 1] });

    await open('Trung tâm điều hành');
    // The centre counts every task the province assigned (runs before this one left theirs on the topics): as tracking answers it.
    const shown = (org: string, measure: string) => page.getByTestId(`figure-tasks-${org}-${measure}`).getAttribute('data-value', { timeout: 30_000 });
    await eventually(
      async () => {
        const api = await figures('BS-TU');
        const wanted = COMMUNES.map((org) => api.rows.find((r) => r.key === org)).map((r) => [String(r?.doneOnTime), String(r?.openWithinDeadline)]);
        const onPage = await Promise.all(COMMUNES.map(async (org) => [await shown(org, 'doneOnTime'), await shown(org, 'openWithinDeadline')]));
        // The page asks again every minute; a reload asks now.
        if (JSON.stringify(onPage) !== JSON.stringify(wanted)) await page.reload();
        return { onPage, wanted };
      },
      ({ onPage, wanted }) => {
        expect(onPage).toEqual(wanted);
        expect(Number(onPage[0]![0])).toBeGreaterThanOrEqual(1);
        expect(Number(onPage[1]![1])).toBeGreaterThanOrEqual(1);
      },
      60_000,
    );
    await page.getByTestId('figure-documents-BS-TU-issued').waitFor();
    await capture('16-operations');

    await page.locator('[data-block="tasks"]').getByRole('button', { name: organisationName('BS-TL-DU') }).click();
    await page.waitForURL((url) => url.searchParams.get('org') === 'BS-TL-DU');
    const trail = page.getByRole('navigation', { name: 'Đơn vị đang xem' });
    // The trail follows the URL once the commune's figures are asked for: read it until it does.
    await eventually(() => trail.innerText(), (text) => expect(text).toMatch(new RegExp(`${organisationName('BS-TU')}\\s*›\\s*${organisationName('BS-TL-DU')}`)), 15_000);
    // The commune's own figures: the copy it received and completed.
    const received = page.getByTestId('figure-documents-BS-TL-DU-received');
    await received.waitFor();
    expect(Number(await received.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
    await page.getByTestId('figure-processing-BS-TL-DU-completed').waitFor();
    await capture('17-operations-tan-lap');
  }, 150_000);

  it('met no refusal from a service and logged no error in the browser', () => {
    // But the signature checks a loaded machine ran past their time budget, asked again above (Chromium logs each as a failed load).
    const overrun = (call: string) => /^422 POST \/api\/signing\/v1\/verify: pdf-too-complex .*takes longer than/.test(call);
    // And a task assigned before tracking had heard of the issue, sent again above.
    const early = (call: string) => /^422 POST \/api\/tracking\/v1\/tasks: unknown-source /.test(call);
    const expected = (call: string) => overrun(call) || early(call);
    expect(refused.filter((call) => !expected(call))).toEqual([]);
    const failedLoad = (error: string) => /status of 422 \(Unprocessable Entity\)$/.test(error);
    expect(browser.errors.filter((error) => !failedLoad(error))).toEqual([]);
    expect(browser.errors.filter(failedLoad).length).toBe(refused.filter(expected).length);
  });
});

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEVELOPMENT_JWT_SECRET } from '@vanthu/shared';
import type { RunningService } from '../../../deploy/local/src/services';
import { ApiClient, type ApiProblem } from '../../../deploy/local/src/scenario/http-client';
import { demoToken, runLifecycleScenario, type ScenarioResult } from '../../../deploy/local/src/scenario/lifecycle-scenario';
import type { TaskView } from '../../../deploy/local/src/scenario/tracking-scenario';
import { apiUrl, startSystem, stopServices } from '../support/system';
import { openBrowser, screenshot, seriousViolations, startConsole, switchUser, type ConsoleBrowser, type TestConsole } from './browser';

interface IncomingView {
  id: string;
  status: string;
  handler?: string;
  deadline?: string;
  report?: string;
}
interface TaskWithReports extends TaskView {
  reports: Array<{ kind: string; percent: number; narrative: string; evidence: Array<{ name: string; contentType: string }> }>;
}

const DAY_MS = 86_400_000;
/** Vietnam's calendar date `days` from now, as a date input takes it. */
const vietnamDateIn = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

async function pdfOf(title: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(title, { x: 60, y: 760, size: 14, font });
  return Buffer.from(await pdf.save());
}

/**
 * Incoming documents and implementation tasks in the console, in a browser against the running
 * services. A resolution is issued to Tân Lập and Hòa Bình through the APIs (the lifecycle
 * scenario, stopped once both registered their copies) and the province assigns Hòa Bình a task
 * from it through the tracking API; everything after that is done through the console's pages:
 * each commune's clerk assigns its copy to a specialist with a deadline, the specialist starts and
 * reports; Hòa Bình's specialist accepts the task, reports progress with an evidence file and
 * submits it, and the province's specialist accepts the result. The pages are photographed and
 * scanned with axe-core.
 */
describe('the console: incoming documents and tasks', () => {
  let running: RunningService[] = [];
  let server: TestConsole;
  let browser: ConsoleBrowser;
  let issued: ScenarioResult;
  let task: TaskView;
  const api = (userId: string) => new ApiClient(apiUrl('intake'), demoToken(DEVELOPMENT_JWT_SECRET, userId));
  const trackingApi = (userId: string) => new ApiClient(apiUrl('tracking'), demoToken(DEVELOPMENT_JWT_SECRET, userId));
  const notation = () => issued.document.notation!;
  const copyId = (org: string) => `${issued.document.id}@${org}`;

  beforeAll(async () => {
    running = await startSystem();
    issued = await runLifecycleScenario({ apiUrl: apiUrl('intake'), jwtSecret: DEVELOPMENT_JWT_SECRET, until: 'arrived' });
    // As the tracking scenario assigns: tracking learns of the issue from its event, a moment later.
    const province = trackingApi('bs-specialist');
    const body = { sourceDocumentId: issued.document.id, title: 'Rà soát, báo cáo hạ tầng số của Đảng ủy phường', clause: 'Mục III.2', leadOrg: 'BS-HB-DU', deadline: vietnamDateIn(30) };
    const key = randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        task = await province.request<TaskView>('POST', '/v1/tasks', body, { 'Idempotency-Key': key });
        break;
      } catch (error) {
        if ((error as { problem?: ApiProblem }).problem?.reason !== 'unknown-source' || attempt >= 120) throw error;
        await sleep(500);
      }
    }
    server = await startConsole();
    browser = await openBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopServices(running);
  }, 60_000);

  const expectAccessible = async () => {
    // A pointer left on the link just clicked would scan the navigation's hover colours, not the page.
    await browser.page.mouse.move(1400, 880);
    expect(await seriousViolations(browser.page)).toEqual([]);
  };
  const openMyWork = async () => {
    await browser.page.getByRole('navigation').getByRole('link', { name: 'Văn bản, nhiệm vụ của tôi', exact: true }).click();
    await browser.page.getByRole('heading', { level: 1, name: 'Văn bản, nhiệm vụ của tôi' }).waitFor();
  };

  /** The clerk finds the copy in the incoming list and assigns it through the dialog. */
  async function assignThroughConsole(clerk: string, handlerName: string, deadline: string, photograph: boolean) {
    const { page } = browser;
    await switchUser(page, server.url, clerk);
    await page.getByRole('navigation').getByRole('link', { name: 'Văn bản đến', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Văn bản đến' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: notation() });
    await row.getByRole('cell', { name: 'Đã tiếp nhận', exact: true }).waitFor();
    await expect(row.innerText()).resolves.toMatch(/Tỉnh ủy Bắc Sơn[\s\S]*Nghị quyết[\s\S]*Khẩn/);
    await expect(row.getByRole('link', { name: `Mở văn bản ${notation()}` }).getAttribute('href')).resolves.toBe(`/documents/${issued.document.id}`);
    if (photograph) {
      await screenshot(page, 'incoming-list');
      await expectAccessible();
    }

    await row.getByRole('button', { name: `Giao xử lý văn bản ${notation()}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Giao xử lý văn bản' });
    // Sent without a handler: the form says what is missing, in plain words, beside the input.
    await dialog.getByRole('button', { name: 'Giao xử lý', exact: true }).click();
    await dialog.getByText('Hãy chọn người xử lý.').waitFor();
    await dialog.getByLabel(/^Người xử lý/).click();
    await page.getByRole('option', { name: new RegExp(handlerName) }).click();
    await dialog.getByLabel(/^Hạn xử lý/).fill(deadline);
    if (photograph) {
      await screenshot(page, 'incoming-assign-dialog');
      await expectAccessible();
    }
    await dialog.getByRole('button', { name: 'Giao xử lý', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: 'Đã giao xử lý', exact: true }).waitFor();
    await expect(row.innerText()).resolves.toContain(handlerName);
  }

  /** The handler finds the copy under My work, starts it and reports the result. */
  async function handleThroughConsole(handler: string, report: string, photograph: boolean) {
    const { page } = browser;
    await switchUser(page, server.url, handler);
    // A specialist lands on My work: the copies and tasks given to them.
    expect(new URL(page.url()).pathname).toBe('/my-work');
    await openMyWork();
    const row = page.getByRole('row').filter({ hasText: notation() });
    await row.getByRole('cell', { name: 'Đã giao xử lý', exact: true }).waitFor();
    await row.getByRole('button', { name: `Bắt đầu xử lý văn bản ${notation()}` }).click();
    await row.getByRole('cell', { name: 'Đang xử lý', exact: true }).waitFor();

    await row.getByRole('button', { name: `Báo cáo kết quả xử lý văn bản ${notation()}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Báo cáo kết quả xử lý' });
    await dialog.getByRole('button', { name: 'Gửi báo cáo, hoàn thành' }).click();
    await dialog.getByText('Hãy nhập kết quả xử lý.').waitFor();
    await dialog.getByLabel(/^Kết quả xử lý/).fill(report);
    await dialog.getByRole('button', { name: 'Gửi báo cáo, hoàn thành' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByRole('cell', { name: 'Đã hoàn thành', exact: true }).waitFor();
    if (photograph) {
      await screenshot(page, 'my-work');
      await expectAccessible();
    }
  }

  it("shows Tân Lập's clerk the copy the system registered, and assigns it to a specialist with a deadline", async () => {
    await assignThroughConsole('tl-clerk', 'Vũ Đức Anh', vietnamDateIn(10), true);
    const copy = await api('tl-clerk').get<IncomingView>(`/v1/incoming/${copyId('BS-TL-DU')}`);
    expect(copy).toMatchObject({ status: 'assigned', handler: 'tl-specialist' });
    expect(copy.deadline?.slice(0, 10)).toBe(vietnamDateIn(10).slice(0, 10));
  });

  it("opens the copy's page: registered by the system, with its history", async () => {
    const { page } = browser;
    await page.getByRole('row').filter({ hasText: notation() }).getByRole('link', { name: /Nghị quyết về chuyển đổi số/ }).click();
    await page.getByRole('heading', { level: 1, name: `Văn bản đến số ${issued.incoming.find((c) => c.id === copyId('BS-TL-DU'))!.arrivalNumber}` }).waitFor();
    const history = page.getByRole('region', { name: 'Quá trình tiếp nhận, xử lý' });
    await expect(history.innerText()).resolves.toMatch(/Văn bản đến, kiểm tra chữ ký số[\s\S]*Hệ thống[\s\S]*Vào sổ văn bản đến, số đến \d+[\s\S]*Giao xử lý[\s\S]*Đỗ Thị Mai/);
    await screenshot(page, 'incoming-copy');
    await expectAccessible();
  });

  it("finds the copy in Tân Lập's incoming register, whose line opens it", async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Sổ đăng ký văn bản', exact: true }).click();
    await page.getByRole('tab', { name: 'Văn bản đến' }).click();
    const line = page.getByRole('table').getByRole('row').filter({ hasText: notation() });
    const subject = line.getByRole('link', { name: /Nghị quyết về chuyển đổi số/ });
    await expect(subject.getAttribute('href')).resolves.toBe(`/incoming/${encodeURIComponent(copyId('BS-TL-DU'))}`);
    await subject.click();
    await page.getByRole('heading', { level: 1, name: `Văn bản đến số ${issued.incoming.find((c) => c.id === copyId('BS-TL-DU'))!.arrivalNumber}` }).waitFor();
  });

  it("lets Tân Lập's specialist start the copy and report the result, through My work", async () => {
    await handleThroughConsole('tl-specialist', 'Đã quán triệt đến các chi bộ trực thuộc.', true);
    await expect(api('tl-clerk').get<IncomingView>(`/v1/incoming/${copyId('BS-TL-DU')}`)).resolves.toMatchObject({ status: 'done', report: 'Đã quán triệt đến các chi bộ trực thuộc.' });
  });

  it("does the same at Hòa Bình, its deadline near and flagged so", async () => {
    await assignThroughConsole('hb-clerk', 'Đinh Quang Huy', vietnamDateIn(1), false);
    const { page } = browser;
    await switchUser(page, server.url, 'hb-specialist');
    await openMyWork();
    await expect(page.getByRole('row').filter({ hasText: notation() }).innerText()).resolves.toContain('Sắp đến hạn');
    await handleThroughConsole('hb-specialist', 'Đã triển khai tại các khu phố.', false);
    await expect(api('hb-clerk').get<IncomingView>(`/v1/incoming/${copyId('BS-HB-DU')}`)).resolves.toMatchObject({ status: 'done', handler: 'hb-specialist' });
  });

  it("lets Hòa Bình's specialist accept the task, report progress with evidence and submit it", async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Nhiệm vụ thực hiện' }).click();
    const row = page.getByRole('row').filter({ hasText: task.title });
    await row.getByRole('cell', { name: 'Mới giao', exact: true }).waitFor();
    await row.getByRole('link', { name: task.title }).click();
    await page.getByRole('heading', { level: 1, name: task.title }).waitFor();
    await page.getByRole('button', { name: 'Nhận nhiệm vụ' }).click();
    await page.getByRole('button', { name: 'Báo cáo tiến độ' }).waitFor();

    await page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Báo cáo tiến độ' });
    await dialog.getByLabel(/^Tiến độ đã đạt/).fill('40');
    await dialog.getByLabel(/^Nội dung đã thực hiện/).fill('Đã rà soát 4/10 chi bộ.');
    // A file called PDF that is not one: the service refuses it, and says so beside the file input.
    const files = dialog.locator('input[type="file"]');
    await files.setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a PDF at all') });
    await dialog.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    await dialog.getByText(/Nội dung tệp không đúng với loại tệp/).waitFor();
    await screenshot(page, 'task-report-dialog');
    await expectAccessible();
    await files.setInputFiles({ name: 'bien-ban-ra-soat.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Bien ban ra soat') });
    await dialog.getByRole('button', { name: 'Gửi báo cáo tiến độ' }).click();
    await dialog.waitFor({ state: 'detached' });
    const reports = page.getByRole('region', { name: 'Báo cáo tiến độ, kết quả' });
    await reports.getByText('Báo cáo tiến độ: 40%').waitFor();
    await reports.getByRole('button', { name: 'Tải tệp minh chứng bien-ban-ra-soat.pdf' }).waitFor();
    await expect(page.getByRole('region', { name: 'Việc của đơn vị chủ trì' }).getByRole('button').allInnerTexts()).resolves.toEqual([
      'Báo cáo tiến độ',
      'Báo cáo hoàn thành',
      'Xin gia hạn',
    ]);
    await screenshot(page, 'task');
    await expectAccessible();

    await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    const submit = page.getByRole('dialog', { name: 'Báo cáo hoàn thành nhiệm vụ' });
    await submit.getByLabel(/^Kết quả thực hiện/).fill('Đã rà soát toàn bộ 10 chi bộ, có báo cáo kèm theo.');
    await submit.getByRole('button', { name: 'Gửi báo cáo hoàn thành' }).click();
    await submit.waitFor({ state: 'detached' });
    await page.getByText('Đã báo cáo hoàn thành', { exact: true }).first().waitFor();

    const submitted = await trackingApi('hb-specialist').get<TaskWithReports>(`/v1/tasks/${task.id}`);
    expect(submitted.status).toBe('submitted');
    expect(submitted.reports.map((r) => [r.kind, r.percent, r.evidence.map((e) => e.name)])).toEqual(
      expect.arrayContaining([
        ['progress', 40, ['bien-ban-ra-soat.pdf']],
        ['submission', 40, []],
      ]),
    );
  });

  it("lets the province's specialist, who assigned it, accept the result", async () => {
    const { page } = browser;
    await switchUser(page, server.url, 'bs-specialist');
    await page.goto(`${server.url}/my-work?tab=tasks&role=assigned`);
    await page.getByRole('row').filter({ hasText: task.title }).getByRole('link', { name: task.title }).click();
    await page.getByRole('button', { name: 'Công nhận hoàn thành' }).click();
    const dialog = page.getByRole('dialog', { name: 'Công nhận hoàn thành' });
    await dialog.getByLabel(/^Nhận xét/).fill('Đạt yêu cầu.');
    await dialog.getByRole('button', { name: 'Công nhận hoàn thành' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Hoàn thành', { exact: true }).first().waitFor();
    await expect(trackingApi('bs-specialist').get<TaskView>(`/v1/tasks/${task.id}`)).resolves.toMatchObject({ status: 'done', progress: 100 });
  });

  it('logged no error in the browser but the refused upload', () => {
    // The refused file is an answer the page shows; Chromium logs any 4xx as a failed load.
    expect(browser.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});

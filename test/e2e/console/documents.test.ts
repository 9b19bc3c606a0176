import { DEMO_ORGANISATIONS, DEMO_USERS } from '@vanthu/shared';
import type { Page, Request } from 'playwright-core';
import type { RunningService } from '../../../deploy/local/src/services';
import { pdfShowing } from '../../../deploy/local/src/scenario/lifecycle-scenario';
import { DEMO_SIGNING_PIN } from '../../../deploy/local/src/scenario/signing-confirmation';
import { startSystem, stopServices } from '../support/system';
import { openBrowser, screenshot, seriousViolations, startConsole, switchUser, type ConsoleBrowser, type TestConsole } from './browser';

const nameOf = (id: string) => DEMO_USERS.find((u) => u.id === id)!;
const orgName = (code: string) => DEMO_ORGANISATIONS.find((o) => o.code === code)!.name;
const pdf = async (title: string, text: string) => Buffer.from(await (await pdfShowing(title, text)).arrayBuffer());

/** A day `days` after today, in Vietnam, as a date input takes it. */
const dayFromNow = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Chooses `files` in the file input labelled `label`, through the file chooser its button opens. */
async function chooseFiles(page: Page, label: string, files: Array<{ name: string; mimeType: string; buffer: Buffer }>) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: label }).click()]);
  await chooser.setFiles(files);
}

/** Picks `option` in the select or multi-select labelled `label`. */
async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Asks `probe` again until its answer passes `check` (or the time is up, failing with the last answer). */
async function eventually<T>(probe: () => Promise<T>, check: (value: T) => void, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    try {
      check(value);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The number of pixels of the first page's canvas that are not white: drawn text and lines. */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** Pixels darker than paper on the first page's canvas: pdf.js drew the text. */
const inkOnFirstPage = (page: Page): Promise<number> =>
  page.locator('canvas[data-page="1"]').evaluate((element) => {
    const canvas = element as unknown as CanvasLike;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink++;
    return ink;
  });

/**
 * An outgoing document through the console only, as the province's people do it: bs-specialist
 * drafts it (a real PDF and an annex, the service's refusal of a broken PDF shown beside the
 * input), submits it; bs-deputy returns it, the author revises it (PATCH, a new PDF) and it goes
 * back to review; bs-deputy approves it; bs-secretary signs it with the PIN; bs-clerk issues it
 * from the register's queue. Its page then shows the PDF drawn by pdf.js, the two valid
 * signatures, the history and each recipient's edXML status. Each page is photographed and
 * scanned with axe-core.
 */
describe('outgoing documents in the console: draft, review, sign, issue', () => {
  let running: RunningService[] = [];
  let server: TestConsole;
  let browser: ConsoleBrowser;
  let page: Page;
  let documentPath: string;
  const subject = `Nghị quyết về chuyển đổi số trong các cơ quan Đảng (${Date.now()})`;
  const reason = 'Bổ sung lộ trình triển khai theo từng quý.';

  beforeAll(async () => {
    running = await startSystem();
    server = await startConsole();
    browser = await openBrowser();
    page = browser.page;
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await stopServices(running);
  }, 60_000);

  const expectAccessible = async () => expect(await seriousViolations(page)).toEqual([]);
  const dialog = () => page.getByRole('dialog');

  it('checks a new draft in plain words before sending anything', async () => {
    await switchUser(page, server.url, 'bs-specialist');
    await page.goto(`${server.url}/drafting`);
    await page.getByRole('heading', { level: 1, name: 'Soạn thảo văn bản' }).waitFor();
    await page.getByRole('link', { name: 'Soạn văn bản mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Soạn văn bản mới' }).waitFor();
    let sent = false;
    const watch = (request: Request) => {
      if (request.url().endsWith('/api/intake/v1/documents') && request.method() === 'POST') sent = true;
    };
    page.on('request', watch);
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    for (const message of ['Hãy chọn loại văn bản.', 'Hãy ghi trích yếu nội dung văn bản.', 'Hãy chọn người ký.', 'Hãy chọn ít nhất một nơi nhận.', 'Hãy chọn tệp PDF của văn bản.']) {
      await page.getByText(message, { exact: true }).waitFor();
    }
    page.off('request', watch);
    expect(sent).toBe(false);
    await expect(page.getByRole('textbox', { name: 'Trích yếu nội dung' }).getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'drafting-form-errors');
    await expectAccessible();
  }, 120_000);

  it('shows the service refusing a broken PDF next to the file input', async () => {
    await pick(page, 'Loại văn bản', 'Nghị quyết (NQ)');
    await page.getByRole('textbox', { name: 'Trích yếu nội dung' }).fill(subject);
    await pick(page, 'Độ khẩn', 'Khẩn');
    await page.getByLabel('Hạn xử lý').fill(dayFromNow(20));
    await pick(page, 'Người ký', `${nameOf('bs-secretary').fullName} — ${nameOf('bs-secretary').position}`);
    await page.getByRole('textbox', { name: 'Thay mặt, ký thay hoặc thừa lệnh' }).fill('Ban Thường vụ Tỉnh ủy');
    await pick(page, 'Người cho ý kiến', `${nameOf('bs-deputy').fullName} — ${nameOf('bs-deputy').position}`);
    await page.keyboard.press('Escape');
    await pick(page, 'Nơi nhận', orgName('BS-TL-DU'));
    await pick(page, 'Nơi nhận', orgName('BS-HB-DU'));
    await page.keyboard.press('Escape');
    await chooseFiles(page, 'Tệp văn bản (PDF)', [{ name: 'nghi-quyet.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a PDF at all') }]);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/intake/v1/documents') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    const answer = await refused;
    expect(answer.status()).toBeGreaterThanOrEqual(400);
    expect(answer.headers()['content-type']).toContain('application/problem+json');
    const problem = (await answer.json()) as { reason: string; field: string };
    expect(problem.field).toBe('content');
    // The alert above the form and the input itself say it in plain words.
    await page.getByRole('alert').filter({ hasText: 'Chưa lưu được văn bản' }).waitFor();
    await expect(page.getByText(/Tệp (PDF bị hỏng|không phải là PDF)/).count()).resolves.toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('drafts the document with its PDF and annex, as the scenario sends it', async () => {
    await chooseFiles(page, 'Tệp văn bản (PDF)', [{ name: 'nghi-quyet.pdf', mimeType: 'application/pdf', buffer: await pdf('NGHI QUYET ve chuyen doi so', 'Du thao lan 1') }]);
    await chooseFiles(page, 'Tệp đính kèm', [{ name: 'phu-luc.pdf', mimeType: 'application/pdf', buffer: await pdf('PHU LUC', 'Ke hoach trien khai') }]);
    await screenshot(page, 'drafting-form');
    await expectAccessible();
    const create = page.waitForRequest((r) => r.url().endsWith('/api/intake/v1/documents') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    const request = await create;
    expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // The metadata, the PDF and the annex, in one multipart body (the page shows all three below).
    expect(request.headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    await page.waitForURL(/\/documents\/[^/]+$/);
    documentPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await page.getByText('Đã lưu dự thảo.', { exact: false }).waitFor();
    const details = page.getByRole('region', { name: 'Thông tin văn bản' });
    await details.getByText('Phụ lục 1', { exact: false }).waitFor();
    await expect(details.innerText()).resolves.toMatch(/Người ký\s+T\/M Ban Thường vụ Tỉnh ủy · Hoàng Văn Sơn/);
  }, 120_000);

  it('submits the draft from its page', async () => {
    await page.getByRole('button', { name: 'Trình duyệt' }).click();
    await dialog().getByRole('button', { name: 'Trình văn bản' }).click();
    await page.getByText('Đã trình văn bản.').waitFor();
    await page.getByText('Đang xin ý kiến', { exact: true }).first().waitFor();
  }, 60_000);

  it('lets the reviewer return it, and its author revise and resubmit it', async () => {
    await switchUser(page, server.url, 'bs-deputy');
    await page.goto(`${server.url}/approvals`);
    await page.getByRole('heading', { level: 1, name: 'Văn bản chờ cho ý kiến, ký' }).waitFor();
    await page.getByRole('button', { name: `Trả lại văn bản: ${subject}` }).click();
    await dialog().getByRole('button', { name: 'Trả lại', exact: true }).click();
    await dialog().getByText('Hãy ghi lý do.').waitFor();
    await dialog().getByRole('textbox', { name: 'Lý do trả lại, cần sửa gì' }).fill(reason);
    await dialog().getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.getByText('Đã trả lại văn bản cho người soạn thảo.', { exact: false }).waitFor();

    await switchUser(page, server.url, 'bs-specialist');
    await page.goto(`${server.url}/drafting?status=returned`);
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('link', { name: 'Sửa và trình lại' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sửa văn bản bị trả lại' }).waitFor();
    await page.getByText(reason).waitFor();
    await chooseFiles(page, 'Tệp văn bản mới (PDF)', [{ name: 'nghi-quyet-sua.pdf', mimeType: 'application/pdf', buffer: await pdf('NGHI QUYET ve chuyen doi so (sua doi)', 'Du thao lan 2') }]);
    await screenshot(page, 'drafting-revision');
    await expectAccessible();
    const revise = page.waitForResponse((r) => r.url().includes('/api/intake/v1/documents/') && r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Lưu và trình lại' }).click();
    expect((await revise).status()).toBe(200);
    await page.getByText('Đã lưu văn bản đã sửa và trình lại', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe(documentPath);
  }, 180_000);

  it('lists it for the reviewer, who approves it with a comment', async () => {
    await switchUser(page, server.url, 'bs-deputy');
    await page.goto(`${server.url}/approvals`);
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByText('Chờ cho ý kiến').waitFor();
    await screenshot(page, 'approvals');
    await expectAccessible();
    await row.getByRole('button', { name: `Đồng ý văn bản: ${subject}` }).click();
    await dialog().getByRole('textbox', { name: 'Ý kiến (không bắt buộc)' }).fill('Đồng ý trình ký');
    await dialog().getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await page.getByText('Đã ghi ý kiến đồng ý.', { exact: false }).waitFor();
    await row.waitFor({ state: 'detached' });
  }, 120_000);

  it('has the signer confirm with the PIN: a single-use authorisation from the signing service, then the signature', async () => {
    await switchUser(page, server.url, 'bs-secretary');
    await page.goto(`${server.url}/approvals`);
    const row = page.getByRole('row').filter({ hasText: subject });
    await row.getByText('Chờ ký').waitFor();
    await row.getByRole('button', { name: `Ký số văn bản: ${subject}` }).click();
    const pin = dialog().getByLabel('Mã PIN ký số');
    await pin.fill('12');
    await dialog().getByRole('button', { name: 'Xác nhận và ký' }).click();
    await dialog().getByText('Mã PIN gồm từ 6 đến 12 chữ số.').waitFor();
    await pin.fill(DEMO_SIGNING_PIN);
    await screenshot(page, 'sign-dialog');
    await expectAccessible();
    const authorised = page.waitForResponse((r) => r.url().endsWith('/api/signing/v1/signing-authorisations'));
    const signed = page.waitForRequest((r) => /\/api\/intake\/v1\/documents\/[^/]+\/sign$/.test(r.url()));
    await dialog().getByRole('button', { name: 'Xác nhận và ký' }).click();
    const authorisation = await authorised;
    expect(authorisation.status()).toBe(201);
    expect(authorisation.request().postDataJSON()).toEqual({ pin: DEMO_SIGNING_PIN, documentId: documentPath.split('/').pop(), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const sign = await signed;
    // The sign request carries the authorisation, never the PIN.
    expect(sign.postDataJSON()).toEqual({ signingAuthorisation: ((await authorisation.json()) as { authorisation: string }).authorisation });
    expect(sign.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await sign.response())?.status()).toBe(200);
    await page.getByText('Đã ký số văn bản.', { exact: false }).waitFor();
  }, 180_000);

  it('has the clerk issue it from the queue of signed documents', async () => {
    await switchUser(page, server.url, 'bs-clerk');
    await page.goto(`${server.url}/drafting`);
    await page.getByRole('tab', { name: 'Chờ phát hành' }).click();
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('button', { name: 'Phát hành' }).click();
    await dialog().getByRole('button', { name: 'Phát hành' }).click();
    await page.getByText('Đã phát hành văn bản và gửi đến nơi nhận.').waitFor({ timeout: 60_000 });
    await page.getByText(/^Số \d+-NQ\/TU$/).waitFor();
  }, 180_000);

  it('opens it from the outgoing register', async () => {
    await page.goto(`${server.url}/registers`);
    await page.getByRole('table').getByRole('link', { name: subject }).click();
    await page.waitForURL((url) => url.pathname === documentPath);
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
  }, 60_000);

  it('shows the PDF drawn by pdf.js, two valid signatures, the history and each recipient with its edXML status', async () => {
    // The PDF: drawn on a labelled canvas, with ink on it, and the file to download.
    const canvas = page.getByRole('img', { name: `Trang 1/1 của văn bản: ${subject}` });
    await canvas.waitFor();
    await eventually(() => inkOnFirstPage(page), (ink) => expect(ink).toBeGreaterThan(500), 30_000);
    await expect(page.getByRole('link', { name: 'Tải về tệp PDF' }).getAttribute('download')).resolves.toMatch(/^\d+-NQ-TU\.pdf$/);

    // The signer's and the organisation's signatures, checked by the signing service.
    const signatures = page.getByRole('region', { name: 'Chữ ký số' });
    await signatures.getByText('2 chữ ký. Kết quả kiểm tra:').waitFor({ timeout: 30_000 });
    await expect(signatures.getByText('Hợp lệ', { exact: true }).count()).resolves.toBe(3);
    await expect(signatures.getByRole('listitem').filter({ hasText: nameOf('bs-secretary').fullName }).count()).resolves.toBeGreaterThan(0);

    // The history: each step, with who did it.
    const timeline = page.getByRole('region', { name: 'Diễn biến xử lý' });
    const text = await timeline.innerText();
    for (const step of ['Tạo dự thảo', 'Trình, vào sổ', 'Trả lại để sửa', 'Sửa dự thảo', 'Đồng ý', 'Ký số', 'Phát hành']) expect(text).toContain(step);
    for (const who of ['bs-specialist', 'bs-deputy', 'bs-secretary', 'bs-clerk']) expect(text).toContain(nameOf(who).fullName);
    expect(text).toContain(reason);
    expect(text).toContain('Đồng ý trình ký');

    // Each recipient registers it on arrival (edXML 03), seen here as the page looks again.
    const recipients = page.getByRole('region', { name: 'Nơi nhận và tình trạng xử lý' });
    for (const org of ['BS-TL-DU', 'BS-HB-DU']) {
      const row = recipients.locator(`tr[data-org="${org}"]`);
      await eventually(
        async () => ((await row.count()) > 0 ? row.innerText() : ''),
        (text) => expect(text).toMatch(new RegExp(`${orgName(org)}\\s+03\\s+Đã tiếp nhận`)),
        90_000,
      );
    }
    await screenshot(page, 'document-page');
    await expectAccessible();
  }, 240_000);

  it('links an administrator to the workflow in the Temporal UI', async () => {
    await switchUser(page, server.url, 'bs-admin');
    await page.goto(`${server.url}${documentPath}`);
    const link = page.getByRole('link', { name: 'Xem luồng xử lý trong Temporal UI' });
    const namespace = process.env.TEMPORAL_NAMESPACE ?? 'vanthu-test';
    await expect(link.getAttribute('href')).resolves.toBe(`http://127.0.0.1:8233/namespaces/${namespace}/workflows/document-${documentPath.split('/').pop()}`);
  }, 60_000);

  it('logged no error in the browser but the broken PDF it was asked to refuse', () => {
    expect(browser.errors.filter((e) => !/Failed to load resource: the server responded with a status of 4(15|22)/.test(e))).toEqual([]);
  });
});

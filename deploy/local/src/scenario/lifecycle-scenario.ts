import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beginText, endText, moveText, PDFContentStream, PDFDocument, PDFOperator, PDFOperatorNames, PDFString, setFontAndSize, StandardFonts } from 'pdf-lib';
import { clearanceReaches, DEMO_USERS, type Role, type Secrecy } from '@vanthu/shared';
import { issueToken } from '@vanthu/shared';
import { ApiClient } from './http-client';
import type { LiveNotifications } from './live-notifications';
import { signerClient, SigningConfirmation, signingUrlBeside } from './signing-confirmation';

/** Views as the API returns them (the fields this scenario reads). */
interface DocumentView {
  id: string;
  workflowId: string;
  status: string;
  notation?: string;
  number?: number;
  issuedAt?: string;
  content: { sha256: string };
  recipients: Array<{ org: string; status: string; statusCode: string; arrivalNumber?: number }>;
  history: Array<{ action: string; status: string; actor?: string; note?: string }>;
}
interface IncomingView {
  id: string;
  documentId: string;
  status: string;
  arrivalNumber: number;
}

export interface ScenarioOptions {
  apiUrl: string;
  jwtSecret: string;
  /**
   * The signing API, where the signer confirms with their PIN before signing. Default: beside
   * `apiUrl`, at SERVICES.signing.apiPort (shifted as the intake port is), http://127.0.0.1:3002.
   */
  signingUrl?: string;
  /** Told of each step as it completes. */
  onStep?: (step: string, detail?: string) => void;
  recipients?: string[];
  /** How long to wait for the archive at the end. */
  archiveTimeoutMs?: number;
  /**
   * The users' live streams (LiveNotifications.open with SCENARIO_LISTENERS): the scenario then
   * waits for the arrival and the archive as a portal does, told by notify, instead of asking
   * the intake API again and again.
   */
  live?: LiveNotifications;

  /*
   * What the document carries and how its review goes. Every field is optional; left out, the
   * scenario runs as it always has (a non-secret resolution approved at once, the demo texts).
   */

  /** The secrecy level (default `none`). At each recipient a handler cleared for it is assigned. */
  secrecy?: Secrecy;
  /** The subject line (default: the demo's). */
  subject?: string;
  /**
   * A line of text the content PDF shows, kept in an uncompressed content stream so its bytes are
   * in the file as written (Helvetica, WinAnsi: printable ASCII only). Default: the demo PDF.
   */
  pdfText?: string;
  /** The one attachment, instead of the demo annex (a PDF). A string is sent as its UTF-8 bytes. */
  attachment?: { filename: string; contentType: string; data: string | Uint8Array };
  /**
   * When set, the approver first returns the draft with this reason; its author then revises it
   * (a new content PDF, showing `revisedPdfText`) and the approver approves the revision.
   */
  returnReason?: string;
  /** The revised PDF's line of text (default: `pdfText`, else the demo's title). */
  revisedPdfText?: string;
  /** The approver's comment (default: the demo's). */
  approveComment?: string;
  /** Each handler's report (default: the demo's); a function is given the recipient organisation. */
  report?: string | ((org: string) => string);
  /**
   * The handler each recipient assigns, by organisation (default: the demo handler, or — when the
   * demo handler's clearance does not reach the document's level — another user of that
   * organisation whose clearance does: a specialist, else a leader, else a clerk).
   */
  handlers?: Record<string, string>;
  /**
   * `arrived`: stop once every recipient has registered its copy (status accepted), leaving the
   * copies to be assigned and handled by someone else (the console's browser tests do it through
   * the pages); the result's document is then as issued, not archived, and no handler is assigned.
   * Default `archived`: the whole lifecycle.
   */
  until?: 'arrived' | 'archived';
}

/** Whose notifications the scenario waits for: the author (archived) and each recipient's clerk (received). */
export const SCENARIO_LISTENERS = ['bs-specialist', 'tl-clerk', 'hb-clerk'];

export interface ScenarioResult {
  document: DocumentView;
  incoming: IncomingView[];
  stepsMs: Record<string, number>;
  /** The handler assigned at each recipient organisation (none when the scenario stopped at arrival). */
  handlers: Record<string, string>;
}

async function demoPdf(title: string): Promise<Blob> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('DANG CONG SAN VIET NAM', { x: 330, y: 800, size: 11, font });
  page.drawText(title, { x: 60, y: 700, size: 14, font });
  return new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' });
}

/** A PDF's literal string: printable ASCII, with the three characters PDF escapes escaped. */
function pdfLiteral(text: string): PDFString {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`pdfText must be printable ASCII (the standard fonts' WinAnsi): ${JSON.stringify(text)}`);
  return PDFString.of(text.replace(/[\\()]/g, (c) => `\\${c}`));
}

/**
 * The demo PDF with one more line of text, `text`, in a content stream of its own that is not
 * compressed: the words are in the file's bytes as written, as in many scanned-and-OCRed or
 * simply produced PDFs, so whoever holds the file in clear holds the text.
 */
export async function pdfShowing(title: string, text: string): Promise<Blob> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText('DANG CONG SAN VIET NAM', { x: 330, y: 800, size: 11, font });
  page.drawText(title, { x: 60, y: 700, size: 14, font });
  const fontName = page.node.newFontDictionary(font.name, font.ref);
  const line = PDFContentStream.of(pdf.context.obj({}), [beginText(), setFontAndSize(fontName, 12), moveText(60, 660), PDFOperator.of(PDFOperatorNames.ShowText, [pdfLiteral(text)]), endText()], false);
  page.node.addContentStream(pdf.context.register(line));
  return new Blob([Buffer.from(await pdf.save({ useObjectStreams: false }))], { type: 'application/pdf' });
}

const clearanceOf = (userId: string) => DEMO_USERS.find((u) => u.id === userId)?.clearance;
const HANDLER_ROLES: Role[] = ['specialist', 'leader', 'clerk'];

/** The demo handler of `org`, or the first user there cleared for `secrecy` (specialists first). */
export function demoHandlerFor(org: string, secrecy: Secrecy = 'none', preferred?: string): string {
  if (preferred && clearanceReaches(clearanceOf(preferred), secrecy)) return preferred;
  const cleared = DEMO_USERS.filter((u) => u.org === org && HANDLER_ROLES.includes(u.role) && clearanceReaches(u.clearance, secrecy)).sort(
    (a, b) => HANDLER_ROLES.indexOf(a.role) - HANDLER_ROLES.indexOf(b.role),
  );
  if (!cleared[0]) throw new Error(`no demo user of ${org} is cleared for ${secrecy}`);
  return cleared[0].id;
}

/**
 * Clients of the seeded demo users, each with its own token. The leaders' clients confirm a sign
 * with the development PIN at the signing service first, as their portal would ask them to.
 */
export function demoClients(apiUrl: string, secret: string, signingUrl = signingUrlBeside(apiUrl)) {
  const tokenOf = (id: string) => demoToken(secret, id);
  const client = (id: string) => new ApiClient(apiUrl, tokenOf(id));
  const signer = (id: string) => signerClient(apiUrl, tokenOf(id), new SigningConfirmation(signingUrl, tokenOf(id)));
  return {
    specialist: client('bs-specialist'),
    deputy: signer('bs-deputy'),
    secretary: signer('bs-secretary'),
    clerk: client('bs-clerk'),
    recipient: {
      'BS-TL-DU': { clerk: client('tl-clerk'), clerkId: 'tl-clerk', handler: client('tl-specialist'), handlerId: 'tl-specialist' },
      'BS-HB-DU': { clerk: client('hb-clerk'), clerkId: 'hb-clerk', handler: client('hb-specialist'), handlerId: 'hb-specialist' },
    } as Record<string, { clerk: ApiClient; clerkId: string; handler: ApiClient; handlerId: string }>,
  };
}

/** A seeded demo user's development token (an hour, every API). */
export function demoToken(secret: string, userId: string): string {
  const user = DEMO_USERS.find((u) => u.id === userId);
  if (!user) throw new Error(`no demo user ${userId}`);
  return issueToken(secret, { userId: user.id, orgCode: user.org, role: user.role }, 3600);
}

/** How often a portal on a live stream looks anyway, in case the stream missed something. */
const LIVE_REFRESH_MS = 5_000;

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, told?: Promise<unknown>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  if (told) {
    // On a live stream: look when told; until then only now and then (a stream is not a guarantee:
    // it may be reconnecting, or notify behind).
    let heard = false;
    const heardIt = told.then(
      () => (heard = true),
      () => undefined,
    );
    while (!heard) {
      await Promise.race([heardIt, sleep(LIVE_REFRESH_MS)]);
      if (heard) break;
      const found = await probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  }
  // As a portal would: look again soon, then less and less often, so waiting costs the server little.
  for (let delay = 100; ; delay = Math.min(delay * 1.3, 1_000)) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(delay);
  }
}

/**
 * The whole lifecycle of one resolution, as the offices would do it through their portals:
 * draft, submit, approve, sign, issue; each recipient registers, assigns, processes, reports;
 * the document is archived. Used by `npm run demo`, the end-to-end tests and the benchmark; the
 * leak test (test/e2e/secret-leak.test.ts) runs it for a secret document with a return and a
 * revision, marked texts everywhere.
 */
export async function runLifecycleScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const c = demoClients(options.apiUrl, options.jwtSecret, options.signingUrl);
  const step = options.onStep ?? (() => undefined);
  const recipients = options.recipients ?? ['BS-TL-DU', 'BS-HB-DU'];
  const secrecy: Secrecy = options.secrecy ?? 'none';
  const handlers = Object.fromEntries(recipients.map((org) => [org, options.handlers?.[org] ?? demoHandlerFor(org, secrecy, c.recipient[org]?.handlerId)]));
  const reportOf = (org: string) => (typeof options.report === 'function' ? options.report(org) : (options.report ?? 'Đã quán triệt và triển khai đến các chi bộ.'));
  const stepsMs: Record<string, number> = {};
  const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    stepsMs[name] = Math.round(performance.now() - started);
    return result;
  };

  const form = new FormData();
  form.append(
    'metadata',
    new Blob(
      [
        JSON.stringify({
          type: 'NQ',
          subject: options.subject ?? 'Nghị quyết về chuyển đổi số trong các cơ quan Đảng',
          signer: { userId: 'bs-secretary', authority: 'T/M', onBehalfOf: 'Ban Thường vụ Tỉnh ủy' },
          approvers: ['bs-deputy'],
          recipients,
          urgency: 'khan',
          secrecy,
          dueDate: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
        }),
      ],
      { type: 'application/json' },
    ),
  );
  const title = 'NGHI QUYET ve chuyen doi so';
  form.append('content', options.pdfText === undefined ? await demoPdf(title) : await pdfShowing(title, options.pdfText), 'nghi-quyet.pdf');
  if (options.attachment) {
    const { data, contentType, filename } = options.attachment;
    form.append('attachments', new Blob([typeof data === 'string' ? Buffer.from(data, 'utf8') : data], { type: contentType }), filename);
  } else {
    form.append('attachments', await demoPdf('PHU LUC - ke hoach trien khai'), 'phu-luc.pdf');
  }

  const created = await timed('create', () => c.specialist.request<DocumentView>('POST', '/v1/documents', form, { 'Idempotency-Key': randomUUID() }));
  step('drafted by bs-specialist', `id ${created.id}, workflow ${created.workflowId}`);
  await timed('submit', () => c.specialist.post(`/v1/documents/${created.id}/submit`));
  step('submitted and registered', 'in review by bs-deputy');
  if (options.returnReason !== undefined) {
    await timed('return', () => c.deputy.post(`/v1/documents/${created.id}/return`, { reason: options.returnReason }));
    step('returned by bs-deputy for revision');
    const revision = new FormData();
    const revisedText = options.revisedPdfText ?? options.pdfText;
    revision.append('content', revisedText === undefined ? await demoPdf(`${title} (sua doi)`) : await pdfShowing(`${title} (sua doi)`, revisedText), 'nghi-quyet-sua-doi.pdf');
    await timed('revise', () => c.specialist.request<DocumentView>('PATCH', `/v1/documents/${created.id}`, revision, { 'Idempotency-Key': randomUUID() }));
    step('revised by bs-specialist', 'a new PDF; back in review by bs-deputy');
  }
  await timed('approve', () => c.deputy.post(`/v1/documents/${created.id}/approve`, { comment: options.approveComment ?? 'Đồng ý trình ký' }));
  step('approved by bs-deputy');
  await timed('sign', () => c.secretary.post(`/v1/documents/${created.id}/sign`));
  step('signed by bs-secretary (PAdES, T/M)', 'confirmed with the PIN: a single-use authorisation from the signing service');
  const issued = await timed('issue', () => c.clerk.post<DocumentView>(`/v1/documents/${created.id}/issue`));
  step('issued by bs-clerk', `${issued.notation} on ${issued.issuedAt}, sealed by the organisation, sent to ${recipients.join(', ')}`);

  // Each recipient office works on its own copy, at the same time as the others.
  const incoming: IncomingView[] = await Promise.all(
    recipients.map(async (org) => {
      const r = c.recipient[org];
      if (!r) throw new Error(`no demo clerk for ${org}`);
      const arrived = await timed(`arrive ${org}`, async () => {
        const told = options.live?.waitFor(r.clerkId, 'document.received', `${created.id}@${org}`, 60_000);
        return waitFor(`${org} to register the document`, 60_000, async () => {
          // The copy's id is known (<document>@<org>); until it arrives, the API answers 404.
          const copy = await r.clerk.get<IncomingView>(`/v1/incoming/${created.id}@${org}`).catch(() => undefined);
          return copy?.status === 'accepted' ? copy : undefined;
        }, told);
      });
      step(`received at ${org}`, `signatures verified, arrival number ${arrived.arrivalNumber}`);
      if (options.until === 'arrived') return arrived;
      await timed(`process ${org}`, async () => {
        const handlerId = handlers[org]!;
        const handler = handlerId === r.handlerId ? r.handler : new ApiClient(options.apiUrl, demoToken(options.jwtSecret, handlerId));
        await r.clerk.post(`/v1/incoming/${arrived.id}/assign`, { handler: handlerId, deadline: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) });
        await handler.post(`/v1/incoming/${arrived.id}/start`);
        await handler.post(`/v1/incoming/${arrived.id}/complete`, { report: reportOf(org) });
      });
      step(`processed at ${org}`, `assigned to ${handlers[org]}, done, reported`);
      return r.clerk.get<IncomingView>(`/v1/incoming/${arrived.id}`);
    }),
  );

  if (options.until === 'arrived') return { document: issued, incoming, stepsMs, handlers: {} };

  const archived = await timed('archive', async () => {
    const told = options.live?.waitFor('bs-specialist', 'document.archived', created.id, options.archiveTimeoutMs ?? 60_000);
    return waitFor(
      'the archive',
      options.archiveTimeoutMs ?? 60_000,
      async () => {
        const doc = await c.clerk.get<DocumentView>(`/v1/documents/${created.id}`);
        return doc.status === 'archived' ? doc : undefined;
      },
      told,
    );
  });
  step('archived', `package recorded in the tamper-evident log; ${archived.history.length} transitions`);
  return { document: archived, incoming, stepsMs, handlers };
}

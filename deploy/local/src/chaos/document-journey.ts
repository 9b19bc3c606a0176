import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_SIGNING_PIN } from '../scenario/signing-confirmation';
import { pdfShowing } from '../scenario/lifecycle-scenario';
import { COMMUNE_PEOPLE, documentIdFor, PROVINCE, RECIPIENTS, type Offices, type Recipient } from './offices';
import { RequestFailed } from './portal-client';

interface DocumentView {
  id: string;
  status: string;
  history: Array<{ action: string; status: string }>;
}
interface IncomingView {
  id: string;
  status: string;
}
interface TaskView {
  id: string;
  status: string;
  progress: number;
}

/** How one document went, as its portals saw it. */
export interface JourneyOutcome {
  index: number;
  documentId?: string;
  taskIds: string[];
  /** `archived`: every step done and the archive reached; else where it stopped and why. */
  outcome: 'archived' | 'failed';
  failedAt?: string;
  error?: string;
  ms: number;
}

const WAIT_ARRIVAL_MS = 15 * 60_000;
const WAIT_ARCHIVE_MS = 20 * 60_000;

/**
 * Looks as a portal does — after a second, then every few seconds — until `probe` finds it or the
 * time is up. Not more often: on two cores, a dozen documents' portals asking twice a second cost
 * the services a good share of the CPU the documents need.
 */
async function until<T>(what: string, timeoutMs: number, signal: AbortSignal, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1_000; ; delay = Math.min(delay * 1.5, 5_000)) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(delay * (0.5 + Math.random()), undefined, { signal });
  }
}

const VIETNAM_DAY = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
const has = (doc: DocumentView | undefined, action: string) => doc?.history.some((h) => h.action === action) ?? false;

/**
 * One resolution's whole life through the portals, and its implementation: drafted, submitted,
 * approved, signed (PIN, then PAdES), issued to the two communes; each commune registers, assigns,
 * handles and reports its copy; the province assigns each commune a task, which the commune
 * accepts, reports on and submits, and the province accepts; the archive takes the document.
 * Every change is retried with its Idempotency-Key and checked by reading back, so a fault costs
 * time, never a step done twice.
 */
export async function runDocumentJourney(index: number, offices: Offices, runTag: string): Promise<JourneyOutcome> {
  const started = Date.now();
  const outcome: JourneyOutcome = { index, taskIds: [], outcome: 'failed', ms: 0 };
  let step = 'create';
  const author = offices.portal(PROVINCE.author, 'intake');
  const read = (id: string) => author.find<DocumentView>(`/v1/documents/${id}`);
  const doc = (id: string, action: string) => async () => has(await read(id), action);
  try {
    const form = new FormData();
    form.append(
      'metadata',
      new Blob(
        [
          JSON.stringify({
            type: 'NQ',
            subject: `Nghị quyết về chuyển đổi số, bản thử chịu lỗi ${runTag}-${index + 1}`,
            signer: { userId: PROVINCE.signer, authority: 'T/M', onBehalfOf: 'Ban Thường vụ Tỉnh ủy' },
            approvers: [PROVINCE.approver],
            recipients: RECIPIENTS,
            urgency: 'khan',
            dueDate: VIETNAM_DAY(20),
          }),
        ],
        { type: 'application/json' },
      ),
    );
    form.append('content', await pdfShowing('NGHI QUYET ve chuyen doi so', `Ban thu chiu loi ${runTag}-${index + 1}`), 'nghi-quyet.pdf');
    const created = await author.act<DocumentView>('POST', '/v1/documents', form, {
      done: async (key) => (await read(documentIdFor(PROVINCE.author, key))) !== undefined,
    });
    const id = created.body?.id ?? documentIdFor(PROVINCE.author, created.key);
    outcome.documentId = id;

    step = 'submit';
    // Read back as far as the answer goes: a submit answers once review has started, not at `registered`.
    await author.act('POST', `/v1/documents/${id}/submit`, {}, { done: doc(id, 'review-started') });
    step = 'approve';
    await offices.portal(PROVINCE.approver, 'intake').act('POST', `/v1/documents/${id}/approve`, { comment: 'Đồng ý trình ký' }, { done: doc(id, 'approved') });
    step = 'sign';
    await sign(offices, id, doc(id, 'signed'));
    step = 'issue';
    await offices.portal(PROVINCE.clerk, 'intake').act('POST', `/v1/documents/${id}/issue`, {}, { done: doc(id, 'issued') });

    step = 'copies and tasks';
    const tasks: string[] = [];
    await Promise.all([
      ...RECIPIENTS.map((org) => handleCopy(offices, id, org).catch((error: Error) => Promise.reject(new Error(`copy at ${org}: ${error.message}`)))),
      ...RECIPIENTS.map((org) =>
        followTask(offices, id, org, runTag, index, tasks).catch((error: Error) => Promise.reject(new Error(`task of ${org}: ${error.message}`))),
      ),
    ]);
    outcome.taskIds = tasks;

    step = 'archive';
    await until('the archive', WAIT_ARCHIVE_MS, offices.signal, async () => ((await read(id))?.status === 'archived' ? true : undefined));
    outcome.outcome = 'archived';
  } catch (error) {
    outcome.failedAt = step;
    outcome.error = (error as Error).message;
  }
  outcome.ms = Date.now() - started;
  return outcome;
}

/** The signer confirms with the PIN (a single-use authorisation), then signs; a spent authorisation is asked for again. */
async function sign(offices: Offices, id: string, done: () => Promise<boolean>): Promise<void> {
  const signer = offices.portal(PROVINCE.signer, 'intake');
  const pin = offices.portal(PROVINCE.signer, 'signing');
  for (let round = 1; ; round++) {
    const { body } = await pin.act<{ authorisation: string }>('POST', '/v1/signing-authorisations', { pin: DEMO_SIGNING_PIN, documentId: id }, { keyed: false });
    if (!body) throw new Error('the signing service answered without an authorisation');
    try {
      await signer.act('POST', `/v1/documents/${id}/sign`, { signingAuthorisation: body.authorisation }, { done });
      return;
    } catch (error) {
      // Refused with this authorisation (spent by an attempt that failed after it): a new one, as the portal asks the PIN again.
      if (!(error instanceof RequestFailed) || error.problem === undefined || round >= 5) throw error;
    }
  }
}

const COPY_AT = ['accepted', 'assigned', 'processing', 'done'];

/** A commune's copy: arrives (verified, registered), is assigned, handled and reported. */
async function handleCopy(offices: Offices, id: string, org: Recipient): Promise<void> {
  const people = COMMUNE_PEOPLE[org];
  const clerk = offices.portal(people.clerk, 'intake');
  const handler = offices.portal(people.handler, 'intake');
  const copyId = `${id}@${org}`;
  const status = async () => (await clerk.find<IncomingView>(`/v1/incoming/${copyId}`))?.status;
  const reached = (...statuses: string[]) => async () => statuses.includes((await status()) ?? '');
  await until(`the copy to arrive at ${org}`, WAIT_ARRIVAL_MS, offices.signal, async () => (COPY_AT.includes((await status()) ?? '') ? true : undefined));
  await clerk.act('POST', `/v1/incoming/${copyId}/assign`, { handler: people.handler, deadline: VIETNAM_DAY(10) }, { done: reached('assigned', 'processing', 'done') });
  await handler.act('POST', `/v1/incoming/${copyId}/start`, {}, { done: reached('processing', 'done') });
  await handler.act('POST', `/v1/incoming/${copyId}/complete`, { report: 'Đã quán triệt và triển khai đến các chi bộ.' }, { done: reached('done') });
}

/** The province's task for a commune, from assignment to the accepted result. */
async function followTask(offices: Offices, documentId: string, org: Recipient, runTag: string, index: number, ids: string[]): Promise<void> {
  const province = offices.portal(PROVINCE.author, 'tracking');
  const lead = offices.portal(COMMUNE_PEOPLE[org].lead, 'tracking');
  const created = await province.act<TaskView>(
    'POST',
    '/v1/tasks',
    { sourceDocumentId: documentId, title: `Triển khai Nghị quyết ${runTag}-${index + 1} tại ${org}`, leadOrg: org, deadline: VIETNAM_DAY(30), priority: 'normal' },
    // Tracking learns of the issue from the document's events: until then the source is unknown.
    { notYet: (problem) => problem.reason === 'unknown-source' },
  );
  if (!created.body) throw new Error('the task was created but its answer was lost');
  const id = created.body.id;
  ids.push(id);
  const task = () => lead.get<TaskView>(`/v1/tasks/${id}`);
  const statusIn = (...statuses: string[]) => async () => statuses.includes((await task()).status);
  await lead.act('POST', `/v1/tasks/${id}/accept`, {}, { done: statusIn('accepted', 'in_progress', 'submitted', 'done') });
  await lead.act('POST', `/v1/tasks/${id}/reports`, { percent: 50, narrative: 'Đã tổ chức hội nghị quán triệt.' }, {
    done: async () => {
      const t = await task();
      return t.progress >= 50 || ['in_progress', 'submitted', 'done'].includes(t.status);
    },
  });
  await lead.act('POST', `/v1/tasks/${id}/submit`, { narrative: 'Đã hoàn thành kế hoạch triển khai.' }, { done: statusIn('submitted', 'done') });
  await province.act('POST', `/v1/tasks/${id}/accept-result`, { comment: 'Đạt yêu cầu.' }, { done: statusIn('done') });
}

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ApiClient, type ApiProblem } from './http-client';
import { demoToken } from './lifecycle-scenario';
import { serviceUrlBeside } from './service-urls';

/** A task as the tracking API returns it (the fields this scenario reads). */
export interface TaskView {
  id: string;
  title: string;
  status: string;
  progress: number;
  leadOrg: string;
  deadline?: string;
  completedAt?: string;
  subtasks: Array<{ taskId: string; leadOrg: string; status: string; progress: number; weight: number }>;
  history: Array<{ seq: number; at: string; action: string; status: string; actor?: string }>;
}

interface EvidenceRef {
  sha256: string;
  size: number;
  contentType: string;
  name: string;
}

export interface FigureCountsView {
  doneOnTime: number;
  doneLate: number;
  openWithinDeadline: number;
  overdue: number;
  total: number;
}
export interface FiguresView {
  org: string;
  asOf: string;
  totals: FigureCountsView;
  rows: Array<FigureCountsView & { key: string; label: string; drillDown?: string }>;
}

interface NotificationView {
  eventType: string;
  aggregateId: string;
}

export interface TrackingScenarioOptions {
  /** The intake API; tracking's and notify's are found beside it (service-urls.ts). */
  apiUrl: string;
  jwtSecret: string;
  /** The issued resolution the tasks implement (the lifecycle scenario's document). */
  documentId: string;
  notation: string;
  /** How long after assignment Hòa Bình's task falls due, left undone (default 20 s). */
  overdueAfterMs?: number;
  onStep?: (step: string, detail?: string) => void;
}

export interface TrackingScenarioResult {
  /** The province's tasks: Tân Lập's (done on time) and Hòa Bình's (overdue). */
  tanLap: TaskView;
  hoaBinh: TaskView;
  /** Tân Lập's two offices' sub-tasks. */
  offices: TaskView[];
  /** Who heard of Hòa Bình's task being overdue (notify inboxes). */
  escalatedTo: string[];
  /** The province's figures for this resolution, by lead organisation. */
  province: FiguresView;
  /** Each commune's own figures for this resolution (what it assigned to its offices). */
  communes: Record<string, FiguresView>;
}

const DAY_MS = 86_400_000;
/** Vietnam's calendar date `days` from now, as a deadline without a time (end of that day). */
const vietnamDateIn = (days: number) => new Date(Date.now() + 7 * 3_600_000 + days * DAY_MS).toISOString().slice(0, 10);

async function evidencePdf(title: string): Promise<Blob> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText(title, { x: 60, y: 760, size: 14, font });
  return new Blob([Buffer.from(await pdf.save())], { type: 'application/pdf' });
}

/** Polls as a portal would: soon, then less often, until `probe` finds it or time runs out. */
async function waitUntil<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 200; ; delay = Math.min(delay * 1.5, 2_000)) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(delay);
  }
}

const problemOf = (error: unknown): ApiProblem | undefined => (error as { problem?: ApiProblem }).problem;

/**
 * What follows an issued resolution (docs/tracking.md): the province assigns tasks to its two
 * communes; Tân Lập splits its task between two of its offices, which report and are accepted,
 * then reports and is accepted on time; Hòa Bình accepts its task, reports once and lets it go
 * overdue, and the escalation reaches its secretary and the specialist who assigned it. The
 * figures for the resolution then show one task done on time and one overdue. Used by
 * `npm run demo` after the archive, and by the end-to-end test of that story.
 */
export async function runTrackingScenario(options: TrackingScenarioOptions): Promise<TrackingScenarioResult> {
  const trackingUrl = serviceUrlBeside(options.apiUrl, 'tracking');
  const notifyUrl = serviceUrlBeside(options.apiUrl, 'notify');
  const as = (userId: string) => new ApiClient(trackingUrl, demoToken(options.jwtSecret, userId));
  const step = options.onStep ?? (() => undefined);
  const province = as('bs-specialist');
  const tanLap = as('tl-secretary');
  const hoaBinh = as('hb-secretary');
  const task = (client: ApiClient, id: string) => client.get<TaskView>(`/v1/tasks/${id}`);
  const act = <T = TaskView>(client: ApiClient, id: string, action: string, body: unknown = {}) => client.post<T>(`/v1/tasks/${id}/${action}`, body);

  // Tracking learns of the issue from the document's events: until then the source is unknown.
  const assign = (body: Record<string, unknown>) =>
    waitUntil('tracking to learn of the issued resolution', 60_000, () =>
      province.request<TaskView>('POST', '/v1/tasks', { sourceDocumentId: options.documentId, ...body }, { 'Idempotency-Key': randomUUID() }).catch((error: unknown) => {
        if (problemOf(error)?.reason === 'unknown-source') return undefined;
        throw error;
      }),
    );
  const tlTask = await assign({
    title: 'Xây dựng kế hoạch và tổ chức quán triệt Nghị quyết đến các chi bộ',
    clause: 'Mục III.1',
    leadOrg: 'BS-TL-DU',
    deadline: vietnamDateIn(30),
    priority: 'normal',
  });
  const hbTask = await assign({
    title: 'Báo cáo kết quả rà soát hạ tầng số của Đảng ủy phường',
    clause: 'Mục III.2',
    leadOrg: 'BS-HB-DU',
    deadline: new Date(Date.now() + (options.overdueAfterMs ?? 20_000)).toISOString(),
    priority: 'urgent',
  });
  step('tasks assigned by bs-specialist', `${options.notation}: ${tlTask.id} to BS-TL-DU (30 days), ${hbTask.id} to BS-HB-DU (due in ${Math.round((options.overdueAfterMs ?? 20_000) / 1000)} s)`);

  // Tân Lập takes its task on and splits it between its office and its Party-building board.
  await act(tanLap, tlTask.id, 'accept');
  const split = await act<{ subtasks: TaskView[] }>(tanLap, tlTask.id, 'subtasks', {
    subtasks: [
      { title: 'Xây dựng kế hoạch thực hiện của Đảng ủy xã', leadOrg: 'BS-TL-VP', deadline: vietnamDateIn(20), weight: 1 },
      { title: 'Tổ chức quán triệt đến 100% chi bộ trực thuộc', leadOrg: 'BS-TL-XDD', deadline: vietnamDateIn(25), weight: 2 },
    ],
  });
  const [planTask, briefingTask] = split.subtasks;
  if (!planTask || !briefingTask) throw new Error('the split answered without its two sub-tasks');
  step('accepted by tl-secretary and split', `${planTask.id} to BS-TL-VP (weight 1), ${briefingTask.id} to BS-TL-XDD (weight 2)`);

  const officeWork = async (userId: string, sub: TaskView, report: string, file: string) => {
    const office = as(userId);
    await act(office, sub.id, 'accept');
    const evidence = await office.request<EvidenceRef>('POST', `/v1/tasks/${sub.id}/evidence?name=${encodeURIComponent(file)}`, await evidencePdf(file));
    await act(office, sub.id, 'reports', { percent: 60, narrative: `${report}: đang triển khai.` });
    await act(office, sub.id, 'submit', { narrative: `${report}: đã hoàn thành.`, evidence: [evidence.sha256] });
    return act(tanLap, sub.id, 'accept-result', { comment: 'Đạt yêu cầu.' });
  };
  const offices = await Promise.all([
    officeWork('tl-vp-chief', planTask, 'Kế hoạch thực hiện Nghị quyết', 'ke-hoach.pdf'),
    officeWork('tl-xdd-head', briefingTask, 'Hội nghị quán triệt', 'bien-ban-quan-triet.pdf'),
  ]);
  step('offices reported and were accepted', 'tl-vp-chief and tl-xdd-head: accepted, reported with evidence, submitted; tl-secretary accepted both');

  const rolledUp = await waitUntil('the roll-up of the offices\' work', 30_000, async () => {
    const t = await task(tanLap, tlTask.id);
    return t.progress === 100 ? t : undefined;
  });
  step('progress rolled up to Tân Lập\'s task', `${rolledUp.progress}% from its sub-tasks`);
  await act(tanLap, tlTask.id, 'submit', { narrative: 'Đã ban hành kế hoạch và quán triệt đến toàn bộ chi bộ trực thuộc.' });
  const tlDone = await act(province, tlTask.id, 'accept-result', { comment: 'Hoàn thành đúng hạn.' });
  step('Tân Lập submitted, bs-specialist accepted', `${tlDone.id} is ${tlDone.status}, completed ${tlDone.completedAt}`);

  // Hòa Bình accepts, reports once, and lets the deadline pass.
  await act(hoaBinh, hbTask.id, 'accept');
  await act(hoaBinh, hbTask.id, 'reports', { percent: 30, narrative: 'Đã rà soát 3/10 chi bộ.' });
  const hbOverdue = await waitUntil('Hòa Bình\'s task to fall overdue', (options.overdueAfterMs ?? 20_000) + 60_000, async () => {
    const t = await task(hoaBinh, hbTask.id);
    return t.history.some((h) => h.action === 'overdue') ? t : undefined;
  });
  step('Hòa Bình\'s task is overdue', `escalated at ${hbOverdue.history.find((h) => h.action === 'overdue')?.at}`);

  const escalatedTo = await Promise.all(
    ['hb-secretary', 'bs-specialist'].map((userId) =>
      waitUntil(`the escalation to reach ${userId}`, 60_000, async () => {
        const inbox = await new ApiClient(notifyUrl, demoToken(options.jwtSecret, userId)).get<{ items: NotificationView[] }>('/v1/me/notifications');
        return inbox.items.some((n) => n.eventType === 'tracking.task-overdue' && n.aggregateId === hbTask.id) ? userId : undefined;
      }),
    ),
  );
  step('escalation delivered', `in the inboxes of ${escalatedTo.join(' and ')}`);

  // The projection follows the events: wait until it shows both outcomes.
  const figures = (client: ApiClient, org: string) => client.get<FiguresView>(`/v1/figures?org=${org}&sourceDocumentId=${encodeURIComponent(options.documentId)}&groupBy=leadOrg`);
  const provinceFigures = await waitUntil('the figures to show both tasks', 30_000, async () => {
    const f = await figures(province, 'BS-TU');
    return f.totals.doneOnTime === 1 && f.totals.overdue === 1 ? f : undefined;
  });
  const communes = {
    'BS-TL-DU': await waitUntil('Tân Lập\'s figures', 30_000, async () => {
      const f = await figures(tanLap, 'BS-TL-DU');
      return f.totals.doneOnTime === 2 ? f : undefined;
    }),
    'BS-HB-DU': await figures(hoaBinh, 'BS-HB-DU'),
  };
  step('figures', `province: ${provinceFigures.totals.doneOnTime} done on time, ${provinceFigures.totals.overdue} overdue`);
  return {
    tanLap: tlDone,
    hoaBinh: await task(hoaBinh, hbTask.id),
    offices,
    escalatedTo,
    province: provinceFigures,
    communes,
  };
}

/** The figures as a table: one row per lead organisation, then the total. */
export function figuresTable(figures: FiguresView): Array<Record<string, string | number>> {
  const row = (name: string, c: FigureCountsView) => ({
    'lead organisation': name,
    'done on time': c.doneOnTime,
    'done late': c.doneLate,
    'open, within deadline': c.openWithinDeadline,
    overdue: c.overdue,
    total: c.total,
  });
  return [...figures.rows.map((r) => row(r.label, r)), row(`Total (${figures.org})`, figures.totals)];
}

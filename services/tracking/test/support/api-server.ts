import { createHttpApp, createLogger, finishApp, issueToken, listen, loadEdgeSettings, mountSecure, type Problem, type EvidenceRef, type Principal } from '@vanthu/shared';
import { trackingApiRouter } from '../../src/api/api-router';
import type { EvidenceContent, EvidenceUpload, TaskView, TrackingApplication } from '../../src/app/ports';

export const TEST_SECRET = 'unit-test-secret-that-is-long-enough-for-hs256';
export const ASSIGNER: Principal = { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' };
export const LEAD: Principal = { userId: 'tl-specialist', orgCode: 'BS-TL-DU', role: 'specialist' };

export const sampleTask = (overrides: Partial<TaskView> = {}): TaskView => ({
  id: 'TABCDEFGHIJKLMNOPQRST',
  kind: 'task',
  title: 'Triển khai Nghị quyết 12-NQ/TU',
  source: { documentId: 'doc-1', notation: '12-NQ/TU', type: 'NQ' },
  assignerOrg: 'BS-TU',
  assignedBy: 'bs-specialist',
  leadOrg: 'BS-TL-DU',
  cooperating: [],
  deadline: '2030-01-31T16:59:59.000Z',
  originalDeadline: '2030-01-31T16:59:59.000Z',
  priority: 'normal',
  rootTaskId: 'TABCDEFGHIJKLMNOPQRST',
  depth: 0,
  weight: 1,
  assignedAt: '2029-12-01T02:00:00.000Z',
  status: 'assigned',
  progress: 0,
  seq: 1,
  updatedAt: '2029-12-01T02:00:00.000Z',
  pendingExtension: null,
  subtasks: [],
  reports: [],
  history: [{ seq: 1, at: '2029-12-01T02:00:00.000Z', action: 'assigned', status: 'assigned', actor: 'bs-specialist' }],
  ...overrides,
});

export interface Call {
  method: keyof TrackingApplication;
  args: unknown[];
}

/**
 * The application behind the routes, answering from a sample task, recording each call: what the
 * HTTP layer passes on, and what it makes of the answers and of the problems thrown.
 */
export class FakeTracking implements TrackingApplication {
  readonly calls: Call[] = [];
  /** Thrown by the next call instead of answering. */
  failNext?: Problem;
  /** Whether createTask answers as the first call (201) or as a retry (200). */
  created = true;
  uploaded?: Buffer;

  private answer<T>(method: keyof TrackingApplication, args: unknown[], value: T): Promise<T> {
    this.calls.push({ method, args });
    const failure = this.failNext;
    this.failNext = undefined;
    return failure ? Promise.reject(failure) : Promise.resolve(value);
  }

  createTask = (...args: unknown[]) => this.answer('createTask', args, { created: this.created, value: sampleTask() });
  listTasks = (...args: unknown[]) => this.answer('listTasks', args, { items: [sampleTask()], nextCursor: 'abc' });
  getTask = (...args: unknown[]) => this.answer('getTask', args, sampleTask());
  accept = (...args: unknown[]) => this.answer('accept', args, sampleTask({ status: 'accepted' }));
  refuse = (...args: unknown[]) => this.answer('refuse', args, sampleTask({ status: 'refused' }));
  reassign = (...args: unknown[]) => this.answer('reassign', args, sampleTask());
  report = (...args: unknown[]) => this.answer('report', args, sampleTask({ status: 'in_progress', progress: 40 }));
  submit = (...args: unknown[]) => this.answer('submit', args, sampleTask({ status: 'submitted' }));
  acceptResult = (...args: unknown[]) => this.answer('acceptResult', args, sampleTask({ status: 'done' }));
  returnTask = (...args: unknown[]) => this.answer('returnTask', args, sampleTask({ status: 'in_progress' }));
  requestExtension = (...args: unknown[]) => this.answer('requestExtension', args, sampleTask());
  decideExtension = (...args: unknown[]) => this.answer('decideExtension', args, sampleTask());
  addSubtasks = (...args: unknown[]) => this.answer('addSubtasks', args, [sampleTask({ id: 'TSUBTASK2345672345672', parentTaskId: 'TABCDEFGHIJKLMNOPQRST', depth: 1 })]);
  cancel = (...args: unknown[]) => this.answer('cancel', args, sampleTask({ status: 'cancelled' }));

  async uploadEvidence(p: Principal, id: string, file: EvidenceUpload): Promise<EvidenceRef> {
    this.calls.push({ method: 'uploadEvidence', args: [p, id, { name: file.name, contentType: file.contentType }] });
    this.uploaded = await file.read();
    return { sha256: 'a'.repeat(64), size: this.uploaded.length, contentType: file.contentType, name: file.name };
  }

  readEvidence = (...args: unknown[]) =>
    this.answer<EvidenceContent>('readEvidence', args, { sha256: 'b'.repeat(64), size: 5, contentType: 'application/pdf', name: 'Báo cáo quý.pdf', data: Buffer.from('%PDF-') });
}

export interface TestApi {
  url: string;
  /** fetch with a valid token for `as` (the assigner unless told). */
  call: (path: string, init?: RequestInit & { as?: Principal; json?: unknown }) => Promise<Response>;
  close: () => Promise<void>;
}

/** The real shared app (edge, problem handler) with the tracking API on it, every answer held to the document. */
export async function startApi(app: TrackingApplication, options: { maxEvidenceBytes?: number } = {}): Promise<TestApi> {
  const logger = createLogger({ test: 'tracking-api' }, 'silent');
  const edge = { ...loadEdgeSettings('tracking', { JWT_SECRET: TEST_SECRET }), maxInFlight: 64, ratePerSecond: 1000, rateBurst: 1000 };
  const http = createHttpApp({ service: 'tracking', logger, readiness: [], state: { draining: false }, edge });
  mountSecure(http, trackingApiRouter({ app, logger, maxEvidenceBytes: options.maxEvidenceBytes ?? 1024, validateResponses: true }));
  finishApp(http, logger);
  const server = await listen(http, '127.0.0.1', 0);
  return {
    url: server.url,
    call: (path, init = {}) => {
      const { as = ASSIGNER, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${issueToken(TEST_SECRET, as, 300)}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${server.url}${path}`, { ...rest, headers, ...(json !== undefined && { body: JSON.stringify(json) }) });
    },
    close: server.close,
  };
}

import { anyUser, principalOf, secureRouter, type Principal, type SecureRouter, type TaskStatus } from '@vanthu/shared';
import type { NewSubtask, NewTask, ReportInput, SubmissionInput, TaskFilter, TaskListRole, TrackingApplication } from '../app/ports';
import { bodyOf, idempotencyKeyOf, param, queryText, respond, type JsonReply } from './respond';

const DEFAULT_PAGE = 20;

const taskLocation = (id: string) => `/v1/tasks/${encodeURIComponent(id)}`;

/** Tasks: assign, list, read, and every step of a task's life (docs/tracking.md, "HTTP API"). */
export function taskRouter(app: TrackingApplication): SecureRouter {
  const router = secureRouter();
  // Who may act is decided by the application and the task's workflow on the task itself.
  const who = anyUser();

  router.post(
    '/v1/tasks',
    who,
    respond(async (req, res): Promise<JsonReply> => {
      const { created, value } = await app.createTask(principalOf(res), bodyOf<NewTask>(req), idempotencyKeyOf(req));
      return created
        ? { status: 201, body: value, headers: { Location: taskLocation(value.id) } }
        : { status: 200, body: value, headers: { 'Content-Location': taskLocation(value.id) } };
    }),
  );

  router.get(
    '/v1/tasks',
    who,
    respond(async (req, res) => {
      // The validator has made `limit` a number already.
      const limit = Number((req.query as Record<string, unknown>).limit ?? DEFAULT_PAGE);
      const filter: TaskFilter = {
        limit,
        ...(queryText(req, 'role') !== undefined && { role: queryText(req, 'role') as TaskListRole }),
        ...(queryText(req, 'status') !== undefined && { status: queryText(req, 'status') as TaskStatus }),
        ...(queryText(req, 'sourceDocumentId') !== undefined && { sourceDocumentId: queryText(req, 'sourceDocumentId')! }),
        ...(queryText(req, 'leadOrg') !== undefined && { leadOrg: queryText(req, 'leadOrg')! }),
        ...(queryText(req, 'cursor') !== undefined && { cursor: queryText(req, 'cursor')! }),
      };
      return { status: 200, body: await app.listTasks(principalOf(res), filter) };
    }),
  );

  router.get(
    '/v1/tasks/:id',
    who,
    respond(async (req, res) => ({ status: 200, body: await app.getTask(principalOf(res), param(req, 'id')) })),
  );

  /** A step of the task's life: the task as it is after the step. */
  const step = <B>(path: string, run: (p: Principal, id: string, body: B, idempotencyKey: string | undefined) => Promise<unknown>) =>
    router.post(
      `/v1/tasks/:id/${path}`,
      who,
      respond(async (req, res) => ({ status: 200, body: await run(principalOf(res), param(req, 'id'), bodyOf<B>(req), idempotencyKeyOf(req)) })),
    );

  step<Record<string, never>>('accept', (p, id, _, key) => app.accept(p, id, key));
  step<{ reason: string }>('refuse', (p, id, b, key) => app.refuse(p, id, b.reason, key));
  step<ReportInput>('reports', (p, id, b, key) => app.report(p, id, b, key));
  step<SubmissionInput>('submit', (p, id, b, key) => app.submit(p, id, b, key));
  step<{ until: string; reason: string }>('extension-requests', (p, id, b, key) => app.requestExtension(p, id, b.until, b.reason, key));
  step<{ grant: boolean; reason?: string }>('extension-decision', (p, id, b, key) => app.decideExtension(p, id, b.grant, b.reason, key));
  step<{ comment?: string }>('accept-result', (p, id, b, key) => app.acceptResult(p, id, b.comment, key));
  step<{ reason: string }>('return', (p, id, b, key) => app.returnTask(p, id, b.reason, key));
  step<{ leadOrg: string; cooperating?: string[] }>('reassign', (p, id, b, key) => app.reassign(p, id, b.leadOrg, b.cooperating, key));
  step<{ reason: string }>('cancel', (p, id, b, key) => app.cancel(p, id, b.reason, key));

  router.post(
    '/v1/tasks/:id/subtasks',
    who,
    respond(async (req, res) => {
      const { subtasks } = bodyOf<{ subtasks: NewSubtask[] }>(req);
      const views = await app.addSubtasks(principalOf(res), param(req, 'id'), subtasks, idempotencyKeyOf(req));
      // One Location for several: the first sub-task; each view names its own id.
      return { status: 201, body: { subtasks: views }, headers: { Location: taskLocation(views[0]!.id) } };
    }),
  );

  return router;
}

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dataOf, tracking } from '../../api/clients';
import type { components } from '../../api/generated/tracking';

export type Task = components['schemas']['TaskView'];
export type TaskStatus = components['schemas']['TaskStatus'];
export type EvidenceRef = components['schemas']['EvidenceRef'];
export type NewSubtask = components['schemas']['NewSubtask'];
export type NewTask = components['schemas']['NewTask'];
export type TaskListRole = 'lead' | 'cooperating' | 'assigned';

export const TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'accepted', 'refused', 'in_progress', 'submitted', 'done', 'cancelled'];
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = ['done', 'cancelled'];
/** A deadline is still to be met until the result is submitted (docs/tracking.md, "Figures"). */
export const awaitsResult = (status: TaskStatus) => !['submitted', 'done', 'cancelled'].includes(status);

/**
 * Evidence the tracking service stores (services/tracking/src/app/evidence.ts) and the largest file
 * it takes by default (TRACKING_MAX_EVIDENCE_BYTES); a smaller limit there is answered 413.
 */
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const TASKS_KEY = ['tracking', 'tasks'] as const;
const PAGE = 20;

/** The tasks the organisation leads, cooperates on or assigned, newest first, a page at a time (`nextCursor`). */
export function useTaskList(filter: { role?: TaskListRole; status?: TaskStatus }) {
  return useInfiniteQuery({
    queryKey: [...TASKS_KEY, 'list', filter],
    queryFn: ({ pageParam }) => dataOf(tracking.GET('/v1/tasks', { params: { query: { ...filter, limit: PAGE, ...(pageParam !== undefined && { cursor: pageParam }) } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/**
 * The tasks the organisation assigned from one document, newest first: on the document's own page
 * a resolution has a few (one per clause and organisation), so the first 100 are all of them.
 */
export function useTasksFrom(sourceDocumentId: string) {
  return useQuery({
    queryKey: [...TASKS_KEY, 'from', sourceDocumentId],
    queryFn: () => dataOf(tracking.GET('/v1/tasks', { params: { query: { role: 'assigned', sourceDocumentId, limit: 100 } } })),
  });
}

export function useTask(id: string) {
  return useQuery({ queryKey: [...TASKS_KEY, 'task', id], queryFn: () => dataOf(tracking.GET('/v1/tasks/{id}', { params: { path: { id } } })) });
}

/** A step of a task's life; the answer is the task as it now is (its parent's roll-up follows by itself). */
function useTaskStep<Input>(run: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSettled: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }) });
}

const path = (id: string) => ({ params: { path: { id } } });

export const useAcceptTask = () => useTaskStep((id: string) => dataOf(tracking.POST('/v1/tasks/{id}/accept', { ...path(id), body: {} })));
export const useRefuseTask = () => useTaskStep(({ id, reason }: { id: string; reason: string }) => dataOf(tracking.POST('/v1/tasks/{id}/refuse', { ...path(id), body: { reason } })));
/** The step under a key made once per dialog: sent again after a lost answer, a report is recorded once. */
const once = (id: string, key: string) => ({ params: { path: { id }, header: { 'Idempotency-Key': key } } });

export const useReportProgress = () =>
  useTaskStep(({ id, key, ...body }: { id: string; key: string; percent: number; narrative: string; evidence: string[]; documentRef?: string }) =>
    dataOf(tracking.POST('/v1/tasks/{id}/reports', { ...once(id, key), body })),
  );
export const useSubmitTask = () =>
  useTaskStep(({ id, key, ...body }: { id: string; key: string; narrative: string; evidence: string[]; documentRef?: string }) =>
    dataOf(tracking.POST('/v1/tasks/{id}/submit', { ...once(id, key), body })),
  );
export const useRequestExtension = () =>
  useTaskStep(({ id, until, reason }: { id: string; until: string; reason: string }) => dataOf(tracking.POST('/v1/tasks/{id}/extension-requests', { ...path(id), body: { until, reason } })));
export const useDecideExtension = () =>
  useTaskStep(({ id, grant, reason }: { id: string; grant: boolean; reason?: string }) =>
    dataOf(tracking.POST('/v1/tasks/{id}/extension-decision', { ...path(id), body: { grant, ...(reason && { reason }) } })),
  );
export const useAcceptResult = () =>
  useTaskStep(({ id, comment }: { id: string; comment?: string }) => dataOf(tracking.POST('/v1/tasks/{id}/accept-result', { ...path(id), body: comment ? { comment } : {} })));
export const useReturnTask = () => useTaskStep(({ id, reason }: { id: string; reason: string }) => dataOf(tracking.POST('/v1/tasks/{id}/return', { ...path(id), body: { reason } })));
export const useReassignTask = () =>
  useTaskStep(({ id, leadOrg }: { id: string; leadOrg: string }) => dataOf(tracking.POST('/v1/tasks/{id}/reassign', { ...path(id), body: { leadOrg } })));
export const useCancelTask = () => useTaskStep(({ id, reason }: { id: string; reason: string }) => dataOf(tracking.POST('/v1/tasks/{id}/cancel', { ...path(id), body: { reason } })));

/** A task from an issued document, with a key made once per dialog: sent again after a lost answer, it is assigned once. */
export const useCreateTask = () =>
  useTaskStep(({ task, key }: { task: NewTask; key: string }) => dataOf(tracking.POST('/v1/tasks', { params: { header: { 'Idempotency-Key': key } }, body: task })));

/** Sub-tasks, with a key made once per dialog: a retry after a lost answer finds the ones the first call made. */
export const useSplitTask = () =>
  useTaskStep(({ id, subtasks, key }: { id: string; subtasks: NewSubtask[]; key: string }) =>
    dataOf(tracking.POST('/v1/tasks/{id}/subtasks', { ...once(id, key), body: { subtasks } })),
  );

/** Uploads one file as evidence for the task: the raw bytes, with the file's type (not multipart). */
export function uploadEvidence(id: string, file: File): Promise<EvidenceRef> {
  return dataOf(
    tracking.POST('/v1/tasks/{id}/evidence', {
      params: { path: { id }, query: { name: file.name } },
      // The body is the file itself: sent as it is, under its own type.
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': file.type },
    }),
  );
}

/** An evidence file's bytes (the call carries the token, so no plain link will do). */
export async function fetchEvidence(id: string, sha256: string): Promise<Blob> {
  const { data } = await tracking.GET('/v1/tasks/{id}/evidence/{sha256}', { params: { path: { id, sha256 } }, parseAs: 'blob' });
  return data as Blob;
}

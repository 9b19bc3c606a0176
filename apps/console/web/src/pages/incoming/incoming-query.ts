import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dataOf, intake } from '../../api/clients';
import type { components } from '../../api/generated/intake';

export type IncomingCopy = components['schemas']['IncomingView'];
export type RecipientStatus = components['schemas']['RecipientStatus'];
export type BlobRef = components['schemas']['BlobRef'];

export const RECIPIENT_STATUSES: readonly RecipientStatus[] = ['arrived', 'accepted', 'assigned', 'processing', 'done', 'rejected', 'recalled'];
/** Still to be worked on: the statuses with a deadline to keep. */
export const OPEN_STATUSES: readonly RecipientStatus[] = ['arrived', 'accepted', 'assigned', 'processing'];
/** What a clerk (or a leader) of the recipient may still assign or refuse (workflows/src/incoming-document.ts). */
export const ASSIGNABLE: readonly RecipientStatus[] = ['accepted', 'assigned'];

/** A list of copies as the address bar holds it. */
export interface IncomingListView {
  status?: RecipientStatus;
  handler?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Everything intake answers about copies is under this key: an action refreshes lists and the copy alike. */
const INCOMING_KEY = ['intake', 'incoming'] as const;

/** Copies arrive and move on by others' hands while the list is open: it looks again this often. */
const LIST_REFRESH_MS = 30_000;

/** One page of the organisation's copies, newest arrival first; the previous page stays shown while the next loads. */
export function useIncomingList(view: IncomingListView, enabled = true) {
  return useQuery({
    queryKey: [...INCOMING_KEY, 'list', view],
    queryFn: () => dataOf(intake.GET('/v1/incoming', { params: { query: view } })),
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFRESH_MS,
    enabled,
  });
}

export function useIncomingCopy(id: string) {
  return useQuery({
    queryKey: [...INCOMING_KEY, 'copy', id],
    queryFn: () => dataOf(intake.GET('/v1/incoming/{id}', { params: { path: { id } } })),
  });
}

/** An action on a copy; its answer is the copy as it now is. */
function useCopyAction<Input>(run: (input: Input) => Promise<IncomingCopy>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (copy) => queryClient.setQueryData([...INCOMING_KEY, 'copy', copy.id], copy),
    onSettled: () => queryClient.invalidateQueries({ queryKey: INCOMING_KEY }),
  });
}

export const useAssign = () =>
  useCopyAction(({ id, handler, deadline }: { id: string; handler: string; deadline?: string }) =>
    dataOf(intake.POST('/v1/incoming/{id}/assign', { params: { path: { id } }, body: { handler, ...(deadline && { deadline }) } })),
  );

export const useRefuse = () =>
  useCopyAction(({ id, reason }: { id: string; reason: string }) => dataOf(intake.POST('/v1/incoming/{id}/refuse', { params: { path: { id } }, body: { reason } })));

export const useStart = () => useCopyAction(({ id }: { id: string }) => dataOf(intake.POST('/v1/incoming/{id}/start', { params: { path: { id } } })));

export const useComplete = () =>
  useCopyAction(({ id, report }: { id: string; report: string }) => dataOf(intake.POST('/v1/incoming/{id}/complete', { params: { path: { id } }, body: { report } })));

/** A file of the copy, in clear, saved under `name` (the request carries the token, so no plain link will do). */
export async function downloadCopyFile(id: string, blob: BlobRef, name: string): Promise<void> {
  const { data } = await intake.GET('/v1/incoming/{id}/blobs/{sha256}', { params: { path: { id, sha256: blob.sha256 } }, parseAs: 'blob' });
  if (data) saveBlob(data as Blob, name);
}

/** Hands bytes the page fetched to the browser as a download. */
export function saveBlob(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

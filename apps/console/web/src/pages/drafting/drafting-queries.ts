import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf, intake } from '../../api/clients';
import type { components } from '../../api/generated/intake';
import { ApiProblem } from '../../api/problem';
import { DOCUMENTS_KEY, multipart } from '../document/document-queries';
import type { DraftInput } from './draft-values';

type DraftPatch = components['schemas']['DraftPatch'];

/** Told to come back (rate limit, overload): the same request again, with the same Idempotency-Key. */
const retry = (failures: number, error: unknown) => failures < 3 && error instanceof ApiProblem && (error.status === 429 || error.status === 503);
const retryDelay = (_failures: number, error: unknown) => ((error instanceof ApiProblem && error.retryAfterSeconds) || 1) * 1000;

/** The form the scenario sends: the metadata as a JSON part, the content PDF, each attachment. */
function draftForm(metadata: DraftInput | DraftPatch | undefined, content: File | null, attachments: File[] | undefined): FormData {
  const form = new FormData();
  if (metadata) form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
  if (content) form.append('content', content, content.name);
  for (const file of attachments ?? []) form.append('attachments', file, file.name);
  return form;
}

export interface NewDraft {
  metadata: DraftInput;
  content: File;
  attachments: File[];
  idempotencyKey: string;
}

export function useCreateDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ metadata, content, attachments, idempotencyKey }: NewDraft) =>
      dataOf(
        intake.POST('/v1/documents', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          ...multipart(draftForm(metadata, content, attachments)),
        }),
      ),
    retry,
    retryDelay,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DOCUMENTS_KEY }),
  });
}

export interface Revision {
  id: string;
  metadata: DraftPatch;
  content: File | null;
  /** Replace the attachments with these; absent keeps them. */
  attachments?: File[];
  idempotencyKey: string;
}

/** Its author's revision: changed fields, a new PDF, new attachments. A returned document then goes back to review. */
export function useReviseDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, metadata, content, attachments, idempotencyKey }: Revision) =>
      dataOf(
        intake.PATCH('/v1/documents/{id}', {
          params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } },
          ...multipart(draftForm(metadata, content, attachments)),
        }),
      ),
    retry,
    retryDelay,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DOCUMENTS_KEY }),
  });
}

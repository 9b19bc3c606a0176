import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dataOf, intake, signing } from '../../api/clients';
import type { components, paths } from '../../api/generated/intake';
import type { components as SigningComponents } from '../../api/generated/signing';
import { ApiProblem } from '../../api/problem';
import { isPersonSigned } from './document-steps';

export type DocumentView = components['schemas']['DocumentView'];
export type DocumentStatus = components['schemas']['DocumentStatus'];
export type Transition = components['schemas']['TransitionView'];
export type VerificationReport = SigningComponents['schemas']['VerificationReport'];

/** Every outgoing document the console shows is under this key: an action refreshes them all (lists, pages). */
export const DOCUMENTS_KEY = ['intake', 'documents'] as const;

/** How often to look again while others may be moving the document on; its end needs no looking. */
function refreshEvery(doc: DocumentView | undefined): number | false {
  if (!doc || doc.status === 'archived' || doc.status === 'rejected') return false;
  // Just issued: distribution and the recipients' registration follow within seconds; their handling, over days.
  if (doc.status === 'issued') return 5_000;
  return doc.status === 'distributed' || doc.status === 'recalled' ? 15_000 : 30_000;
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'one', id],
    queryFn: () => dataOf(intake.GET('/v1/documents/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => refreshEvery(query.state.data),
  });
}

export type DocumentQuery = NonNullable<paths['/v1/documents']['get']['parameters']['query']>;

/** One page of the organisation's documents as the service filters them; the previous page stays shown while the next loads. */
export function useDocumentList(query: DocumentQuery, enabled = true) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'list', query],
    queryFn: () => dataOf(intake.GET('/v1/documents', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A file of the document, in clear, as its readers may have it; content-addressed, so never stale. */
export function useDocumentFile(id: string, sha256: string | undefined) {
  return useQuery({
    // Outside DOCUMENTS_KEY: an action on the document does not fetch its files again.
    queryKey: ['intake', 'document-files', id, sha256],
    queryFn: () => dataOf(intake.GET('/v1/documents/{id}/blobs/{sha256}', { params: { path: { id, sha256: sha256! } }, parseAs: 'arrayBuffer' })),
    enabled: sha256 !== undefined,
    staleTime: Infinity,
  });
}

/** Saves a file of the document under `filename`, fetched with the person's token (a plain link could not carry it). */
export async function downloadDocumentFile(id: string, sha256: string, filename: string): Promise<void> {
  const { data, response } = await intake.GET('/v1/documents/{id}/blobs/{sha256}', { params: { path: { id, sha256 } }, parseAs: 'blob' });
  if (!data) throw await ApiProblem.from(response);
  saveBlob(data as Blob, filename);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The signatures in the document's PDF, checked by the signing service (chain, validity at the
 * signing time, revocation, timestamp, integrity). Only for documents that are not secret: the
 * signing service takes no secret content, and a secret document's signatures are checked by
 * each recipient's system on arrival.
 */
export function useVerification(doc: DocumentView | undefined, content: ArrayBuffer | undefined) {
  const enabled = !!doc && !!content && doc.secrecy === 'none' && isPersonSigned(doc);
  return useQuery({
    queryKey: ['signing', 'verification', doc?.id, doc?.content.sha256],
    queryFn: () => {
      const form = new FormData();
      form.append('file', new Blob([content!], { type: 'application/pdf' }), 'van-ban.pdf');
      return dataOf(signing.POST('/v1/verify', multipart(form)));
    },
    enabled,
    staleTime: Infinity,
  });
}

/**
 * A multipart body for a typed client call. openapi-typescript types a file part as a string; the
 * browser sends the form itself (fetch writes its boundary), so the form stands in for the typed
 * body it carries.
 */
export function multipart(form: FormData): { body: never; bodySerializer: () => FormData } {
  return { body: form as never, bodySerializer: () => form };
}

/** What a person may do to a document; the workflow decides again (whose turn, which state). */
export type DocumentAction =
  | { action: 'submit' | 'issue' }
  | { action: 'approve'; comment?: string }
  | { action: 'return' | 'reject' | 'recall'; reason: string }
  | { action: 'sign'; pin: string; sha256: string };

/** Told to come back (rate limit, overload): the same request again, with the same Idempotency-Key. */
const retryBusy = (failures: number, error: unknown) => failures < 3 && error instanceof ApiProblem && (error.status === 429 || error.status === 503);
const busyDelay = (_failures: number, error: unknown) => ((error instanceof ApiProblem && error.retryAfterSeconds) || 1) * 1000;

/**
 * The signer's confirmation, as the scenario's signerClient does it: the PIN goes to the signing
 * service only, which answers a single-use authorisation for this document and this content; the
 * sign request carries that, never the PIN.
 */
async function authorise(documentId: string, pin: string, sha256: string): Promise<string> {
  const issued = await dataOf(signing.POST('/v1/signing-authorisations', { body: { pin, documentId, sha256 } }));
  return issued.authorisation;
}

async function act(id: string, step: DocumentAction, idempotencyKey: string): Promise<DocumentView> {
  const params = { path: { id }, header: { 'Idempotency-Key': idempotencyKey } };
  switch (step.action) {
    case 'submit':
      return dataOf(intake.POST('/v1/documents/{id}/submit', { params }));
    case 'issue':
      return dataOf(intake.POST('/v1/documents/{id}/issue', { params }));
    case 'approve':
      return dataOf(intake.POST('/v1/documents/{id}/approve', { params, body: step.comment ? { comment: step.comment } : {} }));
    case 'return':
      return dataOf(intake.POST('/v1/documents/{id}/return', { params, body: { reason: step.reason } }));
    case 'reject':
      return dataOf(intake.POST('/v1/documents/{id}/reject', { params, body: { reason: step.reason } }));
    case 'recall':
      return dataOf(intake.POST('/v1/documents/{id}/recall', { params, body: { reason: step.reason } }));
    case 'sign':
      return dataOf(intake.POST('/v1/documents/{id}/sign', { params, body: { signingAuthorisation: await authorise(id, step.pin, step.sha256) } }));
  }
}

/**
 * One step on a document. The caller gives each intended step its Idempotency-Key (a dialog
 * keeps one while it is open), so a retried request cannot act twice.
 */
export function useDocumentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ step, idempotencyKey }: { step: DocumentAction; idempotencyKey: string }) => act(id, step, idempotencyKey),
    retry: retryBusy,
    retryDelay: busyDelay,
    onSuccess: (view) => queryClient.setQueryData([...DOCUMENTS_KEY, 'one', id], view),
    onSettled: () => queryClient.invalidateQueries({ queryKey: DOCUMENTS_KEY }),
  });
}

import type { Request, Response } from 'express';
import { anyUser, Problem, roles, secureRouter, type BlobRef, type SecureRouter } from '@vanthu/shared';
import type { DocumentView, DraftInput, IntakeApplication, Principal } from '../app/ports';
import { principalOf } from '@vanthu/shared';
import { respond, type Action } from '../http/reply';
import { uploadsOf } from '../http/uploads';
import type { ApiDependencies } from './dependencies';
import { defined, flag, integer, paging, param, text } from './query';

type DraftBody = Omit<DraftInput, 'issuer' | 'approvers' | 'urgency' | 'secrecy'> &
  Partial<Pick<DraftInput, 'issuer' | 'approvers' | 'urgency' | 'secrecy'>>;

/** What a portal may leave out of a new draft; the app still decides whether the result is allowed. */
function withDefaults(body: DraftBody, principal: Principal): DraftInput {
  return {
    ...body,
    issuer: body.issuer ?? principal.orgCode,
    approvers: body.approvers ?? [],
    urgency: body.urgency ?? 'normal',
    secrecy: body.secrecy ?? 'none',
  };
}

/** A multipart body carries the fields in its metadata part; a JSON one is the fields. */
function draftFields<T>(req: Request): T | undefined {
  const body = (req.body ?? {}) as { metadata?: T };
  return req.is('multipart/form-data') ? body.metadata : (req.body as T | undefined);
}

/** Who drafts: the same roles the application lets author (drafts.ts). */
const AUTHORS = roles('specialist', 'clerk', 'leader');

const location = (view: DocumentView) => `/v1/documents/${encodeURIComponent(view.id)}`;

type Transition = (intake: IntakeApplication, principal: Principal, id: string, body: Record<string, string>) => Promise<DocumentView>;

const TRANSITIONS: Record<string, Transition> = {
  submit: (intake, p, id) => intake.submit(p, id),
  approve: (intake, p, id, body) => intake.approve(p, id, body.comment),
  return: (intake, p, id, body) => intake.returnForRevision(p, id, String(body.reason)),
  reject: (intake, p, id, body) => intake.reject(p, id, String(body.reason)),
  // The signer's confirmation from the signing service, passed through to its activity untouched.
  sign: (intake, p, id, body) => intake.sign(p, id, body.signingAuthorisation),
  issue: (intake, p, id) => intake.issue(p, id),
  recall: (intake, p, id, body) => intake.recall(p, id, String(body.reason)),
};

/** Outgoing documents: drafts with their files, the review and signing steps, issue and recall. */
export function documentsRouter({ intake, idempotent }: ApiDependencies): SecureRouter {
  const router = secureRouter();

  router.get(
    '/v1/documents',
    anyUser(),
    respond(async (req, res) => {
      const filter = {
        ...defined({
          issuer: text(req, 'issuer'),
          type: text(req, 'type') as DraftInput['type'] | undefined,
          status: text(req, 'status') as DocumentView['status'] | undefined,
          from: text(req, 'from'),
          to: text(req, 'to'),
          number: integer(req, 'number'),
          createdBy: text(req, 'createdBy'),
          awaiting: text(req, 'awaiting'),
          signed: flag(req, 'signed'),
        }),
        ...paging(req),
      };
      return { status: 200, body: await intake.listDocuments(principalOf(res), filter, { from: req.ip }) };
    }),
  );

  router.post(
    '/v1/documents',
    AUTHORS,
    idempotent(true, async (req, res) => {
      const principal = principalOf(res);
      const files = uploadsOf(res);
      // The validator requires the part too; this guards the app should the contract ever loosen.
      if (!files.some((f) => f.field === 'content')) {
        throw new Problem(400, 'validation-failed', 'The content part (the PDF) is required.', { field: 'content' });
      }
      const fields = draftFields<DraftBody>(req);
      if (!fields) throw new Problem(400, 'validation-failed', 'The metadata part is required.', { field: 'metadata' });
      // The key also names the document, so even a retry the store could not replay creates no second one.
      const idempotencyKey = req.get('Idempotency-Key');
      const view = await intake.createDraft(principal, withDefaults(fields, principal), files, idempotencyKey ? { idempotencyKey } : {});
      return { status: 201, body: view, headers: { Location: location(view) } };
    }),
  );

  router.get(
    '/v1/documents/:id',
    anyUser(),
    respond(async (req, res) => ({ status: 200, body: await intake.getDocument(principalOf(res), param(req, 'id'), { from: req.ip }) })),
  );

  router.patch(
    '/v1/documents/:id',
    AUTHORS,
    idempotent(false, async (req, res) => {
      const fields = draftFields<Partial<DraftInput>>(req) ?? {};
      const view = await intake.reviseDraft(principalOf(res), param(req, 'id'), fields, uploadsOf(res));
      return { status: 200, body: view };
    }),
  );

  for (const [name, transition] of Object.entries(TRANSITIONS)) {
    const action: Action = async (req: Request, res: Response) => {
      const body = (req.body ?? {}) as Record<string, string>;
      return { status: 200, body: await transition(intake, principalOf(res), param(req, 'id'), body) };
    };
    // Whose turn it is (the approver, the signer, the issuing clerk) is the workflow's to decide.
    router.post(`/v1/documents/:id/${name}`, anyUser(), idempotent(false, action));
  }

  router.get('/v1/documents/:id/blobs/:sha256', anyUser(), async (req, res) => {
    sendBlob(res, await intake.getDocumentBlob(principalOf(res), param(req, 'id'), param(req, 'sha256'), { from: req.ip }));
  });

  return router;
}

/** A file as downloaded, from a document or a recipient's copy. */
export function sendBlob(res: Response, { ref, data }: { ref: BlobRef; data: Buffer }): void {
  // Content-addressed, so the hash is the perfect validator; express answers 304 on a match.
  // Revalidated on every use because the caller's right to it can end (a recall).
  res.set({ ETag: `"${ref.sha256}"`, 'Cache-Control': 'private, no-cache', 'X-Content-Type-Options': 'nosniff' });
  res.type(ref.contentType).send(data);
}

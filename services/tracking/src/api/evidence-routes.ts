import { anyUser, principalOf, Problem, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { TrackingApplication } from '../app/ports';
import { param, queryText } from './respond';
import { readBoundedBody } from './raw-body';

// Path separators and control characters have no place in a file's name, whatever the client sends.
const isUnsafeName = (name: string) => [...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** `filename*` (RFC 6266, RFC 8187) keeps a Vietnamese name whole; `filename` is its ASCII fallback. */
function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'evidence';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Evidence files: the raw file as the body (not multipart), bounded; read back by whoever sees the task. */
export function evidenceRouter(app: TrackingApplication, maxEvidenceBytes: number): SecureRouter {
  const router = secureRouter();

  router.post('/v1/tasks/:id/evidence', anyUser(), async (req, res) => {
    const principal = principalOf(res);
    const name = queryText(req, 'name') ?? '';
    if (isUnsafeName(name)) {
      throw new Problem(422, 'invalid-name', 'A file name has no path separators or control characters.', { field: 'name' });
    }
    const contentType = (req.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase();
    const ref = await app.uploadEvidence(principal, param(req, 'id'), { name, contentType, read: () => readBoundedBody(req, maxEvidenceBytes) });
    res
      .status(201)
      .location(`/v1/tasks/${encodeURIComponent(param(req, 'id'))}/evidence/${ref.sha256}`)
      .json(ref);
  });

  router.get('/v1/tasks/:id/evidence/:sha256', anyUser(), async (req, res) => {
    const file = await app.readEvidence(principalOf(res), param(req, 'id'), param(req, 'sha256'));
    // Content-addressed, so the hash is the validator; revalidated on each use, as the right to see can end.
    res.set({
      ETag: `"${file.sha256}"`,
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Disposition': contentDisposition(file.name),
    });
    res.type(file.contentType).send(file.data);
  });

  return router;
}

import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import {
  anyUser,
  isEncryptedPayload,
  PayloadCodecError,
  principalOf,
  Problem,
  roles,
  secureRouter,
  withQueryToken,
  workflowIdOfPayload,
  type SecureRouter,
} from '@vanthu/shared';
import type { CodecAuthoriser } from '../app/codec-rights';
import type { Principal } from '../app/ports';
import { CODEC_COOKIE, CODEC_PATH_PREFIX } from './codec-settings';

/** Every read through the endpoint, for the access log of secret documents. */
export type CodecAudit = (principal: Principal, workflowIds: string[], outcome: 'allowed' | 'refused') => Promise<void>;

export interface CodecRouteOptions {
  codec: PayloadCodec;
  /** The only namespace whose payloads this codec knows (TEMPORAL_NAMESPACE). */
  namespace: string;
  authorise: CodecAuthoriser;
  audit?: CodecAudit;
}

/** A JWT's `exp`, already verified by the edge; undefined for anything else. */
function expiryOf(token: string): Date | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

/** How an encrypted payload that names no workflow is presented to the authoriser. */
export const NO_WORKFLOW = '';

/** Each distinct workflow is a read of the application; the UI asks about one at a time. */
const MAX_WORKFLOWS_PER_BATCH = 100;

// Proto3 JSON writes bytes in base64 and accepts the URL-safe alphabet too.
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const payloadsBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).optional(),
});

function payloadsOf(req: Request): Payload[] {
  if (!req.is('application/json')) throw new Problem(415, 'unsupported-media-type', 'The codec takes Payloads as JSON (Content-Type: application/json).', { field: 'Content-Type' });
  const body = payloadsBody.parse(req.body);
  return (body.payloads ?? []).map((p) => ({
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(p.data ?? '', 'base64'),
  }));
}

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')])),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

/**
 * Temporal's codec-server protocol (temporalio/samples-go, codec-server/protocol.md): POST
 * `…/decode` and `…/encode` with `{ payloads: [...] }` in protobuf JSON, the namespace in the path
 * or in `X-Namespace`. It is Temporal's contract, not ours, so it sits before the OpenAPI
 * validator. Whoever may read a document may read its workflow's payloads, nobody else (the
 * authoriser decides from the workflow ids the payloads name, before anything is decrypted);
 * encoding — the UI's way to start or signal a workflow by hand — is for admins.
 */
export function codecRouter(options: CodecRouteOptions): SecureRouter {
  const namespaceOf = (req: Request): void => {
    const asked = req.params.namespace ?? req.get('X-Namespace') ?? options.namespace;
    if (asked !== options.namespace) throw new Problem(404, 'namespace-not-found', `This codec endpoint serves no namespace ${asked}.`, { field: 'namespace' });
  };

  const decode = async (req: Request, res: Response) => {
    namespaceOf(req);
    const principal = principalOf(res);
    const payloads = payloadsOf(req);
    // Payloads in the clear reveal nothing by passing through; only encrypted ones are reads.
    const workflowIds = [...new Set(payloads.filter(isEncryptedPayload).map((p) => workflowIdOfPayload(p) ?? NO_WORKFLOW))];
    if (workflowIds.length > MAX_WORKFLOWS_PER_BATCH) {
      throw new Problem(400, 'too-many-workflows', `A batch may hold the payloads of at most ${MAX_WORKFLOWS_PER_BATCH} workflows (it names ${workflowIds.length}).`, { field: 'payloads' });
    }
    if (workflowIds.length > 0) {
      const decision = await options.authorise(principal, workflowIds, { from: req.ip });
      await options.audit?.(principal, workflowIds, decision.allowed ? 'allowed' : 'refused');
      if (!decision.allowed) {
        const named = decision.refused.map((id) => (id === NO_WORKFLOW ? '(payloads of no workflow)' : id));
        throw new Problem(403, 'payloads-forbidden', `You may not read the payloads of ${named.join(', ')}; nothing was decoded.`, {
          field: 'payloads',
          errors: named.map((id) => ({ field: 'payloads', reason: 'workflow-forbidden', detail: id })),
        });
      }
    }
    const decoded: Payload[] = [];
    for (const [index, payload] of payloads.entries()) {
      try {
        decoded.push(...(await options.codec.decode([payload])));
      } catch (error) {
        if (error instanceof PayloadCodecError) throw new Problem(400, error.reason, error.message, { field: `payloads.${index}` });
        throw error;
      }
    }
    res.json({ payloads: decoded.map(toJson) });
  };

  const encode = async (req: Request, res: Response) => {
    namespaceOf(req);
    const encoded = await options.codec.encode(payloadsOf(req));
    res.json({ payloads: encoded.map(toJson) });
  };

  // A browser without a sign-on of its own (the local Temporal UI) is signed in to the endpoint
  // by opening this once with a token; it then sends the cookie with "include cross-origin
  // credentials" (docs/secret-documents.md). The token is the user's own, for its remaining life.
  const signIn = (req: Request, res: Response) => {
    const principal = principalOf(res);
    const token = String(req.query.access_token ?? req.get('Authorization')?.replace(/^Bearer /i, '') ?? '');
    const expires = expiryOf(token);
    res.cookie(CODEC_COOKIE, token, {
      httpOnly: true,
      path: CODEC_PATH_PREFIX,
      // Over TLS the UI may be another site; on a plain-HTTP developer machine only the same site (localhost).
      ...(req.secure ? { sameSite: 'none' as const, secure: true } : { sameSite: 'lax' as const }),
      ...(expires && { expires }),
    });
    res.set('Cache-Control', 'no-store').type('text/plain; charset=utf-8');
    res.send(
      `Signed in to the codec endpoint as ${principal.userId}${expires ? ` until ${expires.toISOString()}` : ''}.\n` +
        `In the Temporal UI (Data Encoder): endpoint ${req.protocol}://${req.get('host')}${CODEC_PATH_PREFIX}, "Include cross-origin credentials" on.\n`,
    );
  };
  const signOut = (_req: Request, res: Response) => {
    res.clearCookie(CODEC_COOKIE, { path: CODEC_PATH_PREFIX });
    res.status(204).end();
  };

  return secureRouter()
    .get(`${CODEC_PATH_PREFIX}/session`, withQueryToken(anyUser()), signIn)
    .delete(`${CODEC_PATH_PREFIX}/session`, anyUser(), signOut)
    .post(`${CODEC_PATH_PREFIX}/decode`, anyUser(), decode)
    .post(`${CODEC_PATH_PREFIX}/:namespace/decode`, anyUser(), decode)
    .post(`${CODEC_PATH_PREFIX}/encode`, roles('admin'), encode)
    .post(`${CODEC_PATH_PREFIX}/:namespace/encode`, roles('admin'), encode);
}

import { Router } from 'express';
import { z } from 'zod';
import { badRequest, notFound, Problem } from '@vanthu/shared';
import type { Archive } from '../archive';
import { LogRangeError } from '../log/merkle-log';

const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const inclusionQuery = z.object({ packageId: z.string().min(1).max(64), treeSize: size.optional() });
const consistencyQuery = z.object({ first: size, second: size });

const rangeProblem = (error: unknown) => {
  if (error instanceof LogRangeError) return new Problem(422, 'log-range', error.message);
  return error;
};

/** The log's public face: tree heads, proofs and the key that verifies them. */
export function logRoutes(archive: Archive): Router {
  const router = Router();
  router.get('/v1/log/public-key', (_req, res) => {
    res.type('application/x-pem-file').send(archive.config.logPublicKey.export({ type: 'spki', format: 'pem' }));
  });
  router.get('/v1/log/tree-head', async (_req, res) => {
    res.json(await archive.log.currentTreeHead());
  });
  router.get('/v1/log/tree-heads/:treeSize', async (req, res) => {
    const parsed = size.safeParse(req.params.treeSize);
    if (!parsed.success) throw badRequest('invalid-tree-size', 'The tree size must be a non-negative integer.', 'treeSize');
    const head = await archive.log.treeHeadAt(parsed.data);
    if (!head) throw notFound('tree-head-not-found', `No signed tree head of size ${parsed.data}.`);
    res.json(head);
  });
  router.get('/v1/log/proofs/inclusion', async (req, res) => {
    const query = inclusionQuery.parse(req.query);
    const head = query.treeSize === undefined ? await archive.log.currentTreeHead() : await archive.log.treeHeadAt(query.treeSize);
    const treeSize = query.treeSize ?? head!.treeSize;
    const proof = await archive.log.inclusionProof(query.packageId, treeSize).catch((e: unknown) => {
      throw rangeProblem(e);
    });
    res.json({ ...proof, ...(head && { treeHead: head }) });
  });
  router.get('/v1/log/proofs/consistency', async (req, res) => {
    const query = consistencyQuery.parse(req.query);
    const proof = await archive.log.consistencyProof(query.first, query.second).catch((e: unknown) => {
      throw rangeProblem(e);
    });
    const [firstHead, secondHead] = await Promise.all([archive.log.treeHeadAt(query.first), archive.log.treeHeadAt(query.second)]);
    res.json({ ...proof, ...(firstHead && { firstTreeHead: firstHead }), ...(secondHead && { secondTreeHead: secondHead }) });
  });
  return router;
}

import { z } from 'zod';
import { badRequest, notFound, Problem, PUBLIC, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import { LogRangeError } from '../log/merkle-log';
import { ACCESS_PROJECTION } from '../secrecy/package-access';
import { PACKAGE_READERS } from './rights';

const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const inclusionQuery = z.object({ packageId: z.string().min(1).max(64), treeSize: size.optional() });
const consistencyQuery = z.object({ first: size, second: size });

const rangeProblem = (error: unknown) => {
  if (error instanceof LogRangeError) return new Problem(422, 'log-range', error.message);
  return error;
};

/**
 * The log's public face. Tree heads, the key and consistency proofs are PUBLIC: they hold only
 * hashes and sizes, and a relying party checking a bag it was given (which carries its own
 * inclusion proofs) needs them without an account here. An inclusion proof is asked for by
 * package id, and answering it would confirm that a package exists, so it is for those who may
 * read that package (docs/archive.md).
 */
export function logRoutes(archive: Archive): SecureRouter {
  const r = secureRouter();
  r.get('/v1/log/public-key', PUBLIC, (_req, res) => {
    res.type('application/x-pem-file').send(archive.config.logPublicKey.export({ type: 'spki', format: 'pem' }));
  });
  r.get('/v1/log/tree-head', PUBLIC, async (_req, res) => {
    res.json(await archive.log.currentTreeHead());
  });
  r.get('/v1/log/tree-heads/:treeSize', PUBLIC, async (req, res) => {
    const parsed = size.safeParse(req.params.treeSize);
    if (!parsed.success) throw badRequest('invalid-tree-size', 'The tree size must be a non-negative integer.', 'treeSize');
    const head = await archive.log.treeHeadAt(parsed.data);
    if (!head) throw notFound('tree-head-not-found', `No signed tree head of size ${parsed.data}.`);
    res.json(head);
  });
  r.get('/v1/log/proofs/inclusion', PACKAGE_READERS, async (req, res) => {
    const query = inclusionQuery.parse(req.query);
    const pkg = await archive.c.packages.findOne({ _id: query.packageId }, { projection: ACCESS_PROJECTION });
    // Confirming where a package sits in the log confirms that it exists: the same need-to-know as reading it.
    if (!pkg || !(await archive.access.allows(await archive.access.viewer(req, res), pkg, 'read', `package:${pkg._id}/log-inclusion`))) {
      throw notFound('package-not-found', `No archival package ${query.packageId}.`);
    }
    const head = query.treeSize === undefined ? await archive.log.currentTreeHead() : await archive.log.treeHeadAt(query.treeSize);
    const treeSize = query.treeSize ?? head!.treeSize;
    const proof = await archive.log.inclusionProof(query.packageId, treeSize).catch((e: unknown) => {
      throw rangeProblem(e);
    });
    res.json({ ...proof, ...(head && { treeHead: head }) });
  });
  r.get('/v1/log/proofs/consistency', PUBLIC, async (req, res) => {
    const query = consistencyQuery.parse(req.query);
    const proof = await archive.log.consistencyProof(query.first, query.second).catch((e: unknown) => {
      throw rangeProblem(e);
    });
    const [firstHead, secondHead] = await Promise.all([archive.log.treeHeadAt(query.first), archive.log.treeHeadAt(query.second)]);
    res.json({ ...proof, ...(firstHead && { firstTreeHead: firstHead }), ...(secondHead && { secondTreeHead: secondHead }) });
  });
  return r;
}

import { Router } from 'express';
import { notFound } from '@vanthu/shared';
import type { Archive } from '../archive';
import { searchPackages, searchQuery } from '../packages/search';

export function packageRoutes(archive: Archive): Router {
  const router = Router();
  router.get('/v1/packages', async (req, res) => {
    res.json(await searchPackages(archive.c, searchQuery.parse(req.query)));
  });
  router.get('/v1/packages/:id', async (req, res) => {
    const pkg = await archive.c.packages.findOne({ _id: req.params.id });
    if (!pkg) throw notFound('package-not-found', `No archival package ${req.params.id}.`);
    res.json({
      packageId: pkg._id,
      workflowId: pkg.workflowId,
      documentId: pkg.documentId,
      archivedAt: pkg.archivedAt,
      metadata: pkg.metadata,
      parts: pkg.parts,
      manifest: pkg.manifest,
      manifestSha256: pkg.manifestSha256,
      logIndex: (await archive.log.recordedLeafOf(pkg._id))?.index,
    });
  });
  router.get('/v1/retention-policy', (_req, res) => {
    res.json(archive.policy);
  });
  return router;
}

import { anyUser, notFound, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import { searchQuery } from '../packages/search';
import { PACKAGE_READERS } from './rights';

export function packageRoutes(archive: Archive): SecureRouter {
  const r = secureRouter();
  r.get('/v1/packages', PACKAGE_READERS, async (req, res) => {
    const viewer = await archive.access.viewer(req, res);
    const page = await archive.search.search(searchQuery.parse(req.query), viewer);
    await archive.access.listed(viewer, page.items.map((item) => ({ _id: item.packageId, documentId: item.documentId, metadata: item.metadata })));
    res.json(page);
  });
  r.get('/v1/packages/:id', PACKAGE_READERS, async (req, res) => {
    const pkg = await archive.c.packages.findOne({ _id: req.params.id });
    // Another organisation's package, or one above the reader's clearance, answers as an unknown one does.
    if (!pkg || !(await archive.access.allows(await archive.access.viewer(req, res), pkg, 'read'))) {
      throw notFound('package-not-found', `No archival package ${req.params.id}.`);
    }
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
      // The subject, notes and sealed parts are JWEs; the wrapped key itself stays in the archive.
      ...(pkg.sealing && { sealed: true, keyId: pkg.sealing.kid }),
    });
  });
  // The rules, not records: anyone signed in may read how long what is kept.
  r.get('/v1/retention-policy', anyUser(), (_req, res) => {
    res.json(archive.policy);
  });
  return r;
}

import { anyUser, notFound, principalOf, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import { searchPackages, searchQuery } from '../packages/search';
import { PACKAGE_READERS } from './rights';

export function packageRoutes(archive: Archive): SecureRouter {
  const r = secureRouter();
  r.get('/v1/packages', PACKAGE_READERS, async (req, res) => {
    res.json(await searchPackages(archive.c, searchQuery.parse(req.query), principalOf(res).orgCode));
  });
  r.get('/v1/packages/:id', PACKAGE_READERS, async (req, res) => {
    const pkg = await archive.c.packages.findOne({ _id: req.params.id });
    // Another organisation's package answers as an unknown one does.
    if (!pkg || pkg.metadata.issuerCode !== principalOf(res).orgCode) throw notFound('package-not-found', `No archival package ${req.params.id}.`);
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
  // The rules, not records: anyone signed in may read how long what is kept.
  r.get('/v1/retention-policy', anyUser(), (_req, res) => {
    res.json(archive.policy);
  });
  return r;
}

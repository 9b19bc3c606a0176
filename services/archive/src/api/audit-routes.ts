import { randomUUID } from 'node:crypto';
import { notFound, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import type { TemporalAccess } from './temporal-access';
import { AUDITORS } from './rights';

/** Fixity audits: reports name package ids and hashes across the archive, never content. */
export function auditRoutes(archive: Archive, temporal: TemporalAccess): SecureRouter {
  const r = secureRouter();
  r.post('/v1/fixity-audits', AUDITORS, async (_req, res) => {
    const auditId = `fixity-audit-${randomUUID()}`;
    await temporal.client.workflow.start('fixityAuditWorkflow', { taskQueue: temporal.taskQueue, workflowId: auditId, args: [] });
    res.status(202).json({ auditId });
  });
  r.get('/v1/fixity-audits', AUDITORS, async (_req, res) => {
    res.json({ items: await archive.c.audits.find({}, { projection: { mismatches: 0 } }).sort({ startedAt: -1 }).limit(20).toArray() });
  });
  r.get('/v1/fixity-audits/:id', AUDITORS, async (req, res) => {
    const report = await archive.c.audits.findOne({ _id: req.params.id });
    if (!report) throw notFound('fixity-audit-not-found', `No fixity audit ${req.params.id} (it may not have started yet).`);
    res.json(report);
  });
  return r;
}

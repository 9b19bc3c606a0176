import { Context } from '@temporalio/activity';
import { OutboxRelay, probeActivities, type ArchiveActivities, type ArchiveDocumentInput, type Lifecycle, type ServiceContext } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { loadArchiveConfig } from '../config';
import { runFixityAudit } from '../fixity/run-audit';
import { archiveDocument } from '../packages/archive-document';
import { clearanceGroupFor, consumeClearances } from '../secrecy/clearance-consumer';
import type { ArchiveWorkflowActivities } from '../workflows/types';

/** The archive's activities over an archive; tests build them over their own database. */
export function archiveActivities(archive: Archive): ArchiveActivities & ArchiveWorkflowActivities {
  return {
    archiveDocument: (input: ArchiveDocumentInput) => archiveDocument({ ...archive, warn: (message, fields) => Context.current().log.warn(message, fields) }, input),
    planDisposition: async (workFileId) => {
      const { action, dueAt, noticeAt } = await archive.workFiles.plan(workFileId);
      return { action, dueAt, noticeAt };
    },
    sendDispositionNotice: async (input) => {
      if (await archive.workFiles.recordNotice(input.workFileId, input)) {
        Context.current().log.info('work file falls due for disposition', { ...input });
      }
    },
    activeHolds: async (workFileId) => (await archive.workFiles.activeHolds(workFileId)).map((h) => h._id),
    executeDisposition: (input) => archive.workFiles.executeDisposition(input),
    runFixityAudit: async ({ auditId }) => {
      const report = await runFixityAudit(
        { c: archive.c, blobs: archive.blobs, log: archive.log, publicKey: archive.config.logPublicKey },
        { auditId, onProgress: (n) => Context.current().heartbeat(n) },
      );
      return { auditId, packagesChecked: report.packagesChecked, partsChecked: report.partsChecked, mismatchCount: report.mismatchCount };
    },
  };
}

/** Activities this service's worker runs on its own task queue, and the relay of its outbox beside them. */
export async function createActivities(ctx: ServiceContext, lifecycle: Lifecycle) {
  // Work-file events are written by the API (holds) and the worker (notices, dispositions) alike.
  const relay = new OutboxRelay({ connection: ctx.mongo, bus: ctx.bus, logger: ctx.logger, name: 'archive', collection: 'outbox' });
  relay.start();
  lifecycle.onStop('outbox relay', () => relay.stop());
  const archive = createArchive(ctx.mongo, ctx.blobs, loadArchiveConfig(), { keys: ctx.keys });
  // The worker is the clearance projection's one writer; the API only reads it.
  const consumer = await consumeClearances(ctx, archive.clearances, { group: clearanceGroupFor(ctx.config.MONGO_DATABASE) });
  lifecycle.onStop('clearance consumer', () => consumer.stop());
  return {
    ...probeActivities(ctx),
    ...archiveActivities(archive),
  };
}

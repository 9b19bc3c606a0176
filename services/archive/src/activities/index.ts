import { Context } from '@temporalio/activity';
import { probeActivities, type ArchiveActivities, type ArchiveDocumentInput, type ServiceContext } from '@vanthu/shared';
import { createArchive, type Archive } from '../archive';
import { loadArchiveConfig } from '../config';
import { runFixityAudit } from '../fixity/run-audit';
import { archiveDocument } from '../packages/archive-document';
import type { ArchiveWorkflowActivities } from '../workflows/types';

/** The archive's activities over an archive; tests build them over their own database. */
export function archiveActivities(archive: Archive): ArchiveActivities & ArchiveWorkflowActivities {
  return {
    archiveDocument: (input: ArchiveDocumentInput) => archiveDocument(archive, input),
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

/** Activities this service's worker runs on its own task queue. */
export function createActivities(ctx: ServiceContext) {
  return {
    ...probeActivities(ctx),
    ...archiveActivities(createArchive(ctx.mongo, ctx.blobs, loadArchiveConfig())),
  };
}

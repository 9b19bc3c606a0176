import { outboxModel, type Logger, type ServiceDefinition } from '@vanthu/shared';
import { createActivities } from './activities';
import { mountRoutes } from './api/routes';
import { loadArchiveConfig, type ArchiveConfig } from './config';
import { ensureFixitySchedule } from './fixity/schedule';
import { archiveCollections, ensureIndexes } from './store/collections';
import { announcePendingWorkFileEvents } from './workfiles/work-file-events';

function warnOfExportKey(logger: Logger, config: ArchiveConfig): void {
  if (config.exportKey?.development) {
    logger.warn({ keyId: config.exportKey.keyId }, 'ARCHIVE_EXPORT_PUBLIC_KEY is not set: secret packages are exported under a development key generated at start, whose private half is discarded');
  } else if (!config.exportKey) {
    logger.warn('ARCHIVE_EXPORT_PUBLIC_KEY is not set: work files holding secret packages will not be exported (409 secret-export-key-missing)');
  }
}

export const archiveService: ServiceDefinition = {
  name: 'archive',
  routes: mountRoutes,
  activities: createActivities,
  workflows: { workflowsPath: require.resolve('./workflows') },
  prepare: async (ctx) => {
    const config = loadArchiveConfig();
    // Exports are the API's: the worker's own (unused) development key would only confuse the log.
    if (ctx.config.role === 'api') warnOfExportKey(ctx.logger, config);
    await ensureIndexes(archiveCollections(ctx.mongo));
    await outboxModel(ctx.mongo).init();
    if (ctx.config.role === 'worker') {
      await announcePendingWorkFileEvents(ctx.mongo, archiveCollections(ctx.mongo));
      const outcome = await ensureFixitySchedule(ctx.temporal, ctx.config.TEMPORAL_TASK_QUEUE, config.fixityCron);
      ctx.logger.info({ outcome }, 'fixity audit schedule');
    }
  },
};

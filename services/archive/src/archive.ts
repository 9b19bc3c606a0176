import type { Connection } from 'mongoose';
import { AccessLog, createLogger, KeyRing, type BlobStore, type Logger } from '@vanthu/shared';
import type { ArchiveConfig } from './config';
import { MerkleLog } from './log/merkle-log';
import { RecentVerifications } from './packages/recent-verifications';
import { RETENTION_POLICY } from './retention/policy';
import { LiveSearch } from './search/live-search';
import { PackageAccess, type AccessRecorder } from './secrecy/package-access';
import { UserClearances } from './secrecy/user-clearances';
import { archiveCollections } from './store/collections';
import { announcer } from './workfiles/work-file-events';
import { WorkFiles } from './workfiles/work-files';

export interface ArchiveOptions {
  /** The service's key ring (ctx.keys); by default the one the environment describes. */
  keys?: KeyRing;
  /** Where looks at secret packages are recorded; by default the access log in the archive's database. */
  accessLog?: AccessRecorder;
  /** Where the search reports its load and trouble following the log. */
  logger?: Logger;
}

/** The archive's parts over one database connection, shared by the API, the worker and tests. */
export function createArchive(mongo: Connection, blobs: BlobStore, config: ArchiveConfig, options: ArchiveOptions = {}) {
  const c = archiveCollections(mongo);
  const log = new MerkleLog(c, config.logKey);
  const clearances = new UserClearances(c);
  return {
    c,
    blobs,
    log,
    verified: new RecentVerifications(),
    config,
    keys: options.keys ?? KeyRing.fromEnv(),
    clearances,
    access: new PackageAccess(clearances, options.accessLog ?? new AccessLog(mongo)),
    policy: RETENTION_POLICY,
    // Built idle: only an API process starts it (api/routes.ts), the worker never searches.
    search: new LiveSearch({ c, log, logger: options.logger ?? createLogger({ service: 'archive' }, 'warn') }),
    workFiles: new WorkFiles(c, RETENTION_POLICY, announcer(mongo)),
  };
}

export type Archive = ReturnType<typeof createArchive>;

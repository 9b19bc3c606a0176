import type { Connection } from 'mongoose';
import type { BlobStore } from '@vanthu/shared';
import type { ArchiveConfig } from './config';
import { MerkleLog } from './log/merkle-log';
import { RecentVerifications } from './packages/recent-verifications';
import { RETENTION_POLICY } from './retention/policy';
import { archiveCollections } from './store/collections';
import { announcer } from './workfiles/work-file-events';
import { WorkFiles } from './workfiles/work-files';

/** The archive's parts over one database connection, shared by the API, the worker and tests. */
export function createArchive(mongo: Connection, blobs: BlobStore, config: ArchiveConfig) {
  const c = archiveCollections(mongo);
  const log = new MerkleLog(c, config.logKey);
  return {
    c,
    blobs,
    log,
    verified: new RecentVerifications(),
    config,
    policy: RETENTION_POLICY,
    workFiles: new WorkFiles(c, RETENTION_POLICY, announcer(mongo)),
  };
}

export type Archive = ReturnType<typeof createArchive>;

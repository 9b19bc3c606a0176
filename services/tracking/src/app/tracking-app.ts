import type { Client } from '@temporalio/client';
import type { BlobStore } from '@vanthu/shared';
import type { Connection } from 'mongoose';
import type { DirectoryReader } from '../directory/directory-view';
import { trackingCollections } from '../store/collections';
import { evidenceFiles } from './evidence';
import type { TrackingApplication } from './ports';
import { DEFAULT_RECORD_WAIT, type RecordWaitOptions } from './record-wait';
import { taskActions } from './task-actions';
import { taskCreation } from './task-creation';
import { taskQueries } from './task-queries';

export interface TrackingApplicationDeps {
  mongo: Connection;
  blobs: BlobStore;
  temporal: Client;
  directory: DirectoryReader;
  now?: () => Date;
  recordWait?: RecordWaitOptions;
}

/** The tracking application on the service's own database, the blob store, the directory and Temporal. */
export function createTrackingApplication(deps: TrackingApplicationDeps): TrackingApplication {
  const records = trackingCollections(deps.mongo);
  const now = deps.now ?? (() => new Date());
  const recordWait = deps.recordWait ?? DEFAULT_RECORD_WAIT;
  const queries = taskQueries({ records, directory: deps.directory });
  const actions = taskActions({ records, directory: deps.directory, temporal: deps.temporal, queries, now, recordWait });
  const evidence = evidenceFiles({ records, blobs: deps.blobs, queries, now });
  return {
    createTask: taskCreation({ records, directory: deps.directory, temporal: deps.temporal, now, recordWait }),
    listTasks: queries.listTasks,
    getTask: queries.getTask,
    ...actions,
    ...evidence,
  };
}

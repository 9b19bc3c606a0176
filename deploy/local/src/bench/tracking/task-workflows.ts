import type mongoose from 'mongoose';
import { DEVELOPMENT_JWT_SECRET, issueToken } from '@vanthu/shared';
import { ApiClient } from '../../scenario/http-client';

/** The demo province's people on both sides of a task (packages/shared/src/seed/demo-province.ts). */
const ASSIGNER = { userId: 'bs-specialist', orgCode: 'BS-TU', role: 'specialist' as const };
const LEAD = { userId: 'tl-specialist', orgCode: 'BS-TL-DU', role: 'specialist' as const };
const LEAD_ORG = 'BS-TL-DU';

interface TaskView {
  id: string;
  status: string;
}

/**
 * A source document as tracking keeps it once `document.issued` reached it: written straight into
 * the bench database's `sources`, so the benchmark measures tasks, not a document's lifecycle.
 */
export async function seedSource(db: mongoose.mongo.Db, documentId: string): Promise<void> {
  await db.collection<{ _id: string }>('sources').insertOne({
    _id: documentId,
    issuer: ASSIGNER.orgCode,
    type: 'NQ',
    notation: '99-NQ/TU',
    number: 99,
    secrecy: 'none',
    issuedAt: new Date().toISOString(),
  } as { _id: string });
}

/** Waits until the tracking worker has learnt the demo hierarchy from the directory topic. */
export async function demoHierarchyKnown(db: mongoose.mongo.Db, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await db.collection<{ _id: string }>('organisations').findOne({ _id: LEAD_ORG }))) {
    if (Date.now() > deadline) throw new Error(`tracking did not learn ${LEAD_ORG} from the directory topic within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface TaskDriver {
  /** One task through its whole life over HTTP: assigned, accepted, a report, submitted, accepted as done. */
  run(i: number): Promise<string>;
}

export function taskDriver(apiUrl: string, documentId: string): TaskDriver {
  const assigner = new ApiClient(apiUrl, issueToken(DEVELOPMENT_JWT_SECRET, ASSIGNER, 3_600));
  const lead = new ApiClient(apiUrl, issueToken(DEVELOPMENT_JWT_SECRET, LEAD, 3_600));
  const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
  return {
    async run(i) {
      const task = await assigner.post<TaskView>('/v1/tasks', { sourceDocumentId: documentId, title: `Nhiệm vụ thử ${i}`, clause: 'Mục II', leadOrg: LEAD_ORG, deadline, priority: 'normal' });
      await lead.post(`/v1/tasks/${task.id}/accept`, {});
      await lead.post(`/v1/tasks/${task.id}/reports`, { percent: 50, narrative: 'Đã triển khai đến các chi bộ.' });
      await lead.post(`/v1/tasks/${task.id}/submit`, { narrative: 'Đã hoàn thành.' });
      const done = await assigner.post<TaskView>(`/v1/tasks/${task.id}/accept-result`, {});
      if (done.status !== 'done') throw new Error(`task ${task.id} ended ${done.status}`);
      return task.id;
    },
  };
}

import { isDuplicateKeyError, isFinalTaskStatus, Problem, type BlobStore, type EvidenceRef, type Principal } from '@vanthu/shared';
import type { TrackingCollections } from '../store/collections';
import type { EvidenceRecord } from '../store/task-record';
import { taskOver } from './failures';
import type { EvidenceContent, EvidenceUpload } from './ports';
import { actsFor } from './task-access';
import type { TaskQueries } from './task-queries';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');

/**
 * What a report may be backed with, and what such a file starts with: a file is stored only when
 * its bytes are what its Content-Type says, so a portal that opens it gets what it expects.
 */
export const EVIDENCE_TYPES: Record<string, (data: Buffer) => boolean> = {
  'application/pdf': (d) => d.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (d) => d.length > 3 && d[0] === 0xff && d[1] === 0xd8 && d[2] === 0xff,
  'image/png': (d) => d.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  [DOCX]: (d) => d.subarray(0, 4).equals(ZIP_MAGIC),
  [XLSX]: (d) => d.subarray(0, 4).equals(ZIP_MAGIC),
};

export interface EvidenceDeps {
  records: Pick<TrackingCollections, 'evidence'>;
  blobs: BlobStore;
  queries: TaskQueries;
  now: () => Date;
}

const refOf = (e: EvidenceRecord): EvidenceRef => ({ sha256: e.sha256, size: e.size, contentType: e.contentType, name: e.name });

/** Files backing a task's reports: stored once in the blob store, recorded per task; only references travel. */
export function evidenceFiles({ records, blobs, queries, now }: EvidenceDeps) {
  return {
    async uploadEvidence(p: Principal, taskId: string, file: EvidenceUpload): Promise<EvidenceRef> {
      const task = await queries.load(p, taskId);
      if (!actsFor(p, task.leadOrg, 'lead')) {
        throw new Problem(403, 'forbidden', `Evidence for task ${taskId} is attached by its lead organisation, ${task.leadOrg}.`);
      }
      if (isFinalTaskStatus(task.status)) throw taskOver(taskId, task.status);
      const matches = EVIDENCE_TYPES[file.contentType];
      if (!matches) {
        throw new Problem(415, 'unsupported-media-type', `Evidence is one of ${Object.keys(EVIDENCE_TYPES).join(', ')}.`, { field: 'Content-Type' });
      }
      const data = await file.read();
      if (data.length === 0) throw new Problem(422, 'empty-file', 'The file is empty.', { field: '(body)' });
      if (!matches(data)) {
        throw new Problem(422, 'content-type-mismatch', `The file's bytes are not ${file.contentType}.`, { field: 'Content-Type' });
      }
      const blob = await blobs.put(data, file.contentType);
      const record: EvidenceRecord = {
        _id: `${taskId}:${blob.sha256}`,
        taskId,
        sha256: blob.sha256,
        size: blob.size,
        contentType: file.contentType,
        name: file.name,
        uploadedBy: p.userId,
        org: p.orgCode,
        at: now().toISOString(),
      };
      try {
        await records.evidence.create(record);
        return refOf(record);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // The same bytes again for the same task (a retry, a second upload): the first record stands.
        const first = await records.evidence.findById(record._id).lean<EvidenceRecord>();
        return refOf(first ?? record);
      }
    },

    async readEvidence(p: Principal, taskId: string, sha256: string): Promise<EvidenceContent> {
      await queries.load(p, taskId);
      const record = await records.evidence.findById(`${taskId}:${sha256}`).lean<EvidenceRecord>();
      if (!record) throw new Problem(404, 'evidence-not-found', `Task ${taskId} has no evidence ${sha256}.`);
      return { ...refOf(record), data: await blobs.get(record.sha256) };
    },
  };
}

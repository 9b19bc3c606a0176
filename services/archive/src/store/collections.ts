import type { Connection } from 'mongoose';
import type mongoose from 'mongoose';
import type { ArchivalMetadata, Clearance, HistoryEntry } from '@vanthu/shared';

type Db = mongoose.mongo.Db;

/** One file of an archival package, with the fixity value it had when archived. */
export interface PackagePart {
  /** Path inside the package, e.g. `content.pdf`, `records/metadata.json`. */
  path: string;
  sha256: string;
  size: number;
  contentType: string;
  /** `blob`: bytes in the blob store at `sha256`; `record`: canonical JSON of `records[name]`. */
  source: 'blob' | 'record';
  /** The stored bytes are a JWE (compact) of the file, under the package's data key; `contentType` is the clear file's. */
  sealed?: boolean;
}

/**
 * A secret package's data key, wrapped for the archive (`archive:<issuer>`): what opens its sealed
 * parts, subject and notes. Kept beside the manifest, not in it: a re-wrap under a new master key
 * must not change the package's leaf in the log.
 */
export interface PackageSealing {
  wrappedKey: string;
  /** The wrapping key's id, `<master>/archive:<issuer>`, from the JWE header. */
  kid: string;
  wrappedAt: string;
}

export interface PackageRecords {
  metadata: ArchivalMetadata;
  history: HistoryEntry[];
  signatures: unknown;
  validation: unknown;
}

export interface PackageDoc {
  _id: string;
  workflowId: string;
  documentId: string;
  archivedAt: string;
  metadata: ArchivalMetadata;
  records: Omit<PackageRecords, 'metadata'>;
  parts: PackagePart[];
  /** The manifest exactly as hashed into the log. */
  manifest: string;
  manifestSha256: string;
  /** Only on secret packages that arrived sealed (docs/archive.md, "Secret packages"). */
  sealing?: PackageSealing;
}

/**
 * Log records are keyed by a string: our database finds a document without scanning its
 * collection only by a string (or ObjectId) `_id` (docs/local-stack.md), never by a number.
 * Zero-padded, so the keys also sort in numeric order.
 */
export const logKey = (n: number) => n.toString().padStart(12, '0');

export interface LeafDoc {
  /** `logKey(index)`. */
  _id: string;
  index: number;
  packageId: string;
  manifestSha256: string;
  leafHash: string;
  appendedAt: string;
}

/**
 * Where a package's leaf is: written with each batch of leaves, so a package is found in the log
 * by `_id` (the leaf's unique index on packageId decides races, but our database cannot search by it).
 */
export interface PositionDoc {
  /** The package id. */
  _id: string;
  index: number;
}

export interface NodeDoc {
  _id: string;
  hash: string;
}

export interface TreeHeadDoc {
  /** `logKey(treeSize)`. */
  _id: string;
  treeSize: number;
  rootHash: string;
  timestamp: number;
  keyId: string;
  signature: string;
}

export type WorkFileState = 'open' | 'closed' | 'transferred' | 'destroyed';

export interface WorkFileDoc {
  _id: string;
  /** Unique within its organisation; safe as a path (workfiles/work-file-code.ts). */
  code: string;
  /** The organisation whose file it is: only its people see it (docs/archive.md, rights). */
  orgCode: string;
  /** User id of the archivist who created it. */
  createdBy: string;
  title: string;
  /** A key of the retention policy's work file categories, if the file has one. */
  category?: string;
  state: WorkFileState;
  openedAt: string;
  /** Set by the server when the file is closed; retention runs from it. */
  closedAt?: string;
  closedBy?: string;
  disposedAt?: string;
  createdAt: string;
}

export interface MemberDoc {
  /** `${workFileId}:${packageId}`: adding a document twice, or concurrently, leaves one entry. */
  _id: string;
  workFileId: string;
  packageId: string;
  documentId: string;
  addedAt: string;
}

export interface HoldDoc {
  _id: string;
  workFileId: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  releasedAt?: string;
  releasedBy?: string;
  /** Ids of its events already in the outbox (workfiles/work-file-events.ts). */
  announced?: string[];
}

export interface DispositionDoc {
  /** The work file id: one executed disposition per file, decided by the unique _id. */
  _id: string;
  workflowId: string;
  action: 'transfer' | 'destroy';
  /** User ids: who proposed it and who (another person, with authority) approved it. */
  requestedBy?: string;
  approvedBy: string;
  approvedAt?: string;
  executedAt: string;
  /** Ids of its events already in the outbox (workfiles/work-file-events.ts). */
  announced?: string[];
}

export interface NoticeDoc {
  _id: string;
  workFileId: string;
  dueAt: string;
  action: 'transfer' | 'destroy';
  noticedAt: string;
  /** Ids of its events already in the outbox (workfiles/work-file-events.ts). */
  announced?: string[];
}

/**
 * A person's clearance as intake's directory events last said it (secrecy/user-clearances.ts).
 * `version` orders the writes: the change's time, then the event id, so replays and late
 * arrivals never undo a newer change.
 */
export interface UserClearanceDoc {
  /** The user id. */
  _id: string;
  org: string;
  clearance: Clearance;
  changedAt: string;
  changedBy?: string;
  eventId: string;
  version: string;
}

export interface FixityMismatch {
  kind:
    | 'blob-altered'
    | 'blob-missing'
    | 'record-altered'
    | 'manifest-altered'
    | 'package-missing'
    | 'leaf-altered'
    | 'log-root-mismatch'
    | 'tree-head-invalid';
  packageId?: string;
  /** The part's path in the package, or `manifest`, or `log/leaf/<index>`, or `log/tree-head/<size>`. */
  part: string;
  expected: string;
  actual: string;
}

export interface FixityAuditDoc {
  _id: string;
  startedAt: string;
  finishedAt?: string;
  packagesChecked: number;
  partsChecked: number;
  bytesHashed: number;
  treeSize: number;
  mismatchCount: number;
  /** The first mismatches found; `mismatchCount` has them all. */
  mismatches: FixityMismatch[];
}

export function archiveCollections(connection: Connection) {
  const db = connection.db as Db | undefined;
  if (!db) throw new Error('the archive database connection is not open');
  return {
    packages: db.collection<PackageDoc>('packages'),
    leaves: db.collection<LeafDoc>('log_leaves'),
    positions: db.collection<PositionDoc>('log_positions'),
    nodes: db.collection<NodeDoc>('log_nodes'),
    treeHeads: db.collection<TreeHeadDoc>('log_tree_heads'),
    workFiles: db.collection<WorkFileDoc>('work_files'),
    members: db.collection<MemberDoc>('work_file_members'),
    holds: db.collection<HoldDoc>('legal_holds'),
    dispositions: db.collection<DispositionDoc>('dispositions'),
    notices: db.collection<NoticeDoc>('retention_notices'),
    audits: db.collection<FixityAuditDoc>('fixity_audits'),
    clearances: db.collection<UserClearanceDoc>('user_clearances'),
  };
}

export type ArchiveCollections = ReturnType<typeof archiveCollections>;

/**
 * Unique indexes are what decide races here (the database makes nothing else atomic). The other
 * indexes serve search on a real MongoDB; on ours, inserts keep them up to date without reading
 * the collection, and only search (which pages) scans. Nothing on the archiving or audit path
 * queries by them.
 */
export async function ensureIndexes(c: ArchiveCollections): Promise<void> {
  await Promise.all([
    c.packages.createIndex({ workflowId: 1 }, { unique: true, name: 'workflowId_unique' }),
    c.packages.createIndex({ 'metadata.number': 1 }),
    c.packages.createIndex({ 'metadata.type': 1 }),
    c.packages.createIndex({ 'metadata.issuerCode': 1 }),
    c.packages.createIndex({ 'metadata.issuedAt': 1 }),
    c.packages.createIndex({ documentId: 1 }),
    c.packages.createIndex({ 'metadata.secrecy': 1 }),
    c.leaves.createIndex({ packageId: 1 }, { unique: true, name: 'packageId_unique' }),
    // Codes are unique per organisation: a global index would tell one office another's codes.
    c.workFiles.createIndex({ orgCode: 1, code: 1 }, { unique: true, name: 'org_code_unique' }),
    c.members.createIndex({ workFileId: 1 }),
    c.members.createIndex({ packageId: 1 }),
    c.holds.createIndex({ workFileId: 1 }),
    c.audits.createIndex({ startedAt: -1 }),
  ]);
  // Databases made before codes were per organisation still have the global index.
  await c.workFiles.dropIndex('code_unique').catch(() => undefined);
}

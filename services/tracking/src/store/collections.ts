import { Schema, type Connection, type Model } from 'mongoose';
import { ORG_LEVELS, ROLES, outboxModel } from '@vanthu/shared';
import type { OrgNode } from '../directory/directory-view';
import type { EvidenceRecord, SourceRecord, TaskRecord } from './task-record';

/** An organisation as the directory events announced it; `_id` is its code. */
export interface OrganisationRecord extends Omit<OrgNode, 'code'> {
  _id: string;
  notationCode: string;
}

/** A person as the directory events announced them; `_id` is the user id. */
export interface UserRecord {
  _id: string;
  fullName: string;
  position: string;
  role: (typeof ROLES)[number];
  org: string;
  email: string;
}

const model = <T>(c: Connection, name: string, schema: Schema<T>): Model<T> =>
  (c.models[name] as Model<T> | undefined) ?? c.model<T>(name, schema, name);

/*
 * `strict: 'throw'`: a transition's patch naming a field the record does not have is a broken
 * contract between the workflow and this store, and must fail the activity where Temporal shows
 * it rather than vanish from the update.
 */
const taskSchema = new Schema<TaskRecord>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    title: { type: String, required: true },
    clause: String,
    source: { type: Schema.Types.Mixed, required: true },
    assignerOrg: { type: String, required: true },
    assignedBy: { type: String, required: true },
    leadOrg: { type: String, required: true },
    cooperating: [String],
    deadline: String,
    originalDeadline: String,
    recurrence: Schema.Types.Mixed,
    period: String,
    priority: { type: String, required: true },
    parentTaskId: String,
    rootTaskId: { type: String, required: true },
    depth: { type: Number, required: true },
    weight: { type: Number, required: true },
    assignedAt: { type: String, required: true },
    status: { type: String, required: true },
    progress: { type: Number, required: true },
    seq: { type: Number, required: true },
    updatedAt: { type: String, required: true },
    submittedAt: String,
    completedAt: String,
    pendingExtension: Schema.Types.Mixed,
    subtasks: [Schema.Types.Mixed],
    reports: [Schema.Types.Mixed],
    history: [Schema.Types.Mixed],
  },
  { versionKey: false, strict: 'throw' },
);
// The lists: what an organisation leads, what it assigned, a task's tree, a document's tasks.
taskSchema.index({ leadOrg: 1, status: 1 });
taskSchema.index({ assignerOrg: 1, status: 1 });
taskSchema.index({ rootTaskId: 1 });
taskSchema.index({ parentTaskId: 1 });
taskSchema.index({ 'source.documentId': 1 });

const evidenceSchema = new Schema<EvidenceRecord>(
  {
    _id: { type: String, required: true },
    taskId: { type: String, required: true },
    sha256: { type: String, required: true },
    size: { type: Number, required: true },
    contentType: { type: String, required: true },
    name: { type: String, required: true },
    uploadedBy: { type: String, required: true },
    org: { type: String, required: true },
    at: { type: String, required: true },
  },
  { versionKey: false },
);
evidenceSchema.index({ taskId: 1 });

const sourceSchema = new Schema<SourceRecord>(
  {
    _id: { type: String, required: true },
    issuer: { type: String, required: true },
    type: { type: String, required: true },
    notation: { type: String, required: true },
    number: { type: Number, required: true },
    secrecy: { type: String, required: true },
    issuedAt: { type: String, required: true },
    recalled: Boolean,
  },
  { versionKey: false },
);

const organisationSchema = new Schema<OrganisationRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    level: { type: String, enum: ORG_LEVELS, required: true },
    parent: String,
    notationCode: { type: String, required: true },
  },
  { versionKey: false },
);

const userSchema = new Schema<UserRecord>(
  {
    _id: { type: String, required: true },
    fullName: { type: String, required: true },
    position: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    org: { type: String, required: true },
    email: { type: String, required: true },
  },
  { versionKey: false },
);
// Who to tell in an organisation: its leaders, its specialists.
userSchema.index({ org: 1, role: 1 });

export const taskModel = (c: Connection) => model(c, 'tasks', taskSchema);
export const evidenceModel = (c: Connection) => model(c, 'evidence', evidenceSchema);
export const sourceModel = (c: Connection) => model(c, 'sources', sourceSchema);
export const organisationModel = (c: Connection) => model(c, 'organisations', organisationSchema);
export const userModel = (c: Connection) => model(c, 'users', userSchema);

export interface TrackingCollections {
  tasks: Model<TaskRecord>;
  evidence: Model<EvidenceRecord>;
  sources: Model<SourceRecord>;
  organisations: Model<OrganisationRecord>;
  users: Model<UserRecord>;
}

export function trackingCollections(c: Connection): TrackingCollections {
  return { tasks: taskModel(c), evidence: evidenceModel(c), sources: sourceModel(c), organisations: organisationModel(c), users: userModel(c) };
}

/** Every collection's indexes, the outbox's included (its unique key decides duplicate events). */
export async function ensureIndexes(c: Connection): Promise<void> {
  const collections = trackingCollections(c);
  await Promise.all([...Object.values(collections).map((m: Model<unknown>) => m.init()), outboxModel(c).init()]);
}

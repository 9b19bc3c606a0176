import { randomUUID } from 'node:crypto';
import { conflict, isDuplicateKeyError, notFound, type DocumentType } from '@vanthu/shared';
import { planFor, retentionOf, type DispositionPlan, type RetentionPolicy } from '../retention/policy';
import { ACCESS_PROJECTION, refusalOf, type Seen, type Viewer } from '../secrecy/package-access';
import type { ArchiveCollections, DispositionDoc, HoldDoc, MemberDoc, NoticeDoc, WorkFileDoc } from '../store/collections';
import type { ExecuteDispositionInput, ExecuteDispositionResult } from '../workflows/types';
import { assertWorkFileCode } from './work-file-code';
import { dispositionEvents, holdEvents, noticeEvents, type Announce } from './work-file-events';

/**
 * Work files group archived documents by reference: a member entry points at a package, so a
 * document can sit in several files and its bytes are stored once.
 */
export class WorkFiles {
  constructor(
    private readonly c: ArchiveCollections,
    private readonly policy: RetentionPolicy,
    /** Puts a record's events into the outbox once it is written (work-file-events.ts). */
    private readonly announce: Announce,
  ) {}

  async create(input: { code: string; title: string; category?: string; openedAt?: string; orgCode: string; createdBy: string }): Promise<WorkFileDoc> {
    // Checked here too, not only by the API: the code becomes a path in every export of the file.
    assertWorkFileCode(input.code);
    const now = new Date().toISOString();
    const doc: WorkFileDoc = {
      _id: `wf_${randomUUID()}`,
      code: input.code,
      orgCode: input.orgCode,
      createdBy: input.createdBy,
      title: input.title,
      ...(input.category !== undefined && { category: input.category }),
      state: 'open',
      openedAt: input.openedAt ?? now,
      createdAt: now,
    };
    try {
      await this.c.workFiles.insertOne(doc);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict('work-file-code-taken', `A work file with code ${input.code} exists.`, 'code');
      throw error;
    }
    return doc;
  }

  async get(id: string): Promise<WorkFileDoc> {
    const doc = await this.c.workFiles.findOne({ _id: id });
    if (!doc) throw notFound('work-file-not-found', `No work file ${id}.`);
    return doc;
  }

  /** The file if it belongs to `orgCode`; to anyone else it does not exist. */
  async getOwned(id: string, orgCode: string): Promise<WorkFileDoc> {
    const doc = await this.get(id);
    if (doc.orgCode !== orgCode) throw notFound('work-file-not-found', `No work file ${id}.`);
    return doc;
  }

  /**
   * A package joins only a file of the organisation that issued it; others' packages are not
   * found, nor are those `admits` refuses (a secret package above the archivist's clearance).
   */
  async addDocument(workFileId: string, packageId: string, orgCode: string, admits: (pkg: Seen) => Promise<boolean> = async () => true): Promise<MemberDoc> {
    const file = await this.getOwned(workFileId, orgCode);
    if (file.state !== 'open') throw conflict('work-file-not-open', `Work file ${workFileId} is ${file.state}; documents are added to open files.`);
    const pkg = await this.c.packages.findOne({ _id: packageId }, { projection: ACCESS_PROJECTION });
    if (!pkg || !(await admits(pkg)) || pkg.metadata.issuerCode !== orgCode) throw notFound('package-not-found', `No archival package ${packageId}.`);
    const member: MemberDoc = { _id: `${workFileId}:${packageId}`, workFileId, packageId, documentId: pkg.documentId, addedAt: new Date().toISOString() };
    try {
      await this.c.members.insertOne(member);
      return member;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.c.members.findOne({ _id: member._id }))!;
    }
  }

  members(workFileId: string): Promise<MemberDoc[]> {
    return this.c.members.find({ workFileId }).sort({ addedAt: 1, _id: 1 }).toArray();
  }

  /**
   * The members whose packages the viewer may see, and those packages: a secret package above
   * their clearance is not in the file for them. A member whose package is gone stays listed.
   */
  async visibleMembers(workFileId: string, viewer: Pick<Viewer, 'principal' | 'clearance'>): Promise<{ members: MemberDoc[]; packages: Seen[] }> {
    const all = await this.members(workFileId);
    // Each by _id: an $in would scan the whole collection on our database.
    const found = await Promise.all([...new Set(all.map((m) => m.packageId))].map((id) => this.c.packages.findOne({ _id: id }, { projection: ACCESS_PROJECTION })));
    const packages = found.filter((pkg): pkg is NonNullable<typeof pkg> => pkg !== null && refusalOf(viewer, pkg) === undefined);
    const hidden = new Set(found.filter((pkg) => pkg !== null && refusalOf(viewer, pkg) !== undefined).map((pkg) => pkg!._id));
    return { members: all.filter((m) => !hidden.has(m.packageId)), packages };
  }

  /**
   * Retention runs from the closing date, so it is the server's clock that sets it, never a
   * caller's; `now` is there for tests whose clock is a time-skipping server's.
   */
  async close(workFileId: string, closedBy: string, now: Date = new Date()): Promise<WorkFileDoc> {
    const file = await this.get(workFileId);
    if (file.state !== 'open') throw conflict('work-file-not-open', `Work file ${workFileId} is already ${file.state}.`);
    const closedAt = now.toISOString();
    await this.c.workFiles.updateOne({ _id: workFileId }, { $set: { state: 'closed', closedAt, closedBy } });
    return { ...file, state: 'closed', closedAt, closedBy };
  }

  async plan(workFileId: string): Promise<DispositionPlan> {
    const file = await this.get(workFileId);
    if (file.state === 'open' || !file.closedAt) throw conflict('work-file-open', `Work file ${workFileId} is open; only closed files have a retention date.`);
    const packageIds = (await this.members(workFileId)).map((m) => m.packageId);
    const types = (await this.c.packages.find({ _id: { $in: packageIds } }, { projection: { 'metadata.type': 1 } }).toArray()).map(
      (p) => p.metadata.type as DocumentType,
    );
    return planFor(this.policy, file.closedAt, retentionOf(this.policy, file.category, types));
  }

  activeHolds(workFileId: string): Promise<HoldDoc[]> {
    return this.c.holds.find({ workFileId, releasedAt: { $exists: false } }).toArray();
  }

  /**
   * A hold and a disposition can race. Each side writes first and looks for the other second, so
   * at least one of them sees the other: either the disposition stops or the hold is refused.
   */
  async placeHold(workFileId: string, input: { reason: string; placedBy: string }): Promise<HoldDoc> {
    await this.get(workFileId);
    const hold: HoldDoc = { _id: `hold_${randomUUID()}`, workFileId, reason: input.reason, placedBy: input.placedBy, placedAt: new Date().toISOString() };
    await this.c.holds.insertOne(hold);
    if (await this.c.dispositions.findOne({ _id: workFileId })) {
      await this.c.holds.deleteOne({ _id: hold._id });
      throw conflict('work-file-disposed', `Work file ${workFileId} has already been disposed of; it cannot be held.`);
    }
    await this.announce(this.c.holds, hold, holdEvents(hold));
    return hold;
  }

  async getHold(holdId: string): Promise<HoldDoc> {
    const hold = await this.c.holds.findOne({ _id: holdId });
    if (!hold) throw notFound('hold-not-found', `No legal hold ${holdId}.`);
    return hold;
  }

  async releaseHold(holdId: string, releasedBy: string): Promise<HoldDoc> {
    const hold = await this.getHold(holdId);
    if (hold.releasedAt) return hold;
    const releasedAt = new Date().toISOString();
    await this.c.holds.updateOne({ _id: holdId }, { $set: { releasedAt, releasedBy } });
    const released = { ...hold, releasedAt, releasedBy };
    await this.announce(this.c.holds, released, holdEvents(released));
    return released;
  }

  async executeDisposition(input: ExecuteDispositionInput): Promise<ExecuteDispositionResult> {
    const outcomeOf = (d: DispositionDoc) => (d.action === 'transfer' ? 'transferred' : 'destroyed');
    const before = await this.activeHolds(input.workFileId);
    if (before.length > 0) return { outcome: 'held', holds: before.map((h) => h._id) };
    const record: DispositionDoc = {
      _id: input.workFileId,
      workflowId: input.workflowId,
      action: input.action,
      ...(input.requestedBy !== undefined && { requestedBy: input.requestedBy }),
      approvedBy: input.approvedBy,
      ...(input.approvedAt !== undefined && { approvedAt: input.approvedAt }),
      executedAt: new Date().toISOString(),
    };
    try {
      await this.c.dispositions.insertOne(record);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const done = (await this.c.dispositions.findOne({ _id: input.workFileId }))!;
      return { outcome: outcomeOf(done) };
    }
    const after = await this.activeHolds(input.workFileId);
    if (after.length > 0) {
      await this.c.dispositions.deleteOne({ _id: input.workFileId });
      return { outcome: 'held', holds: after.map((h) => h._id) };
    }
    const state = input.action === 'transfer' ? 'transferred' : 'destroyed';
    await this.c.workFiles.updateOne({ _id: input.workFileId }, { $set: { state, disposedAt: record.executedAt } });
    await this.announce(this.c.dispositions, record, dispositionEvents(record));
    return { outcome: outcomeOf(record) };
  }

  async recordNotice(workFileId: string, plan: Pick<DispositionPlan, 'dueAt' | 'action'>): Promise<boolean> {
    try {
      const notice: NoticeDoc = { _id: `${workFileId}:${plan.dueAt}`, workFileId, dueAt: plan.dueAt, action: plan.action, noticedAt: new Date().toISOString() };
      await this.c.notices.insertOne(notice);
      await this.announce(this.c.notices, notice, noticeEvents(notice));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}

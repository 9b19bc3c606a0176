import { isEvent, replaceById, type DomainEvent, type Role } from '@vanthu/shared';
import type { DirectoryUserDoc, NotifyCollections, RoleMembers } from '../store/collections';
import { UNCHANGED, VersionedRecords } from '../store/versioned-records';

export const roleKey = (org: string, role: string) => `${org}|${role}`;

/**
 * Notify's own view of intake's directory, built from directory events: people by id, and the
 * members of each organisation's role in one `_id`-addressed record.
 *
 * A person's record has one writer: directory events are keyed by user id, so one user's events
 * are on one partition, handled in order by the one worker that owns it. A role's record has
 * many: two users joining the same role are two partitions, perhaps two workers. So its changes
 * go through VersionedRecords, where the racing writer reapplies its change on the winner's.
 * Nothing is cached in the process: another worker may change either record at any moment.
 */
export class Directory {
  private readonly roles: VersionedRecords<RoleMembers>;

  constructor(private readonly c: Pick<NotifyCollections, 'users' | 'roleMembers' | 'roleMemberVersions'>) {
    this.roles = new VersionedRecords(c.roleMembers, c.roleMemberVersions);
  }

  async user(userId: string): Promise<DirectoryUserDoc | null> {
    return this.c.users.findOne({ _id: userId });
  }

  async members(org: string, role: string): Promise<string[]> {
    return (await this.roles.read(roleKey(org, role))).value?.members ?? [];
  }

  /** Applies a directory event, checked against the catalogue; replaying one changes nothing. Other directory events are ignored. */
  async apply(event: DomainEvent): Promise<void> {
    if (!isEvent(event, 'directory.user-registered')) return;
    const { data } = event;
    const before = await this.user(data.userId);
    const doc: DirectoryUserDoc = {
      _id: data.userId,
      fullName: data.fullName,
      position: data.position,
      role: data.role,
      org: data.org,
      email: data.email,
      updatedAt: event.occurredAt,
    };
    // Membership first, the person last: a crash in between leaves a state the re-run completes
    // (the person still says where they were, and joining a role twice changes nothing).
    if (before && (before.org !== doc.org || before.role !== doc.role)) await this.leave(before.org, before.role, doc._id);
    await this.join(doc.org, doc.role, doc._id);
    await replaceById(this.c.users, doc);
  }

  private async join(org: string, role: Role, userId: string): Promise<void> {
    await this.roles.update(roleKey(org, role), (current) => {
      const members = current?.members ?? [];
      return members.includes(userId) ? UNCHANGED : { org, role, members: [...members, userId] };
    });
  }

  private async leave(org: string, role: Role, userId: string): Promise<void> {
    await this.roles.update(roleKey(org, role), (current) =>
      current?.members.includes(userId) ? { org, role, members: current.members.filter((m) => m !== userId) } : UNCHANGED,
    );
  }
}

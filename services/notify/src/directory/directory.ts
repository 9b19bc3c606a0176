import { ROLES, type DomainEvent, type Role } from '@vanthu/shared';
import { z } from 'zod';
import { KeyedMutex } from '../inbox/keyed-mutex';
import type { DirectoryUserDoc, NotifyCollections } from '../store/collections';

const userRegistered = z.object({
  userId: z.string().min(1),
  fullName: z.string(),
  position: z.string(),
  role: z.enum(ROLES),
  org: z.string().min(1),
  email: z.string(),
});

export const roleKey = (org: string, role: string) => `${org}|${role}`;

/**
 * Notify's own view of intake's directory, built from directory events: people by id, and the
 * members of each organisation's role in one `_id`-addressed document. The event consumer is the
 * only writer, and it applies directory events one at a time even while it handles partitions
 * side by side, so the read-modify-writes below do not race each other (our database does not
 * make an update atomic against a concurrent one).
 */
export class Directory {
  private readonly serial = new KeyedMutex();
  // Read through, written through: only in the process that applies directory events (the one
  // writer), where nothing else can change the records behind its back. It saves one or two
  // database reads per notification; the directory is small (people, not documents).
  private readonly users = new Map<string, DirectoryUserDoc | null>();
  private readonly roles = new Map<string, string[]>();

  constructor(
    private readonly c: Pick<NotifyCollections, 'users' | 'roleMembers'>,
    private readonly options: { remember: boolean } = { remember: false },
  ) {}

  async user(userId: string): Promise<DirectoryUserDoc | null> {
    const known = this.options.remember ? this.users.get(userId) : undefined;
    if (known) return known;
    const found = await this.c.users.findOne({ _id: userId });
    if (this.options.remember && found) this.users.set(userId, found);
    return found;
  }

  async members(org: string, role: string): Promise<string[]> {
    const key = roleKey(org, role);
    const known = this.options.remember ? this.roles.get(key) : undefined;
    if (known) return known;
    const members = (await this.c.roleMembers.findOne({ _id: key }))?.members ?? [];
    if (this.options.remember && members.length > 0) this.roles.set(key, members);
    return members;
  }

  /** Applies a directory event; replaying one changes nothing. Unknown directory events are ignored. */
  async apply(event: DomainEvent): Promise<void> {
    if (event.type !== 'directory.user-registered') return;
    await this.serial.run('directory', () => this.applyUser(event));
  }

  private async applyUser(event: DomainEvent): Promise<void> {
    const data = userRegistered.parse(event.data);
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
    // Membership first, the person last: a crash in between leaves a state the re-run completes.
    if (before && (before.org !== doc.org || before.role !== doc.role)) await this.removeMember(before.org, before.role, doc._id);
    await this.addMember(doc.org, doc.role, doc._id);
    await this.c.users.replaceOne({ _id: doc._id }, doc, { upsert: true });
    this.users.delete(doc._id);
    if (before) this.roles.delete(roleKey(before.org, before.role));
    this.roles.delete(roleKey(doc.org, doc.role));
  }

  private async addMember(org: string, role: Role, userId: string): Promise<void> {
    await this.c.roleMembers.updateOne({ _id: roleKey(org, role) }, { $setOnInsert: { org, role }, $addToSet: { members: userId } }, { upsert: true });
  }

  private async removeMember(org: string, role: Role, userId: string): Promise<void> {
    await this.c.roleMembers.updateOne({ _id: roleKey(org, role) }, { $pull: { members: userId } });
  }
}

import type { Connection } from 'mongoose';
import { Problem, isDuplicateKeyError, type Clearance } from '@vanthu/shared';
import { announceOrganisation, announceUser } from '../records/directory-events';
import { organisationModel, toOrganisation } from '../records/organisations';
import { toUser, userModel } from '../records/users';
import type { Organisation, Principal, User, UserView } from './ports';
import { forbidden, requireRole } from './rights';
import { toUserView } from './views';

/** Organisations (read by everyone signed in) and people (each organisation its own); changed by admins. */
export function directory(mongo: Connection) {
  const organisations = organisationModel(mongo);
  const users = userModel(mongo);

  async function organisation(code: string, field = 'org'): Promise<Organisation> {
    const org = await organisations.findById(code).lean();
    if (!org) throw new Problem(422, 'unknown-organisation', `There is no organisation with code ${code}.`, { field });
    return toOrganisation(org);
  }

  async function user(id: string, field = 'user'): Promise<User> {
    const found = await users.findById(id).lean();
    if (!found) throw new Problem(422, 'unknown-user', `There is no user ${id}.`, { field });
    return toUser(found);
  }

  return {
    organisation,
    user,
    async listOrganisations(_principal: Principal) {
      return (await organisations.find().sort({ _id: 1 }).lean()).map(toOrganisation);
    },
    async createOrganisation(principal: Principal, org: Organisation) {
      requireRole(principal, ['admin'], 'create an organisation');
      if (org.parent) await organisation(org.parent, 'parent');
      const { code, ...rest } = org;
      const record = { _id: code, ...rest };
      try {
        await organisations.create(record);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new Problem(409, 'duplicate-organisation', `Organisation ${code} exists already.`, { field: 'code' });
        throw error;
      }
      await announceOrganisation(mongo, record);
      return org;
    },
    async listUsers(principal: Principal, org?: string): Promise<UserView[]> {
      // Who works where is each organisation's own business: drafts, approvals and assignments
      // only ever name people of the caller's organisation, so that is all a non-admin sees.
      if (principal.role !== 'admin' && org !== undefined && org !== principal.orgCode) {
        throw forbidden(`You may list the users of ${principal.orgCode} only.`, 'org');
      }
      const scope = principal.role === 'admin' ? org : principal.orgCode;
      return (await users.find(scope ? { org: scope } : {}).sort({ _id: 1 }).lean()).map((u) => toUserView(toUser(u), principal));
    },
    /** The user's clearance, `none` when never given; read per secret access, so never cached stale. */
    async clearanceOf(userId: string): Promise<Clearance> {
      return (await users.findById(userId, { clearance: 1 }).lean())?.clearance ?? 'none';
    },
    /**
     * An administrator of the user's own organisation sets it. Two changes racing are decided by
     * the unique id of the change (`<user>:<n>`) in its own collection: the loser is told to
     * retry, and the user record is written only by the winner.
     */
    async setClearance(principal: Principal, userId: string, clearance: Clearance): Promise<User> {
      requireRole(principal, ['admin'], 'change a clearance');
      const found = await users.findById(userId).lean();
      // Someone of another organisation is not ours to reveal or to change.
      if (!found || found.org !== principal.orgCode) throw new Problem(404, 'user-not-found', `There is no user ${userId} in ${principal.orgCode}.`, { field: 'id' });
      const changes = found.clearanceChanges ?? [];
      const change = { clearance, changedBy: principal.userId, changedAt: new Date().toISOString() };
      try {
        await mongo.collection('clearance_changes').insertOne({ _id: `${userId}:${changes.length + 1}` as never, userId, ...change });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new Problem(409, 'concurrent-change', `The clearance of ${userId} was changed at the same moment; read it again and retry.`, { field: 'clearance' });
        throw error;
      }
      const record = { ...found, clearance, clearanceChanges: [...changes, change] };
      await users.updateOne({ _id: userId }, { $set: { clearance, clearanceChanges: record.clearanceChanges } });
      await announceUser(mongo, record);
      return toUser(record);
    },
    async createUser(principal: Principal, created: User) {
      requireRole(principal, ['admin'], 'create a user');
      await organisation(created.org);
      const { id, ...rest } = created;
      const record = { _id: id, ...rest };
      try {
        await users.create(record);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new Problem(409, 'duplicate-user', `User ${id} exists already.`, { field: 'id' });
        throw error;
      }
      await announceUser(mongo, record);
      return created;
    },
  };
}

export type Directory = ReturnType<typeof directory>;

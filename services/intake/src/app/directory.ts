import type { Connection } from 'mongoose';
import { Problem, isDuplicateKeyError } from '@vanthu/shared';
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

import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { isDuplicateKeyError, DEMO_USERS, ROLES } from '@vanthu/shared';
import type { User } from '../app/ports';

type UserDoc = Omit<User, 'id'> & { _id: string };

const schema = new Schema<UserDoc>(
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
schema.index({ org: 1, role: 1 });

export const userModel = (c: Connection): Model<UserDoc> =>
  (c.models.users as Model<UserDoc> | undefined) ?? c.model<UserDoc>('users', schema, 'users');

export const toUser = ({ _id, ...rest }: UserDoc): User => ({ id: _id, ...rest });

/**
 * Inserts the demo people where missing; an entry that exists is left as it is. The API and the worker
 * seed at the same time on a new database, so a duplicate key means "the other one did it".
 */
export async function seedUsers(c: Connection): Promise<void> {
  const model = userModel(c);
  for (const { id, ...rest } of DEMO_USERS) {
    try {
      await model.create({ _id: id, ...rest });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

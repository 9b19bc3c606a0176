import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { insertMissing } from './insert-missing';
import { CLEARANCES, DEMO_USERS, ROLES, type Clearance } from '@vanthu/shared';
import type { User } from '../app/ports';

/** A change of clearance, kept on the user: each one is announced as its own event. */
export interface ClearanceChange {
  clearance: Clearance;
  changedBy: string;
  changedAt: string;
}

type UserDoc = Omit<User, 'id'> & { _id: string; announced?: boolean | string[]; clearanceChanges?: ClearanceChange[] };

const schema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    fullName: { type: String, required: true },
    position: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
    org: { type: String, required: true },
    email: { type: String, required: true },
    clearance: { type: String, enum: CLEARANCES },
    clearanceChanges: [Schema.Types.Mixed],
    /** Set once its directory event is in the outbox (records/directory-events.ts). */
    announced: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
schema.index({ org: 1, role: 1 });

export const userModel = (c: Connection): Model<UserDoc> =>
  (c.models.users as Model<UserDoc> | undefined) ?? c.model<UserDoc>('users', schema, 'users');

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- `announced` is bookkeeping, not part of a user
export const toUser = ({ _id, announced, clearanceChanges, ...rest }: UserDoc): User => ({ id: _id, ...rest });

/** The demo people, where missing. */
export function seedUsers(c: Connection): Promise<void> {
  return insertMissing(userModel(c), DEMO_USERS.map(({ id, ...rest }) => ({ _id: id, ...rest })));
}

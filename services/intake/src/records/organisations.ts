import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { isDuplicateKeyError, DEMO_ORGANISATIONS, ORG_LEVELS } from '@vanthu/shared';
import type { Organisation } from '../app/ports';

type OrganisationDoc = Omit<Organisation, 'code'> & { _id: string };

const schema = new Schema<OrganisationDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    level: { type: String, enum: ORG_LEVELS, required: true },
    parent: { type: String },
    notationCode: { type: String, required: true },
    numbering: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
schema.index({ parent: 1 });

export const organisationModel = (c: Connection): Model<OrganisationDoc> =>
  (c.models.organisations as Model<OrganisationDoc> | undefined) ?? c.model<OrganisationDoc>('organisations', schema, 'organisations');

export const toOrganisation = ({ _id, ...rest }: OrganisationDoc): Organisation => ({ code: _id, ...rest });

/** Inserts the demo hierarchy where missing; a code that exists is left as it is. */
/**
 * Inserts the demo hierarchy where missing; an entry that exists is left as it is. The API and the worker
 * seed at the same time on a new database, so a duplicate key means "the other one did it".
 */
export async function seedOrganisations(c: Connection): Promise<void> {
  const model = organisationModel(c);
  for (const { code, ...rest } of DEMO_ORGANISATIONS) {
    try {
      await model.create({ _id: code, ...rest });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

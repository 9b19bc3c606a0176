import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { insertMissing } from './insert-missing';
import { DEMO_ORGANISATIONS, ORG_LEVELS } from '@vanthu/shared';
import type { Organisation } from '../app/ports';

type OrganisationDoc = Omit<Organisation, 'code'> & { _id: string; announced?: boolean | string[] };

const schema = new Schema<OrganisationDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    level: { type: String, enum: ORG_LEVELS, required: true },
    parent: { type: String },
    notationCode: { type: String, required: true },
    numbering: { type: Schema.Types.Mixed, required: true },
    /** Set once its directory event is in the outbox (records/directory-events.ts). */
    announced: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
schema.index({ parent: 1 });

export const organisationModel = (c: Connection): Model<OrganisationDoc> =>
  (c.models.organisations as Model<OrganisationDoc> | undefined) ?? c.model<OrganisationDoc>('organisations', schema, 'organisations');

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- `announced` is bookkeeping, not part of an organisation
export const toOrganisation = ({ _id, announced, ...rest }: OrganisationDoc): Organisation => ({ code: _id, ...rest });

/** The demo hierarchy, where missing. */
export function seedOrganisations(c: Connection): Promise<void> {
  return insertMissing(organisationModel(c), DEMO_ORGANISATIONS.map(({ code, ...rest }) => ({ _id: code, ...rest })));
}

import type { ServiceContext } from '@vanthu/shared';
import { actions } from './actions';
import { directory } from './directory';
import { drafts } from './drafts';
import type { IntakeApplication, Principal } from './ports';
import { queries } from './queries';

/** The intake application on the service's own database, the blob store and Temporal. */
export function createIntakeApplication(ctx: Pick<ServiceContext, 'mongo' | 'blobs' | 'temporal'>): IntakeApplication {
  const people = directory(ctx.mongo);
  const read = queries(ctx.mongo, ctx.blobs);
  const write = drafts({ mongo: ctx.mongo, blobs: ctx.blobs, temporal: ctx.temporal, directory: people });
  const statusIn = (collection: string) => async (id: string) =>
    (await ctx.mongo.collection(collection).findOne({ _id: id as never }, { projection: { status: 1 } }))?.status as string | undefined;
  const act = actions(ctx.temporal, people, statusIn('documents'), statusIn('incoming'));
  // A change is first a read: whoever may not see the document gets the read's own 404, never
  // the workflow's 403 or 409, which would tell that it exists and what state it is in.
  // Every change then answers with the document as it is after the change.
  const then = <T extends [Principal, string, ...unknown[]]>(run: (...args: T) => Promise<void>) => async (...args: T) => {
    await read.loadDocument(args[0], args[1]);
    await run(...args);
    return read.getDocument(args[0], args[1]);
  };
  const thenIncoming = <T extends [Principal, string, ...unknown[]]>(run: (...args: T) => Promise<void>) => async (...args: T) => {
    await read.loadIncoming(args[0], args[1]);
    await run(...args);
    return read.getIncoming(args[0], args[1]);
  };

  return {
    listOrganisations: people.listOrganisations,
    createOrganisation: people.createOrganisation,
    listUsers: people.listUsers,
    createUser: people.createUser,
    async createDraft(principal, input, files, options) {
      const id = await write.createDraft(principal, input, files, options);
      return read.getDocument(principal, id);
    },
    reviseDraft: then(write.reviseDraft),
    submit: then(act.submit),
    approve: then(act.approve),
    returnForRevision: then(act.returnForRevision),
    reject: then(act.reject),
    sign: then(act.sign),
    issue: then(act.issue),
    recall: then(act.recall),
    getDocument: read.getDocument,
    listDocuments: read.listDocuments,
    getDocumentBlob: read.getDocumentBlob,
    listIncoming: read.listIncoming,
    getIncoming: read.getIncoming,
    assignIncoming: thenIncoming(act.assignIncoming),
    startProcessing: thenIncoming(act.startProcessing),
    completeIncoming: thenIncoming(act.completeIncoming),
    refuseIncoming: thenIncoming(act.refuseIncoming),
    outgoingRegister: read.outgoingRegister,
    incomingRegister: read.incomingRegister,
  };
}

import { isSecret, type ServiceContext } from '@vanthu/shared';
import { sealingStore } from '../records/sealings';
import type { LiveRegisters } from '../registers/live-registers';
import { actions } from './actions';
import { directory } from './directory';
import { drafts } from './drafts';
import type { IntakeApplication, Principal } from './ports';
import { copyHolder, documentHolder, queries } from './queries';
import { secretAccess, type AccessRecorder, type SecretHolder } from './secret-access';

/** The intake application on the service's own database, the blob store, the key ring and Temporal. */
export function createIntakeApplication(ctx: Pick<ServiceContext, 'mongo' | 'blobs' | 'temporal' | 'keys'>, accessLog: AccessRecorder, registers?: LiveRegisters): IntakeApplication {
  const people = directory(ctx.mongo);
  const sealings = sealingStore(ctx.mongo);
  const secrets = secretAccess({ keys: ctx.keys, sealings, clearanceOf: people.clearanceOf, accessLog });
  const read = queries(ctx.mongo, ctx.blobs, secrets, registers);
  const write = drafts({ mongo: ctx.mongo, blobs: ctx.blobs, keys: ctx.keys, sealings, temporal: ctx.temporal, directory: people });
  const statusIn = (collection: string) => async (id: string) =>
    (await ctx.mongo.collection(collection).findOne({ _id: id as never }, { projection: { status: 1 } }))?.status as string | undefined;
  const act = actions(ctx.temporal, people, statusIn('documents'), statusIn('incoming'), write.resumeLifecycle);

  // A reason, comment or report given on a secret document is sealed with its key here, before
  // it becomes an Update's argument: workflow history, events and records only ever hold the JWE.
  const sealText = async (holder: SecretHolder, text: string | undefined) => {
    if (text === undefined || !isSecret(holder.secrecy)) return text;
    return (await secrets.keyOf(holder)).seal(text);
  };

  // A change is first a read: whoever may not see the document gets the read's own 404, never
  // the workflow's 403 or 409, which would tell that it exists and what state it is in.
  // Every change then answers with the document as it is after the change.
  const acting =
    <V>(load: (p: Principal, id: string) => Promise<SecretHolder>, view: (p: Principal, id: string) => Promise<V>) =>
    <A extends unknown[]>(run: (p: Principal, id: string, ...args: A) => Promise<void>, textAt?: number) =>
    async (principal: Principal, id: string, ...args: A) => {
      const holder = await load(principal, id);
      if (textAt !== undefined) args[textAt] = await sealText(holder, args[textAt] as string | undefined);
      await run(principal, id, ...args);
      return view(principal, id);
    };
  const then = acting(async (p, id) => documentHolder(await read.loadDocument(p, id, {}, 'act')), read.getDocument);
  const thenIncoming = acting(async (p, id) => copyHolder(await read.loadIncoming(p, id, {}, 'act')), read.getIncoming);

  return {
    listOrganisations: people.listOrganisations,
    createOrganisation: people.createOrganisation,
    listUsers: people.listUsers,
    createUser: people.createUser,
    setClearance: people.setClearance,
    async createDraft(principal, input, files, options) {
      const id = await write.createDraft(principal, input, files, options);
      return read.getDocument(principal, id);
    },
    reviseDraft: then(write.reviseDraft),
    submit: then(act.submit),
    approve: then(act.approve, 0),
    returnForRevision: then(act.returnForRevision, 0),
    reject: then(act.reject, 0),
    sign: then(act.sign),
    issue: then(act.issue),
    recall: then(act.recall, 0),
    getDocument: read.getDocument,
    listDocuments: read.listDocuments,
    getDocumentBlob: read.getDocumentBlob,
    getIncomingBlob: read.getIncomingBlob,
    listIncoming: read.listIncoming,
    getIncoming: read.getIncoming,
    assignIncoming: thenIncoming(act.assignIncoming),
    startProcessing: thenIncoming(act.startProcessing),
    completeIncoming: thenIncoming(act.completeIncoming, 0),
    refuseIncoming: thenIncoming(act.refuseIncoming, 0),
    outgoingRegister: read.outgoingRegister,
    incomingRegister: read.incomingRegister,
    outgoingRegisterPage: read.outgoingRegisterPage,
    incomingRegisterPage: read.incomingRegisterPage,
  };
}

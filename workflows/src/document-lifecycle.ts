import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  DocumentAttributes,
  LIFECYCLE_ERRORS,
  RECIPIENT_STATUSES,
  SIGNING_ERRORS,
  TASK_QUEUES,
  documentParticipants,
  isSecret,
  type Actor,
  type DocumentStatus,
  type LifecycleInput,
  type LifecycleState,
  type RecipientState,
  type SignConfirmation,
} from '@vanthu/shared/contracts';
import { archive, intake, intakeQuick, signing } from './activities';
import {
  approveUpdate,
  issueUpdate,
  lifecycleStateQuery,
  recallSignal,
  recallUpdate,
  recipientStatusSignal,
  rejectUpdate,
  returnUpdate,
  reviseUpdate,
  signUpdate,
  submitUpdate,
} from './definitions';
import { documentRouting } from './event-routing';
import { createExclusive } from './exclusive';
import { incomingDocument } from './incoming-document';
import { PATCHES } from './patches';
import { isFinalRecipientStatus, vietnamIso } from './time';


const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

export const workflowIdFor = (documentId: string) => `document-${documentId}`;
export const incomingWorkflowIdFor = (documentId: string, org: string) => `incoming-${documentId}@${org}`;

/**
 * One document's life, from draft to archive: register, review (approvers in order), signing
 * (the signer, then the organisation at issuance with its number), distribution to each
 * recipient as a child workflow, recall, archiving. The workflow is the only writer of the
 * document's records after its creation; every change goes through `exclusive`.
 */
export async function documentLifecycle(input: LifecycleInput): Promise<LifecycleState> {
  const state: LifecycleState = {
    documentId: input.documentId,
    status: 'draft',
    // The API inserted the draft (seq 0); the workflow records every transition from 'created' on.
    seq: 0,
    approvalIndex: 0,
    personSigned: false,
    content: input.content,
    attachments: input.attachments,
    signatures: [],
    attachmentSignatures: [],
    recipients: [],
  };
  let approvers = [...input.approvers];
  let recipients = [...input.recipients];
  let dueDate = input.dueDate;
  let recallReason: string | undefined;
  // Set at issuance: documents issued before the patch keep distributing the old way on replay.
  let fanOut = false;
  let distributionFailure: unknown;
  // A batch of recipients' statuses is queued to be recorded (it takes every change made before it runs).
  let recipientsPending = false;
  const exclusive = createExclusive();
  // Taken before any handler exists, so 'created' is always the first transition.
  const created = exclusive(() =>
    transition('created', 'draft', input.createdBy, {
      data: { issuer: input.issuer, type: input.type, urgency: input.urgency, secrecy: input.secrecy, content: input.content.sha256 },
    }),
  );

  const requireStatus = (allowed: DocumentStatus[], action: string) => {
    if (!allowed.includes(state.status)) {
      throw fail(LIFECYCLE_ERRORS.invalidTransition, `cannot ${action} a document that is ${state.status}`);
    }
  };
  const requireIssuerStaff = (actor: Actor, roles: string[], action: string) => {
    if (actor.org !== input.issuer || !roles.includes(actor.role)) {
      throw fail(LIFECYCLE_ERRORS.forbidden, `${action}: only a ${roles.join(' or ')} of ${input.issuer} may do this`);
    }
  };

  async function transition(action: string, status: DocumentStatus, actor: string | undefined, extra: { note?: string; patch?: Record<string, unknown>; data?: Record<string, unknown> } = {}) {
    state.seq += 1;
    const changed = state.status !== status;
    state.status = status;
    await intakeQuick().recordTransition({
      aggregateId: input.documentId,
      documentId: input.documentId,
      kind: 'document',
      seq: state.seq,
      action,
      status,
      at: new Date().toISOString(),
      ...(actor !== undefined && { actor }),
      ...(extra.note !== undefined && { note: extra.note }),
      patch: { status, currentApprover: state.currentApprover ?? null, ...extra.patch },
      data: { ...documentRouting(input, state), ...extra.data },
    });
    if (changed) upsertSearchAttributes([{ key: DocumentAttributes.status, value: status }]);
  }

  function startReview() {
    state.approvalIndex = 0;
    state.currentApprover = approvers[0];
    return state.currentApprover ? 'in_review' : 'signing';
  }

  setHandler(lifecycleStateQuery, () => state);

  setHandler(
    submitUpdate,
    (actor) =>
      exclusive(async () => {
        requireStatus(['draft'], 'submit');
        await transition('registered', 'registered', actor.userId);
        const next = startReview();
        await transition(next === 'in_review' ? 'review-started' : 'ready-for-signing', next, undefined, {
          data: { approvers },
        });
        return state;
      }),
    {
      validator: (actor) => {
        requireStatus(['draft'], 'submit');
        if (actor.userId !== input.createdBy) requireIssuerStaff(actor, ['clerk'], 'submit');
      },
    },
  );

  const requireCurrentApprover = (actor: Actor) => {
    requireStatus(['in_review'], 'review');
    if (actor.userId !== state.currentApprover) {
      throw fail(LIFECYCLE_ERRORS.notYourTurn, `it is ${state.currentApprover}'s turn to review, not ${actor.userId}'s`);
    }
  };

  setHandler(
    approveUpdate,
    (actor, comment) =>
      exclusive(async () => {
        requireCurrentApprover(actor);
        state.approvalIndex += 1;
        state.currentApprover = approvers[state.approvalIndex];
        const status = state.currentApprover ? 'in_review' : 'signing';
        await transition('approved', status, actor.userId, {
          ...(comment ? { note: comment } : {}),
          data: { nextApprover: state.currentApprover ?? null },
        });
        return state;
      }),
    { validator: (actor, _comment) => requireCurrentApprover(actor) },
  );

  setHandler(
    returnUpdate,
    (actor, reason) =>
      exclusive(async () => {
        requireCurrentApprover(actor);
        state.currentApprover = undefined;
        await transition('returned', 'returned', actor.userId, { note: reason });
        return state;
      }),
    { validator: (actor, _reason) => requireCurrentApprover(actor) },
  );

  setHandler(
    rejectUpdate,
    (actor, reason) =>
      exclusive(async () => {
        requireCurrentApprover(actor);
        state.currentApprover = undefined;
        await transition('rejected', 'rejected', actor.userId, { note: reason });
        return state;
      }),
    { validator: (actor, _reason) => requireCurrentApprover(actor) },
  );

  const requireAuthor = (actor: Actor) => {
    requireStatus(['draft', 'returned'], 'revise');
    if (actor.userId !== input.createdBy) throw fail(LIFECYCLE_ERRORS.forbidden, 'only the author may revise a document');
  };

  setHandler(
    reviseUpdate,
    (actor, revision) =>
      exclusive(async () => {
        requireAuthor(actor);
        if (revision.content) state.content = revision.content;
        if (revision.attachments) state.attachments = revision.attachments;
        if (revision.approvers) approvers = [...revision.approvers];
        if (revision.recipients) recipients = [...revision.recipients];
        if (revision.dueDate !== undefined) dueDate = revision.dueDate;
        const wasReturned = state.status === 'returned';
        const patch = {
          content: state.content,
          attachments: state.attachments,
          approvers,
          addressees: recipients,
          dueDate: dueDate ?? null,
          ...(isSecret(input.secrecy) && { participants: documentParticipants({ ...input, approvers }) }),
        };
        await transition('revised', wasReturned ? 'registered' : 'draft', actor.userId, { patch, data: { content: state.content.sha256 } });
        if (wasReturned) {
          // A returned document goes back through review from the first approver.
          const next = startReview();
          await transition(next === 'in_review' ? 'review-started' : 'ready-for-signing', next, undefined, { data: { approvers } });
        }
        return state;
      }),
    { validator: (actor, _revision) => requireAuthor(actor) },
  );

  const requireSigner = (actor: Actor) => {
    requireStatus(['signing'], 'sign');
    if (state.personSigned) throw fail(LIFECYCLE_ERRORS.invalidTransition, 'the document is already signed by its signer');
    if (actor.userId !== input.signer.userId) throw fail(LIFECYCLE_ERRORS.notYourTurn, `only ${input.signer.userId} may sign this document`);
  };

  // Refused before it is accepted, so nothing is recorded; the signing activity checks the
  // confirmation itself (signer, document, content) and spends it.
  const requireConfirmation = (confirmation: SignConfirmation | undefined) => {
    if (!confirmation?.signingAuthorisation) {
      throw fail(SIGNING_ERRORS.signerIntentMissing, `${input.signer.userId} must confirm the signature: send a signingAuthorisation from the signing service`);
    }
  };

  setHandler(
    signUpdate,
    (actor: Actor, confirmation?: SignConfirmation) =>
      exclusive(async () => {
        requireSigner(actor);
        const parties = await intakeQuick().signingParties(input.documentId);
        const signed = await signing.signAsPerson({
          documentId: input.documentId,
          content: state.content,
          signer: parties.signer,
          orgCode: input.issuer,
          authority: input.signer.authority,
          ...(input.signer.onBehalfOf !== undefined && { onBehalfOf: input.signer.onBehalfOf }),
          visibleStamp: true,
          ...(input.sealing && { sealing: input.sealing }),
          ...(confirmation?.signingAuthorisation !== undefined && { signingAuthorisation: confirmation.signingAuthorisation }),
        });
        state.content = signed.content;
        state.signatures.push(signed.signature);
        state.personSigned = true;
        await transition('signed', 'signing', actor.userId, {
          patch: { content: signed.content, personSignature: signed.signature },
          data: { signature: signed.signature, content: signed.content.sha256 },
        });
        return state;
      }),
    {
      validator: (actor: Actor, confirmation?: SignConfirmation) => {
        requireSigner(actor);
        requireConfirmation(confirmation);
      },
    },
  );

  const requireIssuable = (actor: Actor) => {
    requireStatus(['signing'], 'issue');
    if (!state.personSigned) throw fail(LIFECYCLE_ERRORS.invalidTransition, 'the signer has not signed the document yet');
    requireIssuerStaff(actor, ['clerk'], 'issue');
  };

  setHandler(
    issueUpdate,
    (actor) =>
      exclusive(async () => {
        requireIssuable(actor);
        const issuedAt = vietnamIso(new Date());
        const assigned = await intakeQuick().allocateDocumentNumber({
          documentId: input.documentId,
          issuer: input.issuer,
          type: input.type,
          secrecy: input.secrecy,
          issuedAt,
        });
        const parties = await intakeQuick().signingParties(input.documentId);
        const sealed = await signing.signAsOrganisation({
          documentId: input.documentId,
          content: state.content,
          attachments: state.attachments,
          orgCode: parties.organisation.orgCode,
          orgName: parties.organisation.orgName,
          notation: assigned.notation,
          issuedAt,
          ...(input.sealing && { sealing: input.sealing }),
        });
        Object.assign(state, { number: assigned.number, notation: assigned.notation, issuedAt, content: sealed.content });
        state.signatures.push(sealed.signature);
        state.attachmentSignatures = sealed.attachments;
        upsertSearchAttributes([{ key: DocumentAttributes.number, value: assigned.notation }]);
        await transition('issued', 'issued', actor.userId, {
          patch: {
            number: assigned.number,
            notation: assigned.notation,
            issuedAt,
            content: sealed.content,
            organisationSignature: sealed.signature,
            attachmentSignatures: sealed.attachments,
            // Need-to-know: from now on the clerk who issued it, no longer every clerk at the desk.
            ...(isSecret(input.secrecy) && { participants: documentParticipants({ ...input, approvers }, actor.userId) }),
          },
          data: { number: assigned.number, notation: assigned.notation, issuedAt, content: sealed.content.sha256 },
        });
        if (patched(PATCHES.distributionAfterIssue)) {
          fanOut = true;
          // Queued now, so it is the next change after this one (before any recall); the main
          // body surfaces its failure, since no caller waits for it.
          void exclusive(distributeTogether).catch((error: unknown) => {
            distributionFailure = error;
          });
          return state;
        }
        await distribute();
        return state;
      }),
    { validator: (actor) => requireIssuable(actor) },
  );

  const startRecipientCopy = (org: string) =>
    startChild(incomingDocument, {
      workflowId: incomingWorkflowIdFor(input.documentId, org),
      taskQueue: TASK_QUEUES.intake,
      // The recipient's record outlives the sender's workflow only if a recall has not ended it.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          documentId: input.documentId,
          org,
          parentWorkflowId: workflowInfo().workflowId,
          issuer: input.issuer,
          urgency: input.urgency,
          secrecy: input.secrecy,
          ...(dueDate !== undefined && { dueDate }),
          content: state.content,
          attachments: state.attachments,
          ...(input.sealing && { sealing: input.sealing }),
        },
      ],
    });

  const recordDistributed = () =>
    transition('distributed', 'distributed', undefined, {
      patch: { recipients: state.recipients.map((r) => ({ ...r, statusCode: RECIPIENT_STATUSES[r.status] })) },
      data: { recipients },
    });

  /** Before `distribution-after-issue`: one child after another, inside the issue Update. */
  async function distribute() {
    const now = new Date().toISOString();
    state.recipients = recipients.map((org) => ({ org, status: 'arrived', updatedAt: now }));
    for (const org of recipients) await startRecipientCopy(org);
    await recordDistributed();
  }

  /** Every child's start in one workflow task: a province's resolution goes to a hundred communes at once. */
  async function distributeTogether() {
    // A recall accepted while the issue was being recorded ran first: the document goes to no one.
    if (state.status !== 'issued') return;
    const now = new Date().toISOString();
    state.recipients = recipients.map((org) => ({ org, status: 'arrived', updatedAt: now }));
    await Promise.all(recipients.map(startRecipientCopy));
    await recordDistributed();
  }

  const requireRecallable = (actor: Actor) => {
    requireStatus(['issued', 'distributed'], 'recall');
    requireIssuerStaff(actor, ['leader', 'clerk'], 'recall');
  };

  setHandler(
    recallUpdate,
    (actor, reason) =>
      exclusive(async () => {
        requireRecallable(actor);
        recallReason = reason;
        for (const r of state.recipients) {
          if (!isFinalRecipientStatus(r.status)) {
            await getExternalWorkflowHandle(incomingWorkflowIdFor(input.documentId, r.org)).signal(recallSignal, reason);
          }
        }
        // The sender's copy is frozen: no further change but the archiving of the recall.
        await transition('recalled', 'recalled', actor.userId, { note: reason });
        return state;
      }),
    { validator: (actor, _reason) => requireRecallable(actor) },
  );

  setHandler(recipientStatusSignal, async (update: RecipientState) => {
    if (fanOut) {
      // Known at once (the end of the document's life is judged on it); recorded in batches, so
      // a hundred copies registering at once cost a few writes, not a hundred in a row.
      const index = state.recipients.findIndex((r) => r.org === update.org);
      if (index < 0) return;
      state.recipients[index] = update;
      if (recipientsPending) return;
      recipientsPending = true;
      await exclusive(async () => {
        while (recipientsPending) {
          recipientsPending = false;
          await intakeQuick().recordRecipients(input.documentId, state.recipients.map((r) => ({ ...r })));
        }
      });
      return;
    }
    await exclusive(async () => {
      const index = state.recipients.findIndex((r) => r.org === update.org);
      if (index < 0) return;
      state.recipients[index] = update;
      await intake.recordRecipients(input.documentId, state.recipients);
    });
  });

  await created;

  // The document's life ends when it is rejected, or when every recipient is done with it.
  await condition(
    () =>
      distributionFailure !== undefined ||
      state.status === 'rejected' ||
      ((state.status === 'distributed' || state.status === 'recalled') &&
        state.recipients.length > 0 &&
        state.recipients.every((r) => isFinalRecipientStatus(r.status))) ||
      (state.status === 'recalled' && state.recipients.length === 0),
  );
  if (distributionFailure !== undefined) throw distributionFailure;
  if (state.status === 'rejected') {
    // Let the update that rejected the document answer its caller before the workflow closes.
    await condition(allHandlersFinished);
    return state;
  }

  await exclusive(async () => {
    const finalStatus = state.status;
    const validation = await signing.verifyDocument({ documentId: input.documentId, content: state.content, keepMaterial: true, ...(input.sealing && { sealing: input.sealing }) });
    const record = await intake.loadArchivalRecord(input.documentId);
    const { history, ...metadata } = record;
    const archived = await archive.archiveDocument({
      workflowId: workflowInfo().workflowId,
      metadata: { ...metadata, finalStatus },
      content: state.content,
      attachments: state.attachmentSignatures,
      signatures: state.signatures,
      validation,
      validationMaterial: validation.material ?? { certificates: [], crls: [] },
      history,
      ...(input.sealing && { sealing: input.sealing }),
    });
    state.archive = { packageId: archived.packageId, logIndex: archived.logIndex };
    await transition('archived', 'archived', undefined, {
      // A secret document's reason is sealed: kept whole, so its readers can still open it.
      ...(recallReason !== undefined && { note: isSecret(input.secrecy) ? recallReason : `recalled: ${recallReason}` }),
      patch: { archive: state.archive },
      data: { packageId: archived.packageId, manifestSha256: archived.manifestSha256, logIndex: archived.logIndex, finalStatus },
    });
  });
  await condition(allHandlersFinished);
  return state;
}

import { allHandlersFinished, ApplicationFailure, condition, getExternalWorkflowHandle, log, patched, setHandler } from '@temporalio/workflow';
import {
  LIFECYCLE_ERRORS,
  RECIPIENT_STATUSES,
  URGENCY_DEADLINES,
  type Actor,
  copyParticipants,
  isSecret,
  type IncomingInput,
  type IncomingState,
  type RecipientStatus,
} from '@vanthu/shared/contracts';
import { intake, intakeQuick, signing } from './activities';
import { assignUpdate, completeUpdate, incomingStateQuery, recallSignal, recipientStatusSignal, refuseUpdate, startProcessingUpdate } from './definitions';
import { copyRouting } from './event-routing';
import { createExclusive } from './exclusive';
import { PATCHES } from './patches';
import { endOfVietnamDay, isFinalRecipientStatus } from './time';
import { msToNumber } from '@temporalio/common/lib/time';

const fail = (type: string, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * A recipient organisation's handling of an issued document: it verifies the signatures on
 * arrival, registers the document with an arrival number, then a clerk assigns a handler with a
 * deadline, the handler processes it and reports. Reminders and escalation run on timers set by
 * urgency. Each status change reaches the sender's workflow.
 */
export async function incomingDocument(input: IncomingInput): Promise<IncomingState> {
  const id = `${input.documentId}@${input.org}`;
  const state: IncomingState = { id, documentId: input.documentId, org: input.org, status: 'arrived', seq: 0 };
  const exclusive = createExclusive();
  const policy = URGENCY_DEADLINES[input.urgency];
  // Asked once, first: a patch asked for right after a local activity in the same workflow task
  // does not replay (its marker lands before the command that asks for it).
  const answerBeforeSender = patched(PATCHES.copyAnswersBeforeSender);
  // The sender's workflow hears of each status in order: each signal waits for the one before.
  let toSender: Promise<void> = Promise.resolve();
  // Arrival, under the lock before any handler can run: the recipient checks authenticity and
  // integrity, then registers the document with its arrival number.
  const arrival = exclusive(async () => {
    const report = await signing.verifyDocument({ documentId: input.documentId, content: input.content, ...(input.sealing && { sealing: input.sealing }) });
    const arrivedAt = new Date().toISOString();
    const registered = await intake.registerIncoming({ ...input, arrivedAt });
    state.arrivalNumber = registered.arrivalNumber;
    // The register's arrival time travels with the event: the operations figures count the day it names.
    await transition('delivered', 'arrived', undefined, { data: { verified: report.valid, arrivedAt } });
    if (!report.valid) {
      const problems = report.signatures.flatMap((s) => s.problems).join('; ') || 'no valid signature';
      await transition('refused', 'rejected', undefined, { note: `signature verification failed: ${problems}` });
    } else {
      await transition('received', 'accepted', undefined, { patch: { arrivalNumber: registered.arrivalNumber }, data: { arrivalNumber: registered.arrivalNumber } });
    }
  });


  async function transition(
    action: string,
    status: RecipientStatus,
    actor?: string,
    extra: { note?: string; patch?: Record<string, unknown>; data?: Record<string, unknown>; statusChange?: boolean } = {},
  ) {
    state.seq += 1;
    state.status = status;
    const at = new Date().toISOString();
    await intakeQuick().recordTransition({
      aggregateId: id,
      documentId: input.documentId,
      kind: 'incoming',
      seq: state.seq,
      action,
      status,
      at,
      ...(actor !== undefined && { actor }),
      ...(extra.note !== undefined && { note: extra.note }),
      patch: { status, statusCode: RECIPIENT_STATUSES[status], ...extra.patch },
      data: { ...copyRouting(input, state, status), ...extra.data },
    });
    // The sender follows each recipient's status; an event that changes none (a reminder) is not its concern.
    if (extra.statusChange === false) return;
    const told = {
      org: input.org,
      status,
      ...(state.arrivalNumber !== undefined && { arrivalNumber: state.arrivalNumber }),
      ...(state.handler !== undefined && { handler: state.handler }),
      ...(state.deadline !== undefined && { deadline: state.deadline }),
      updatedAt: at,
    };
    const tell = () => getExternalWorkflowHandle(input.parentWorkflowId).signal(recipientStatusSignal, told);
    if (!answerBeforeSender) {
      await tell();
      return;
    }
    // The copy's record is its truth, written above; the sender's view follows it. A sender no
    // longer running cannot be told, and that is no reason to fail the copy's step.
    toSender = toSender.then(tell).catch((error: unknown) => log.warn('the sender’s workflow was not told of a status', { status, error: String(error) }));
  }

  const requireStaff = (actor: Actor, roles: string[]) => {
    if (actor.org !== input.org || !roles.includes(actor.role)) {
      throw fail(LIFECYCLE_ERRORS.forbidden, `only a ${roles.join(' or ')} of ${input.org} may do this`);
    }
  };
  const requireStatus = (allowed: RecipientStatus[], action: string) => {
    if (!allowed.includes(state.status)) throw fail(LIFECYCLE_ERRORS.invalidTransition, `cannot ${action} a copy that is ${state.status}`);
  };
  const requireHandler = (actor: Actor, allowed: RecipientStatus[], action: string) => {
    requireStatus(allowed, action);
    if (actor.userId !== state.handler) throw fail(LIFECYCLE_ERRORS.notYourTurn, `only the assigned handler ${state.handler} may ${action}`);
  };

  setHandler(incomingStateQuery, () => state);

  setHandler(
    assignUpdate,
    (actor, handler, deadline) =>
      exclusive(async () => {
        requireStaff(actor, ['clerk', 'leader']);
        requireStatus(['accepted', 'assigned'], 'assign');
        state.handler = handler;
        state.deadline = deadline
          ? endOfVietnamDay(deadline).toISOString()
          : input.dueDate
            ? endOfVietnamDay(input.dueDate).toISOString()
            : new Date(Date.now() + msToNumber(policy.processWithin)).toISOString();
        await transition('assigned', 'assigned', actor.userId, {
          patch: { handler, deadline: state.deadline, ...(isSecret(input.secrecy) && { participants: copyParticipants(input.org, handler) }) },
          data: { handler, deadline: state.deadline },
        });
        return state;
      }),
    {
      validator: (actor, _handler, _deadline) => {
        requireStaff(actor, ['clerk', 'leader']);
        requireStatus(['accepted', 'assigned'], 'assign');
      },
    },
  );

  setHandler(
    startProcessingUpdate,
    (actor) =>
      exclusive(async () => {
        requireHandler(actor, ['assigned'], 'start processing');
        await transition('processing', 'processing', actor.userId);
        return state;
      }),
    { validator: (actor) => requireHandler(actor, ['assigned'], 'start processing') },
  );

  setHandler(
    completeUpdate,
    (actor, reportText) =>
      exclusive(async () => {
        requireHandler(actor, ['assigned', 'processing'], 'complete');
        await transition('processed', 'done', actor.userId, { note: reportText, patch: { report: reportText } });
        return state;
      }),
    { validator: (actor, _report) => requireHandler(actor, ['assigned', 'processing'], 'complete') },
  );

  setHandler(
    refuseUpdate,
    (actor, reason) =>
      exclusive(async () => {
        requireStaff(actor, ['clerk', 'leader']);
        requireStatus(['accepted', 'assigned'], 'refuse');
        await transition('refused', 'rejected', actor.userId, { note: reason });
        return state;
      }),
    {
      validator: (actor, _reason) => {
        requireStaff(actor, ['clerk', 'leader']);
        requireStatus(['accepted', 'assigned'], 'refuse');
      },
    },
  );

  // Async, so the workflow does not complete until the recall is recorded and the sender told.
  setHandler(recallSignal, async (reason) => {
    await exclusive(async () => {
      if (isFinalRecipientStatus(state.status)) return;
      // The recipient deletes its copy: the record stays (the recall is logged), the content goes.
      await transition('copy-recalled', 'recalled', undefined, { note: reason, patch: { deleted: true, content: null, attachments: [] } });
    });
  });

  await arrival;

  // Deadline timers: a reminder before the deadline, an escalation when it passes.
  let reminded = false;
  let escalated = false;
  while (!isFinalRecipientStatus(state.status)) {
    if (!state.deadline || escalated) {
      await condition(() => isFinalRecipientStatus(state.status) || (state.deadline !== undefined && !escalated));
      continue;
    }
    const deadline = new Date(state.deadline).getTime();
    const remindAt = deadline - msToNumber(policy.remindBefore);
    const next = reminded ? deadline : remindAt;
    const knownDeadline = state.deadline;
    const waitMs = Math.max(0, next - Date.now());
    const interrupted = await condition(() => isFinalRecipientStatus(state.status) || state.deadline !== knownDeadline, waitMs);
    if (interrupted) {
      if (state.deadline !== knownDeadline) reminded = false;
      continue;
    }
    await exclusive(async () => {
      if (isFinalRecipientStatus(state.status)) return;
      if (!reminded) {
        reminded = true;
        await recordDeadlineEvent('deadline-approaching');
      } else {
        escalated = true;
        await recordDeadlineEvent('overdue');
      }
    });
  }
  await condition(allHandlersFinished);
  // Every status told before the copy's workflow ends: it is the sender's cue to finish.
  await toSender;
  return state;

  /** A deadline event changes no status; it is an event for notify (reminder, escalation to the leader). */
  function recordDeadlineEvent(action: 'deadline-approaching' | 'overdue') {
    return transition(action, state.status, undefined, {
      data: { escalateTo: action === 'overdue' ? { org: input.org, role: 'leader' } : null },
      statusChange: false,
    });
  }

}

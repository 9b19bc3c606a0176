import type { Request, Response } from 'express';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { conflict, notFound, principalOf, Problem, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import type { WorkFileDoc } from '../store/collections';
import {
  DECISION_REFUSALS,
  DISPOSITION_QUERY,
  DISPOSITION_UPDATE,
  dispositionWorkflowId,
  type Decision,
  type DispositionStatus,
  type RecordedDecision,
} from '../workflows/types';
import { parseBody } from './request-body';
import { ARCHIVISTS, AUTHORITIES, WORK_FILE_READERS } from './rights';
import type { TemporalAccess } from './temporal-access';

const startBody = z.object({});
const decisionBody = z.object({ reason: z.string().trim().max(1000).optional() });
const PREFIX = dispositionWorkflowId('');

/**
 * Disposition: an archivist proposes, a leader or admin of the same organisation — never the
 * proposer — approves or rejects, and the workflow (workflows/disposition.ts) enforces the same
 * rule again on the Update that carries the decision. Every actor is the authenticated user.
 */
export function dispositionRoutes(archive: Archive, temporal: TemporalAccess): SecureRouter {
  const r = secureRouter();
  const files = archive.workFiles;

  /** The work file a disposition id names, if the caller's organisation holds it; else 404. */
  async function fileOf(dispositionId: string, orgCode: string): Promise<WorkFileDoc> {
    const missing = () => notFound('disposition-not-found', `No disposition ${dispositionId}.`);
    if (!dispositionId.startsWith(PREFIX) || dispositionId.length === PREFIX.length) throw missing();
    return files.getOwned(dispositionId.slice(PREFIX.length), orgCode).catch((error: unknown) => {
      throw error instanceof Problem && error.status === 404 ? missing() : error;
    });
  }

  async function statusOf(dispositionId: string): Promise<DispositionStatus> {
    try {
      return await temporal.client.workflow.getHandle(dispositionId).query<DispositionStatus>(DISPOSITION_QUERY);
    } catch (error) {
      // A file that exists but was never proposed for disposition has no workflow.
      if (error instanceof WorkflowNotFoundError) throw notFound('disposition-not-found', `No disposition ${dispositionId}.`);
      throw error;
    }
  }

  r.post('/v1/work-files/:id/disposition', ARCHIVISTS, async (req, res) => {
    parseBody(startBody, req.body);
    const who = principalOf(res);
    const file = await files.getOwned(String(String(req.params.id)), who.orgCode);
    const plan = await files.plan(file._id);
    const workflowId = dispositionWorkflowId(file._id);
    try {
      await temporal.client.workflow.start('dispositionWorkflow', {
        taskQueue: temporal.taskQueue,
        workflowId,
        args: [{ workFileId: file._id, orgCode: file.orgCode, requestedBy: { userId: who.userId, orgCode: who.orgCode, role: who.role } }],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw conflict('disposition-in-progress', `A disposition of ${file._id} is in progress.`);
      throw error;
    }
    res.status(202).json({ dispositionId: workflowId, plan, requestedBy: who.userId });
  });

  r.get('/v1/dispositions/:id', WORK_FILE_READERS, async (req, res) => {
    await fileOf(String(String(req.params.id)), principalOf(res).orgCode);
    res.json(await statusOf(String(req.params.id)));
  });

  const decide = (approve: boolean) => async (req: Request, res: Response) => {
    const { reason } = parseBody(decisionBody, req.body);
    const who = principalOf(res);
    const id = String(String(req.params.id));
    await fileOf(id, who.orgCode);
    const status = await statusOf(id);
    // Checked here for a clear answer; the workflow's validator checks it again, authoritatively.
    if (status.requestedBy === who.userId) throw new Problem(403, DECISION_REFUSALS.ownProposal, 'You proposed this disposition; another leader or admin must decide it.');
    if (status.phase !== 'awaiting-approval') throw conflict(DECISION_REFUSALS.notAwaiting, `Disposition ${id} is ${status.phase}, not awaiting approval.`);
    const decision: Decision = { approve, by: { userId: who.userId, orgCode: who.orgCode, role: who.role }, ...(reason !== undefined && { reason }) };
    let recorded: RecordedDecision;
    try {
      recorded = await temporal.client.workflow.getHandle(id).executeUpdate<RecordedDecision, [Decision]>(DISPOSITION_UPDATE, { args: [decision] });
    } catch (error) {
      throw refusal(id, error);
    }
    res.status(202).json({ dispositionId: id, decision: recorded });
  };
  r.post('/v1/dispositions/:id/approve', AUTHORITIES, decide(true));
  r.post('/v1/dispositions/:id/reject', AUTHORITIES, decide(false));
  return r;
}

/** The workflow's refusal of a decision, as the API answers it. */
function refusal(id: string, error: unknown): unknown {
  // Finished between the status query and the Update (lapsed, held, decided by someone else).
  if (error instanceof WorkflowNotFoundError) return conflict(DECISION_REFUSALS.notAwaiting, `Disposition ${id} is no longer awaiting approval.`);
  if (!(error instanceof WorkflowUpdateFailedError) || !(error.cause instanceof ApplicationFailure)) return error;
  const { type, message } = error.cause;
  if (type === DECISION_REFUSALS.notAwaiting) return conflict(type, message);
  if (type === DECISION_REFUSALS.ownProposal || type === DECISION_REFUSALS.notAuthorised) return new Problem(403, type, message);
  return error;
}

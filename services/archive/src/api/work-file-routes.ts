import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { conflict, notFound, type Logger } from '@vanthu/shared';
import type { Archive } from '../archive';
import { bagAsTar, planWorkFileBag } from '../bagit/work-file-bag';
import { DISPOSITION_QUERY, DISPOSITION_SIGNAL, dispositionWorkflowId, type Decision, type DispositionStatus } from '../workflows/types';

export interface TemporalAccess {
  client: Client;
  taskQueue: string;
}

const person = z.string().trim().min(1).max(200);
const createBody = z.object({
  code: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(500),
  category: z.string().trim().min(1).max(64).optional(),
  openedAt: z.string().datetime({ offset: true }).optional(),
});
const addBody = z.object({ packageId: z.string().min(1).max(64) });
const closeBody = z.object({ closedAt: z.string().datetime({ offset: true }).optional() });
const holdBody = z.object({ reason: z.string().trim().min(1).max(1000), placedBy: person });
const releaseBody = z.object({ releasedBy: person });
const dispositionBody = z.object({ requestedBy: person });
const decisionBody = z.object({ by: person, reason: z.string().trim().max(1000).optional() });

export function workFileRoutes(archive: Archive, temporal: TemporalAccess, logger: Logger): Router {
  const router = Router();
  const files = archive.workFiles;

  router.post('/v1/work-files', async (req, res) => {
    res.status(201).json(await files.create(createBody.parse(req.body)));
  });
  router.get('/v1/work-files/:id', async (req, res) => {
    res.json({ ...(await files.get(req.params.id)), members: await files.members(req.params.id), holds: await files.activeHolds(req.params.id) });
  });
  router.post('/v1/work-files/:id/documents', async (req, res) => {
    res.status(201).json(await files.addDocument(req.params.id, addBody.parse(req.body).packageId));
  });
  router.post('/v1/work-files/:id/close', async (req, res) => {
    res.json(await files.close(req.params.id, closeBody.parse(req.body ?? {}).closedAt));
  });
  router.get('/v1/work-files/:id/retention', async (req, res) => {
    res.json(await files.plan(req.params.id));
  });
  router.post('/v1/work-files/:id/holds', async (req, res) => {
    res.status(201).json(await files.placeHold(req.params.id, holdBody.parse(req.body)));
  });
  router.post('/v1/holds/:holdId/release', async (req, res) => {
    res.json(await files.releaseHold(req.params.holdId, releaseBody.parse(req.body).releasedBy));
  });

  router.post('/v1/work-files/:id/disposition', async (req, res) => {
    const { requestedBy } = dispositionBody.parse(req.body);
    const plan = await files.plan(req.params.id);
    const workflowId = dispositionWorkflowId(req.params.id);
    try {
      await temporal.client.workflow.start('dispositionWorkflow', {
        taskQueue: temporal.taskQueue,
        workflowId,
        args: [{ workFileId: req.params.id, requestedBy }],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) throw conflict('disposition-in-progress', `A disposition of ${req.params.id} is in progress.`);
      throw error;
    }
    res.status(202).json({ dispositionId: workflowId, plan });
  });

  const decide = (approve: boolean) => async (req: Request, res: Response) => {
    const body = decisionBody.parse(req.body);
    const handle = temporal.client.workflow.getHandle(String(req.params.id));
    let status: DispositionStatus;
    try {
      status = await handle.query<DispositionStatus>(DISPOSITION_QUERY);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound('disposition-not-found', `No disposition ${req.params.id}.`);
      throw error;
    }
    if (status.phase !== 'awaiting-approval') {
      throw conflict('disposition-not-awaiting-approval', `Disposition ${req.params.id} is ${status.phase}, not awaiting approval.`);
    }
    const decision: Decision = { approve, by: body.by, ...(body.reason !== undefined && { reason: body.reason }) };
    await handle.signal(DISPOSITION_SIGNAL, decision);
    res.status(202).json({ dispositionId: req.params.id, decision });
  };
  router.post('/v1/dispositions/:id/approve', decide(true));
  router.post('/v1/dispositions/:id/reject', decide(false));
  router.get('/v1/dispositions/:id', async (req, res) => {
    try {
      res.json(await temporal.client.workflow.getHandle(req.params.id).query<DispositionStatus>(DISPOSITION_QUERY));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw notFound('disposition-not-found', `No disposition ${req.params.id}.`);
      throw error;
    }
  });

  router.get('/v1/work-files/:id/export', async (req, res) => {
    const file = await files.get(req.params.id);
    const plan = await planWorkFileBag(archive, file, await files.members(file._id));
    res.setHeader('Content-Type', 'application/x-tar');
    res.setHeader('Content-Disposition', `attachment; filename="${plan.name}.tar"`);
    // Once bytes are out a problem+json can no longer be sent: a failure cuts the stream short,
    // and the receiver's manifest check catches the incomplete bag.
    await pipeline(Readable.from(bagAsTar(plan)), res).catch((error: unknown) => {
      logger.error({ err: error, workFileId: file._id }, 'bag export failed');
      res.destroy(error as Error);
    });
  });

  router.post('/v1/fixity-audits', async (_req, res) => {
    const auditId = `fixity-audit-${randomUUID()}`;
    await temporal.client.workflow.start('fixityAuditWorkflow', { taskQueue: temporal.taskQueue, workflowId: auditId, args: [] });
    res.status(202).json({ auditId });
  });
  router.get('/v1/fixity-audits', async (_req, res) => {
    res.json({ items: await archive.c.audits.find({}, { projection: { mismatches: 0 } }).sort({ startedAt: -1 }).limit(20).toArray() });
  });
  router.get('/v1/fixity-audits/:id', async (req, res) => {
    const report = await archive.c.audits.findOne({ _id: req.params.id });
    if (!report) throw notFound('fixity-audit-not-found', `No fixity audit ${req.params.id} (it may not have started yet).`);
    res.json(report);
  });
  return router;
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { principalOf, secureRouter, type Logger, type SecureRouter } from '@vanthu/shared';
import type { Archive } from '../archive';
import { bagAsTar, planWorkFileBag } from '../bagit/work-file-bag';
import type { Seen } from '../secrecy/package-access';
import { workFileCodeSchema } from '../workfiles/work-file-code';
import { parseBody } from './request-body';
import { ARCHIVISTS, WORK_FILE_READERS } from './rights';

const createBody = z.object({
  code: workFileCodeSchema,
  title: z.string().trim().min(1).max(500),
  category: z.string().trim().min(1).max(64).optional(),
  openedAt: z.string().datetime({ offset: true }).optional(),
});
const addBody = z.object({ packageId: z.string().min(1).max(64) });
/** Closing takes no fields: the date is the server's, the closer the caller. */
const closeBody = z.object({});

/** Work files of the caller's organisation; any other answers 404, as an unknown one does. */
export function workFileRoutes(archive: Archive, logger: Logger): SecureRouter {
  const r = secureRouter();
  const files = archive.workFiles;

  r.post('/v1/work-files', ARCHIVISTS, async (req, res) => {
    const who = principalOf(res);
    res.status(201).json(await files.create({ ...parseBody(createBody, req.body), orgCode: who.orgCode, createdBy: who.userId }));
  });
  r.get('/v1/work-files/:id', WORK_FILE_READERS, async (req, res) => {
    const file = await files.getOwned(String(String(req.params.id)), principalOf(res).orgCode);
    const viewer = await archive.access.viewer(req, res);
    const { members, packages } = await files.visibleMembers(file._id, viewer);
    await archive.access.listed(viewer, packages, `work-file:${file._id}`);
    res.json({ ...file, members, holds: await files.activeHolds(file._id) });
  });
  r.post('/v1/work-files/:id/documents', ARCHIVISTS, async (req, res) => {
    const { packageId } = parseBody(addBody, req.body);
    const viewer = await archive.access.viewer(req, res);
    const id = String(req.params.id);
    const admits = (pkg: Seen) => archive.access.allows(viewer, pkg, 'read', `package:${pkg._id}/work-file:${id}`);
    res.status(201).json(await files.addDocument(id, packageId, viewer.principal.orgCode, admits));
  });
  r.post('/v1/work-files/:id/close', ARCHIVISTS, async (req, res) => {
    parseBody(closeBody, req.body);
    const who = principalOf(res);
    const file = await files.getOwned(String(String(req.params.id)), who.orgCode);
    res.json(await files.close(file._id, who.userId));
  });
  r.get('/v1/work-files/:id/retention', WORK_FILE_READERS, async (req, res) => {
    const file = await files.getOwned(String(String(req.params.id)), principalOf(res).orgCode);
    res.json(await files.plan(file._id));
  });

  r.get('/v1/work-files/:id/export', ARCHIVISTS, async (req, res) => {
    const file = await files.getOwned(String(String(req.params.id)), principalOf(res).orgCode);
    const plan = await planWorkFileBag(archive, file, await files.members(file._id), await archive.access.viewer(req, res));
    res.setHeader('Content-Type', 'application/x-tar');
    res.setHeader('Content-Disposition', `attachment; filename="${plan.name}.tar"`);
    // Once bytes are out a problem+json can no longer be sent: a failure cuts the stream short,
    // and the receiver's manifest check catches the incomplete bag.
    await pipeline(Readable.from(bagAsTar(plan)), res).catch((error: unknown) => {
      logger.error({ err: error, workFileId: file._id }, 'bag export failed');
      res.destroy(error as Error);
    });
  });
  return r;
}

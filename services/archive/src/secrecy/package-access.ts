import { clearanceReaches, isSecret, levelsWithin, principalOf, type AccessEntry, type Clearance, type Principal } from '@vanthu/shared';
import type { Request, Response } from 'express';
import type { PackageDoc } from '../store/collections';
import type { UserClearances } from './user-clearances';

/** What the archive needs of the access log (AccessLog.record): resolves once the entry is kept. */
export interface AccessRecorder {
  record(entry: AccessEntry): Promise<unknown>;
}

/** The archive's looks at a package; `target` is `package:<id>[/...]`, or `work-file:<id>` for an export. */
type Action = Extract<AccessEntry['action'], 'read' | 'list' | 'archive-export'>;

/** Who is looking, once per request: the clearance is read once however many packages it meets. */
export interface Viewer {
  principal: Principal;
  clearance: Clearance;
  from?: string;
}

export type Seen = Pick<PackageDoc, '_id' | 'documentId'> & { metadata: Pick<PackageDoc['metadata'], 'issuerCode' | 'secrecy'> };

export type Refusal = 'other-organisation' | 'no-clearance';

/** What the package's fields must include for the checks below, as a find projection. */
export const ACCESS_PROJECTION = { documentId: 1, 'metadata.issuerCode': 1, 'metadata.secrecy': 1 } as const;

export function refusalOf(viewer: Pick<Viewer, 'principal' | 'clearance'>, pkg: Seen): Refusal | undefined {
  if (pkg.metadata.issuerCode !== viewer.principal.orgCode) return 'other-organisation';
  if (!clearanceReaches(viewer.clearance, pkg.metadata.secrecy)) return 'no-clearance';
  return undefined;
}

/**
 * Need-to-know in the archive (docs/archive.md, "Secret packages"): a package is there for a
 * user of the organisation that issued it whose clearance reaches its level; for anyone else it
 * does not exist (404, absent from lists and counts). Every look at a secret package, allowed or
 * refused, is recorded before the answer goes out, so a read that cannot be recorded is not served.
 */
export class PackageAccess {
  constructor(
    private readonly clearances: UserClearances,
    private readonly recorder: AccessRecorder,
  ) {}

  async viewer(req: Request, res: Response): Promise<Viewer> {
    const principal = principalOf(res);
    return { principal, clearance: await this.clearances.of(principal), ...(req.ip !== undefined && { from: req.ip }) };
  }

  /** The packages a viewer may find: their organisation's, at the levels their clearance reaches. */
  static filter(viewer: Pick<Viewer, 'principal' | 'clearance'>): Record<string, unknown> {
    return { 'metadata.issuerCode': viewer.principal.orgCode, 'metadata.secrecy': { $in: levelsWithin(viewer.clearance) } };
  }

  /** True when the viewer may have it; a secret package's look is recorded either way. */
  async allows(viewer: Viewer, pkg: Seen, action: 'read' | 'archive-export', target = `package:${pkg._id}`): Promise<boolean> {
    const refusal = refusalOf(viewer, pkg);
    await this.recordLook(viewer, pkg, action, target, refusal);
    return refusal === undefined;
  }

  /** Records a look at a package, if it is secret, with the outcome the caller decided. */
  async recordLook(viewer: Viewer, pkg: Seen, action: Action, target: string, refusal: string | undefined): Promise<void> {
    if (isSecret(pkg.metadata.secrecy)) await this.recorder.record(this.entry(viewer, pkg, action, target, refusal));
  }

  /** Secret packages a list showed the viewer: each shown is a look at its metadata. */
  async listed(viewer: Viewer, packages: Seen[], target?: string): Promise<void> {
    for (const pkg of packages.filter((p) => isSecret(p.metadata.secrecy))) {
      await this.recordLook(viewer, pkg, 'list', target ?? `package:${pkg._id}`, undefined);
    }
  }

  private entry(viewer: Viewer, pkg: Seen, action: Action, target: string, refusal: string | undefined): AccessEntry {
    return {
      org: pkg.metadata.issuerCode,
      actor: viewer.principal.userId,
      actorOrg: viewer.principal.orgCode,
      action,
      documentId: pkg.documentId,
      target,
      secrecy: pkg.metadata.secrecy,
      outcome: refusal === undefined ? 'allowed' : 'refused',
      ...(viewer.from !== undefined && { from: viewer.from }),
      ...(refusal !== undefined && { reason: refusal }),
    };
  }
}

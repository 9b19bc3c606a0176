import { roles, services, either, type Policy } from '@vanthu/shared';

/*
 * Who may do what in the archive (the table in docs/archive.md). The edge guard applies these
 * before any handler runs; the handlers then confine every user to their own organisation's
 * packages and work files, answering 404 for anything else, so another office's records are
 * neither readable nor confirmable.
 */

/** Document content and metadata: searching, reading packages, their inclusion proofs. */
export const PACKAGE_READERS: Policy = roles('archivist', 'leader');

/** Work-file records (members, holds, retention plan, disposition status): also admins, who may approve. */
export const WORK_FILE_READERS: Policy = roles('archivist', 'leader', 'admin');

/** Keeping the archive: work files, their contents, closing, proposing disposition, exporting. */
export const ARCHIVISTS: Policy = roles('archivist');

/** Decisions with legal weight: legal holds and approving or rejecting a disposition. */
export const AUTHORITIES: Policy = roles('leader', 'admin');

/** Fixity audits cover the whole archive, not one office's part: administrators and operators' tools. */
export const AUDITORS: Policy = either(roles('admin'), services('operator'));

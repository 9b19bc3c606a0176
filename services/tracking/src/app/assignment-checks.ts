import { isSecret, Problem, TASK_ROLES, TRACKABLE_DOCUMENT_TYPES, type Principal, type Secrecy } from '@vanthu/shared';
import type { DirectoryView } from '../directory/directory-view';
import type { SourceRecord } from '../store/task-record';

/**
 * The checks made before a task (or a sub-task, or a new lead) is given to a workflow: each
 * refusal names the field at fault, and nothing has been started or written when one is made.
 */

export function checkSource(source: SourceRecord | null | undefined, id: string): SourceRecord {
  if (!source) {
    throw new Problem(
      422,
      'unknown-source',
      `No issued document ${id} is known to tracking. A document issued a moment ago reaches tracking shortly after its issuance; try again in a few seconds.`,
      { field: 'sourceDocumentId' },
    );
  }
  if (source.recalled) {
    throw new Problem(422, 'recalled-source', `${source.notation} was recalled; it assigns no tasks.`, { field: 'sourceDocumentId' });
  }
  if (isSecret(source.secrecy as Secrecy)) {
    // Titles, reports and events of tasks travel in clear: a secret document's tasks cannot be tracked here.
    throw new Problem(422, 'secret-source', `${source.notation} is a secret document; its tasks are not tracked in this system.`, {
      field: 'sourceDocumentId',
    });
  }
  if (!TRACKABLE_DOCUMENT_TYPES.includes(source.type)) {
    throw new Problem(
      422,
      'untrackable-type',
      `${source.notation} is of type ${source.type}; tasks are assigned from ${TRACKABLE_DOCUMENT_TYPES.join(', ')}.`,
      { field: 'sourceDocumentId' },
    );
  }
  return source;
}

/** Only members of the issuing office, in a role that assigns, give out its document's tasks. */
export function checkAssigner(p: Principal, source: SourceRecord): void {
  if (p.orgCode !== source.issuer || !TASK_ROLES.assigner.includes(p.role)) {
    throw new Problem(403, 'forbidden', `Tasks of ${source.notation} are assigned by the ${TASK_ROLES.assigner.join(', ')} of ${source.issuer}.`, {
      field: 'sourceDocumentId',
    });
  }
}

export interface Organisations {
  leadOrg: string;
  cooperating?: string[] | undefined;
}

/**
 * Tasks go down only: the lead and every cooperating organisation must be known and strictly
 * below `above`. `at` prefixes the field names (`subtasks.2.`).
 */
export function checkOrganisations(directory: DirectoryView, orgs: Organisations, above: string, at = ''): void {
  const check = (code: string, field: string) => {
    if (!directory.organisation(code)) {
      throw new Problem(
        422,
        'unknown-organisation',
        `No organisation ${code} is known to tracking (an organisation registered a moment ago reaches it shortly after).`,
        { field },
      );
    }
    if (!directory.isBelow(code, above)) {
      throw new Problem(422, 'outside-hierarchy', `${code} is not below ${above}: tasks are given only to organisations below one's own.`, {
        field,
      });
    }
  };
  check(orgs.leadOrg, `${at}leadOrg`);
  const seen = new Set<string>();
  (orgs.cooperating ?? []).forEach((code, index) => {
    const field = `${at}cooperating.${index}`;
    if (code === orgs.leadOrg) throw new Problem(422, 'lead-also-cooperating', `${code} leads the task; it does not also cooperate on it.`, { field });
    if (seen.has(code)) throw new Problem(422, 'duplicate-organisation', `${code} is listed twice.`, { field });
    seen.add(code);
    check(code, field);
  });
}

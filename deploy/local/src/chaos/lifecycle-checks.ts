import type { JourneyOutcome } from './document-journey';
import { RECIPIENTS } from './offices';
import type { RunRecords } from './run-records';
import { aggregateOf, extras, gaps, groupBy, info, offenders, type Count } from './tally';

const FAILED_EXECUTIONS = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED', 'CANCELED']);
const executionsOf = (r: RunRecords, type: string) => groupBy(r.workflows.filter((w) => w.type === type), (w) => w.workflowId);

/**
 * Documents, their copies and their tasks: each reached its final state, once. "Lost": known to
 * someone (the portal that created it, an event, a workflow) but missing from its service's records
 * or without its workflow. "Stuck": recorded, but not final once the system settled.
 */
export function lifecycleChecks(r: RunRecords, journeys: JourneyOutcome[]): Count[] {
  const documents = new Map(r.documents.map((d) => [d._id, d]));
  const lifecycles = executionsOf(r, 'documentLifecycle');
  const copyRuns = executionsOf(r, 'incomingDocument');
  const taskRuns = executionsOf(r, 'implementationTask');
  const eventsOf = groupBy(r.events, (e) => aggregateOf(e.id).aggregate);
  const distinctIds = (aggregate: string, type: string) => new Set((eventsOf.get(aggregate) ?? []).filter((e) => e.type === type).map((e) => e.id)).size;

  const knownDocuments = new Set<string>([
    ...journeys.flatMap((j) => (j.documentId ? [j.documentId] : [])),
    ...r.events.filter((e) => e.type.startsWith('document.')).map((e) => String(e.subject)),
    ...[...lifecycles.keys()].map((id) => id.replace(/^document-/, '')),
  ]);
  const lostDocuments = [...knownDocuments].filter((id) => !documents.has(id) || !lifecycles.has(`document-${id}`));
  const stuckDocuments = r.documents
    .filter((d) => d.status !== 'archived' || !(lifecycles.get(`document-${d._id}`) ?? []).some((w) => w.status === 'COMPLETED'))
    .map((d) => `${d._id} (${d.status}; workflow ${(lifecycles.get(`document-${d._id}`) ?? []).map((w) => w.status).join('/') || 'none'})`);
  const notOnce = r.documents
    .filter((d) => d.status === 'archived')
    .filter((d) => d.history.filter((h) => h.action === 'archived').length !== 1 || distinctIds(d._id, 'document.archived') !== 1 || (lifecycles.get(`document-${d._id}`) ?? []).length !== 1)
    .map((d) => d._id);

  const copies = new Map(r.incoming.map((c) => [c._id, c]));
  const issued = r.documents.filter((d) => d.number !== undefined);
  const expectedCopies = issued.flatMap((d) => RECIPIENTS.map((org) => `${d._id}@${org}`));
  const lostCopies = expectedCopies.filter((id) => !copies.has(id) || !copyRuns.has(`incoming-${id}`));
  const stuckCopies = r.incoming
    .filter((c) => c.status !== 'done' || !(copyRuns.get(`incoming-${c._id}`) ?? []).some((w) => w.status === 'COMPLETED'))
    .map((c) => `${c._id} (${c.status})`);

  const tasks = new Map(r.tasks.map((t) => [t._id, t]));
  const knownTasks = new Set<string>([
    ...journeys.flatMap((j) => j.taskIds),
    ...r.events.filter((e) => e.type.startsWith('tracking.')).map((e) => String(e.subject)),
    ...[...taskRuns.keys()].map((id) => id.replace(/^task-/, '')),
  ]);
  const lostTasks = [...knownTasks].filter((id) => !tasks.has(id) || !taskRuns.has(`task-${id}`));
  const stuckTasks = r.tasks
    .filter((t) => t.status !== 'done' || !(taskRuns.get(`task-${t._id}`) ?? []).some((w) => w.status === 'COMPLETED'))
    .map((t) => `${t._id} (${t.status})`);
  const tasksNotOnce = r.tasks.filter((t) => t.status === 'done' && (distinctIds(t._id, 'tracking.task-completed') !== 1 || (taskRuns.get(`task-${t._id}`) ?? []).length !== 1)).map((t) => t._id);
  const tasksPerDocument = groupBy(r.tasks, (t) => t.source.documentId);
  const wrongTaskCount = issued.filter((d) => (tasksPerDocument.get(d._id)?.length ?? 0) !== RECIPIENTS.length).map((d) => `${d._id} (${tasksPerDocument.get(d._id)?.length ?? 0} tasks)`);

  const failedJourneys = journeys.filter((j) => j.outcome !== 'archived').map((j) => `#${j.index + 1} ${j.documentId ?? '(not created)'} at ${j.failedAt}: ${j.error}`);
  const failedRuns = r.workflows.filter((w) => FAILED_EXECUTIONS.has(w.status)).map((w) => `${w.workflowId} (${w.type}, ${w.status})`);

  return [
    info('documents_archived', r.documents.filter((d) => d.status === 'archived').length, 'documents'),
    info('tasks_done', r.tasks.filter((t) => t.status === 'done').length, 'tasks'),
    offenders('journeys_failed', 'documents', failedJourneys),
    offenders('documents_lost', 'documents', lostDocuments),
    offenders('documents_stuck', 'documents', stuckDocuments),
    offenders('documents_final_state_not_once', 'documents', notOnce),
    offenders('copies_lost', 'copies', lostCopies),
    offenders('copies_stuck', 'copies', stuckCopies),
    offenders('tasks_lost', 'tasks', lostTasks),
    offenders('tasks_stuck', 'tasks', stuckTasks),
    offenders('tasks_final_state_not_once', 'tasks', tasksNotOnce),
    offenders('documents_without_their_two_tasks', 'documents', wrongTaskCount),
    offenders('workflows_failed', 'workflows', failedRuns),
  ];
}

/** Document numbers per issuer's series and arrival numbers per recipient: no duplicate, no gap, one per owner. */
export function numberChecks(r: RunRecords): Count[] {
  const numbered = r.documents.filter((d) => d.number !== undefined);
  const documentGaps = [...groupBy(numbered, (d) => `${d.issuer} ${d.type}`)].flatMap(([series, docs]) => gaps(docs.map((d) => d.number!)).map((n) => `${series} ${n}`));
  const arrivalGaps = [...groupBy(r.incoming, (c) => c.org)].flatMap(([org, copies]) => gaps(copies.map((c) => c.arrivalNumber)).map((n) => `${org} ${n}`));
  return [
    extras('document_numbers_duplicated', 'numbers', numbered.map((d) => `${d.issuer} ${d.type} ${d.number}`)),
    offenders('document_number_gaps', 'numbers', documentGaps),
    extras('arrival_numbers_duplicated', 'numbers', r.incoming.map((c) => `${c.org} ${c.arrivalNumber}`)),
    offenders('arrival_number_gaps', 'numbers', arrivalGaps),
    extras('numbers_claimed_twice_by_one_owner', 'claims', [...r.numberClaims, ...r.arrivalClaims].map((c) => `${c.series} ${c.owner}`)),
  ];
}

/** One archival package per archived document, one log leaf per package, the leaves 0..n-1 without a hole. */
export function archiveChecks(r: RunRecords): Count[] {
  const packagesByDocument = groupBy(r.packages, (p) => p.documentId);
  const leafOf = new Set(r.leaves.map((l) => l.packageId));
  return [
    info('archive_packages', r.packages.length, 'packages'),
    extras('archive_packages_duplicated', 'packages', r.packages.map((p) => p.documentId)),
    offenders('archive_packages_lost', 'documents', r.documents.filter((d) => d.status === 'archived' && !packagesByDocument.has(d._id)).map((d) => d._id)),
    extras('log_leaves_duplicated', 'leaves', [...r.leaves.map((l) => `package ${l.packageId}`), ...r.leaves.map((l) => `index ${l.index}`)]),
    offenders('log_leaves_lost', 'leaves', [...r.packages.filter((p) => !leafOf.has(p._id)).map((p) => `package ${p._id}`), ...gaps(r.leaves.map((l) => l.index), 0).map((n) => `index ${n}`)]),
  ];
}

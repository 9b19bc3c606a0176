import type { DomainEvent, OrgLevel } from '@vanthu/shared';

/** A synthetic province and its communes: the benchmark's own organisations, not the demo's. */
export const BENCH_PROVINCE = 'BENCH-TU';
export const communeCode = (i: number) => `BENCH-C${String(i).padStart(3, '0')}`;

export interface SyntheticOrg {
  _id: string;
  name: string;
  level: OrgLevel;
  parent?: string;
  notationCode: string;
}

export function syntheticOrganisations(communes: number): SyntheticOrg[] {
  return [
    { _id: BENCH_PROVINCE, name: 'Tỉnh ủy (benchmark)', level: 'province', notationCode: 'TU' },
    ...Array.from({ length: communes }, (_, i) => ({ _id: communeCode(i), name: `Đảng ủy xã ${i} (benchmark)`, level: 'commune' as const, parent: BENCH_PROVINCE, notationCode: 'ĐU' })),
  ];
}

/** Who assigns the tasks and who leads them, in turn; the synthetic province and its communes unless given. */
export interface TaskOrgs {
  assigner: string;
  leads: readonly string[];
}

const DAY = 86_400_000;
const SOURCES = 50;
const TYPES = ['NQ', 'CT', 'KL', 'KH', 'CTr', 'TB'] as const;

/**
 * The events of task `i` of a run, in order: every task is assigned by the province to one of the
 * communes from one of 50 documents, its deadline spread over ±120 days around `now`; then, by
 * `i`, it stops at one of the states a real portfolio holds (about 3 events per task). Each is a
 * well-formed `tracking.task-*` event carrying the whole snapshot, as the task workflow writes it.
 */
export function taskEvents(run: string, i: number, communes: number, now: number, orgs?: TaskOrgs): DomainEvent[] {
  const taskId = `${run}-t${i}`;
  const source = i % SOURCES;
  const documentType = TYPES[source % TYPES.length]!;
  const assignedAt = new Date(now - 150 * DAY + (i % 1000) * 60_000).toISOString();
  const deadlineMs = now + ((i * 7919) % (240 * DAY / 3_600_000)) * 3_600_000 - 120 * DAY;
  const deadline = new Date(deadlineMs).toISOString();
  const base = {
    taskId,
    kind: 'task',
    title: `Nhiệm vụ ${i}`,
    sourceDocumentId: `${run}-doc${source}`,
    sourceNotation: `${source + 1}-${documentType}/TU`,
    documentType,
    assignerOrg: orgs?.assigner ?? BENCH_PROVINCE,
    assignedBy: 'bench-province-specialist',
    leadOrg: orgs ? orgs.leads[i % orgs.leads.length]! : communeCode(i % communes),
    cooperating: [],
    rootTaskId: taskId,
    depth: 0,
    priority: 'normal',
    weight: 1,
    deadline,
    originalDeadline: deadline,
    assignedAt,
  };
  const events: DomainEvent[] = [];
  const push = (action: string, status: string, extra: Record<string, unknown> = {}) => {
    const seq = events.length + 1;
    events.push({
      id: `${taskId}:${seq}`,
      type: `tracking.task-${action}`,
      version: 1,
      occurredAt: new Date(Date.parse(assignedAt) + seq * 3_600_000).toISOString(),
      source: 'tracking',
      subject: taskId,
      data: { ...base, seq, status, progress: 0, ...extra },
    });
  };
  const outcome = i % 10;
  push('assigned', 'assigned');
  if (outcome === 9) {
    push('refused', 'refused', { note: 'Không thuộc thẩm quyền' });
    return events;
  }
  push('accepted', 'accepted');
  if (outcome === 8) return events;
  push('progress-reported', 'in_progress', { progress: 50, evidence: [] });
  if (outcome >= 6) return events;
  // Submitted on time for some, a few days late for others; never after `now`.
  const submittedAt = new Date(Math.min(deadlineMs + (outcome % 2 === 0 ? -2 : 3) * DAY, now - DAY)).toISOString();
  push('submitted', 'submitted', { progress: 100, evidence: [], submittedAt });
  if (outcome === 5) return events;
  push('completed', 'done', { progress: 100, submittedAt, completedAt: submittedAt });
  return events;
}

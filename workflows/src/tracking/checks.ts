import { ApplicationFailure } from '@temporalio/common';
import { TASK_ERRORS, TASK_PRIORITY_CODES, type EvidenceRef, type ProgressReport, type SubtaskSpec } from '@vanthu/shared/contracts';
import { endOfVietnamDay } from '../time';
import type { ExtensionAsk, ExtensionDecision, TaskReassignment, TaskSubmission } from './definitions';

/*
 * The shape checks of the task workflow's Updates, run in their validators so that a bad request
 * is refused before anything is recorded. Each failure names the field, in its details, for the
 * API's problem+json.
 */

export const fail = (type: string, message: string, field?: string) =>
  ApplicationFailure.create({ type, message, nonRetryable: true, ...(field !== undefined && { details: [{ field }] }) });

const invalid = (field: string, message: string) => fail(TASK_ERRORS.invalidInput, `${field}: ${message}`, field);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant, or a date meaning the end of that day in Vietnam; undefined if neither. */
export function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (DATE_ONLY.test(value)) {
    return checkedDay(value, endOfVietnamDay(value));
  }
  if (!INSTANT.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** `2026-02-30` parses as March 2nd: a date is valid only if it names a real day. */
function checkedDay(value: string, at: Date): string | undefined {
  if (Number.isNaN(at.getTime())) return undefined;
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  return local === value ? at.toISOString() : undefined;
}

export function requireText(value: unknown, field: string, maxLength = 4000): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, 'required');
  if (value.length > maxLength) throw invalid(field, `at most ${maxLength} characters`);
  return value;
}

function checkOptionalText(value: unknown, field: string) {
  if (value !== undefined) requireText(value, field, 500);
}

function checkOrgList(value: unknown, field: string) {
  if (!Array.isArray(value) || value.some((org) => typeof org !== 'string' || org.trim() === '')) throw invalid(field, 'a list of organisation codes');
}

export function checkEvidence(evidence: unknown, field = 'evidence') {
  if (!Array.isArray(evidence)) throw invalid(field, 'a list of evidence files');
  evidence.forEach((item: Partial<EvidenceRef> | null, i) => {
    if (typeof item !== 'object' || item === null) throw invalid(`${field}[${i}]`, 'an evidence file');
    if (typeof item.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(item.sha256)) throw invalid(`${field}[${i}].sha256`, 'a SHA-256 in hex');
    if (typeof item.name !== 'string' || item.name === '') throw invalid(`${field}[${i}].name`, 'required');
    if (typeof item.contentType !== 'string' || item.contentType === '') throw invalid(`${field}[${i}].contentType`, 'required');
    if (!Number.isInteger(item.size) || (item.size as number) < 0) throw invalid(`${field}[${i}].size`, 'a size in bytes');
  });
}

export function checkProgressReport(report: ProgressReport | null | undefined) {
  if (typeof report !== 'object' || report === null) throw invalid('report', 'required');
  if (!Number.isInteger(report.percent) || report.percent < 0 || report.percent > 100) throw invalid('percent', 'an integer from 0 to 100');
  requireText(report.narrative, 'narrative');
  checkEvidence(report.evidence);
  checkOptionalText(report.documentRef, 'documentRef');
}

export function checkSubmission(submission: TaskSubmission | null | undefined) {
  if (typeof submission !== 'object' || submission === null) throw invalid('submission', 'required');
  requireText(submission.narrative, 'narrative');
  checkEvidence(submission.evidence);
  checkOptionalText(submission.documentRef, 'documentRef');
}

export function checkReassignment(reassignment: TaskReassignment | null | undefined) {
  if (typeof reassignment !== 'object' || reassignment === null) throw invalid('leadOrg', 'required');
  requireText(reassignment.leadOrg, 'leadOrg', 100);
  checkOrgList(reassignment.cooperating, 'cooperating');
  if (reassignment.cooperating.includes(reassignment.leadOrg)) throw invalid('cooperating', 'the lead organisation cannot also cooperate');
}

/** The new deadline asked for, as an instant; it must be later than the one in force. */
export function checkExtensionAsk(ask: ExtensionAsk | null | undefined, deadline: string): string {
  if (typeof ask !== 'object' || ask === null) throw invalid('until', 'required');
  const until = instantOf(ask.until);
  if (!until) throw invalid('until', 'an ISO 8601 date or instant');
  if (Date.parse(until) <= Date.parse(deadline)) throw invalid('until', `later than the current deadline ${deadline}`);
  requireText(ask.reason, 'reason');
  return until;
}

export function checkDecision(decision: ExtensionDecision | null | undefined) {
  if (typeof decision !== 'object' || decision === null || typeof decision.grant !== 'boolean') throw invalid('grant', 'true or false');
  if (!decision.grant) requireText(decision.reason, 'reason');
  else checkOptionalText(decision.reason, 'reason');
}

/**
 * New sub-tasks of a task: ids unique and new, each deadline an instant not after the parent's,
 * weights 1–100. Returns the specs with their deadlines as instants.
 */
export function checkSubtaskSpecs(specs: SubtaskSpec[] | null | undefined, parent: { taskId: string; deadline?: string; leadOrg: string; known: readonly string[] }): SubtaskSpec[] {
  if (!Array.isArray(specs) || specs.length === 0) throw invalid('subtasks', 'at least one sub-task');
  if (specs.length > 50) throw invalid('subtasks', 'at most 50 at a time');
  const seen = new Set([parent.taskId, ...parent.known]);
  return specs.map((spec, i) => {
    const field = (name: string) => `subtasks[${i}].${name}`;
    if (typeof spec !== 'object' || spec === null) throw invalid(`subtasks[${i}]`, 'a sub-task');
    const taskId = requireText(spec.taskId, field('taskId'), 200);
    if (seen.has(taskId)) throw invalid(field('taskId'), `${taskId} is already a task`);
    seen.add(taskId);
    requireText(spec.title, field('title'), 1000);
    checkOptionalText(spec.clause, field('clause'));
    requireText(spec.leadOrg, field('leadOrg'), 100);
    if (spec.leadOrg === parent.leadOrg) throw invalid(field('leadOrg'), 'an organisation below the lead, not the lead itself');
    checkOrgList(spec.cooperating, field('cooperating'));
    if (!TASK_PRIORITY_CODES.includes(spec.priority)) throw invalid(field('priority'), 'normal, high or urgent');
    if (!Number.isInteger(spec.weight) || spec.weight < 1 || spec.weight > 100) throw invalid(field('weight'), 'an integer from 1 to 100');
    const deadline = instantOf(spec.deadline);
    if (!deadline) throw invalid(field('deadline'), 'an ISO 8601 date or instant');
    if (parent.deadline !== undefined && Date.parse(deadline) > Date.parse(parent.deadline)) {
      throw invalid(field('deadline'), `not later than the task's own deadline ${parent.deadline}`);
    }
    return { ...spec, deadline };
  });
}

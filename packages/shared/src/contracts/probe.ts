/**
 * The system probe: one workflow that runs an activity on every service's task queue, proving
 * that Temporal, each worker and each worker's own dependencies answer. `npm start` runs it
 * before it says the system is up; operators can run it from the Temporal UI or the intake API.
 */
export interface ProbeReport {
  service: string;
  taskQueue: string;
  /** Round trips the activity made to its own dependencies, in milliseconds. */
  mongoMs: number;
  kafkaMs: number;
  pid: number;
  checkedAt: string;
}

export interface ProbeActivities {
  probe(): Promise<ProbeReport>;
}

export const PROBE_WORKFLOW = 'systemProbeWorkflow';

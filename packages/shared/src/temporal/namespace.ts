import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { setTimeout as sleep } from 'node:timers/promises';

const ALREADY_EXISTS = 6;
const DAY_SECONDS = 24 * 60 * 60;

/**
 * Registers a namespace if it is missing and waits until the server serves it (a new namespace
 * takes a few seconds to reach every server role's cache).
 */
export async function ensureNamespace(connection: Connection, namespace: string, retentionDays = 30): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch {
    // Missing: register it below.
  }
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(`${retentionDays * DAY_SECONDS} seconds`),
    });
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
      return true;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`namespace ${namespace} was registered but is not served yet`);
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalDataConverter } from '@vanthu/shared';

/**
 * Temporal's Java test server skips time, so retention timers of years run in seconds. Its path
 * comes from TEMPORAL_TEST_SERVER; the default is where the stack scripts put it.
 */
export const TEST_SERVER =
  process.env.TEMPORAL_TEST_SERVER ?? join(homedir(), '.cache/vanthu/temporal-test-server-1.31.0/run.sh');

export function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: temporalDataConverter() },
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES, temporalDataConverter } from '@vanthu/shared';

/*
 * Temporal's time-skipping test server, the repo's own build of it (`npm test` obtains it, see
 * deploy/local/src/servers/test-server.ts: the SDK's download cannot work here). A timer of ten
 * days fires as soon as nothing else is left to run.
 */

export const TEST_SERVER = process.env.TEMPORAL_TEST_SERVER ?? join(homedir(), '.cache/vanthu/temporal-test-server-1.31.0/run.sh');

const INDEXED: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/** A test server with our data converter and our search attributes (it knows none until told, and cannot list them). */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: temporalDataConverter() },
    server: { executable: { type: 'existing-path', path: TEST_SERVER } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED[key.type]])),
  });
  return env;
}

/** Polls (on the wall clock, without moving the server's) until `probe` holds. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never happened: ${what}`);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@vanthu/shared';

/**
 * The replay guard: histories of workflows as earlier code ran them (recorded by
 * test/integration/histories.test.ts) must replay on today's code without a non-determinism
 * error, or workflows running in production would fail on the next deploy. Their payloads are
 * encrypted with the development key, as every payload is.
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('recorded histories replay on the current workflow code', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>);
    await Worker.runReplayHistory({ workflowsPath: require.resolve('@vanthu/workflows'), dataConverter: temporalDataConverter() }, history, file);
  }, 60_000);
});

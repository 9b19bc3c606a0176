import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@vanthu/shared';

/**
 * The replay guard of the task workflow: histories of tasks as earlier code ran them (recorded by
 * test/integration/tracking-histories.test.ts) must replay on today's code without a
 * non-determinism error, or tasks running in production would fail on the next deploy. They
 * replay against the tracking worker's own bundle.
 */
const FIXTURES = join(__dirname, '..', 'fixtures', 'histories', 'tracking');
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

describe('recorded task histories replay on the current task workflow', () => {
  it('has histories to replay', () => {
    expect(files).toEqual(expect.arrayContaining(['task.json', 'subtask.json']));
  });

  it.each(files)('%s', async (file) => {
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Record<string, unknown>);
    await Worker.runReplayHistory({ workflowsPath: require.resolve('@vanthu/workflows/dist/tracking'), dataConverter: temporalDataConverter() }, history, file);
  }, 60_000);
});

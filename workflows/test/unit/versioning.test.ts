import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { temporalDataConverter } from '@vanthu/shared';
import { historiesOf, releases } from '../support/history-fixtures';

/**
 * Proof that the replay guard catches what it is for: the oldest recorded recipient history,
 * replayed on a copy of the recipient's workflow with one step added before its first activity
 * (test/support/changed-workflows), fails with a non-determinism error unless the step is behind
 * `patched()`. docs/lifecycle.md (Versioning) shows the error.
 */
const recorded = releases()
  .flatMap(historiesOf)
  .find((h) => h.workflowType === 'incomingDocument');
const changed = (variant: 'unpatched' | 'patched') => require.resolve(`../support/changed-workflows/${variant}`);

describe('a change to a workflow\'s commands', () => {
  it('has a recorded recipient history to replay', () => {
    expect(recorded).toBeDefined();
  });

  it('without a patch, fails the replay of a workflow that started before it', async () => {
    const replay = Worker.runReplayHistory({ workflowsPath: changed('unpatched'), dataConverter: temporalDataConverter() }, recorded!.history, recorded!.name);
    const error = await replay.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeterminismViolationError);
    // The history scheduled the signature check first; the changed code asks for another activity.
    expect((error as Error).message).toMatch(/verifyDocument/);
    expect((error as Error).message).toMatch(/checkSender/);
  }, 60_000);

  it('behind patched(), replays: the workflow that started before it skips the new step', async () => {
    await Worker.runReplayHistory({ workflowsPath: changed('patched'), dataConverter: temporalDataConverter() }, recorded!.history, recorded!.name);
  }, 60_000);
});

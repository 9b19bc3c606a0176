import { Worker, type ReplayResult } from '@temporalio/worker';
import { temporalDataConverter } from '@vanthu/shared';
import { BUNDLES, currentRelease, historiesOf, releases } from '../support/history-fixtures';
import { workflowBundle } from '../support/workflow-bundle';

/**
 * The replay guard: the histories of workflows as each release's code ran them (recorded by
 * test/integration/histories.test.ts, tracking-histories.test.ts, archive-histories.test.ts and
 * notify-histories.test.ts, one set per release, never deleted) must replay on today's code
 * without a non-determinism error, or workflows started under that release and still running
 * would fail on the next deploy. Each history replays on the bundle that registers its workflow
 * type: the intake, tracking, archive or notify worker's. Payloads are encrypted with the
 * development key.
 */
const all = releases().flatMap(historiesOf);
const bundleOf = (workflowType: string) => BUNDLES.find((b) => b.types.includes(workflowType));

describe('recorded histories of every release replay on the current workflow code', () => {
  const results = new Map<string, ReplayResult>();

  beforeAll(async () => {
    // One bundle per worker's workflows, every history of its types through it.
    for (const bundle of BUNDLES) {
      const histories = all.filter((h) => bundleOf(h.workflowType) === bundle).map((h) => ({ workflowId: h.name, history: h.history }));
      for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle(bundle.workflowsPath), dataConverter: temporalDataConverter() }, histories)) {
        results.set(result.workflowId, result);
      }
    }
  }, 120_000);

  it('has a set for the current release with a history of every workflow type the workers register', () => {
    expect(releases()).toContain(currentRelease());
    const recorded = new Set(historiesOf(currentRelease()).map((h) => h.workflowType));
    const types = BUNDLES.flatMap((b) => b.types);
    expect(types).toEqual(
      expect.arrayContaining(['documentLifecycle', 'incomingDocument', 'systemProbeWorkflow', 'implementationTask', 'dispositionWorkflow', 'fixityAuditWorkflow', 'webhookDelivery', 'emailDelivery']),
    );
    expect(types.filter((type) => !recorded.has(type))).toEqual([]);
  });

  it('has a bundle for every recorded workflow type: a type with histories cannot be removed', () => {
    expect(all.filter((h) => !bundleOf(h.workflowType)).map((h) => `${h.name}: ${h.workflowType}`)).toEqual([]);
  });

  it.each(all.map((h) => h.name))('%s', (name) => {
    const result = results.get(name);
    expect(result).toBeDefined();
    expect(result?.error).toBeUndefined();
  });
});

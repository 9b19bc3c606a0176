import { defects, printChaosReport } from '../../local/src/chaos/chaos-report';
import { runChaos, type ChaosResult } from '../../local/src/chaos/chaos-run';
import { DEFAULT_FAULTS, loadChaosSettings } from '../../local/src/chaos/chaos-settings';

/**
 * `npm run chaos`, shortened: 24 documents and their 48 tasks, every kind of fault once (Kafka down
 * for 15 s instead of 60), on servers and service processes of the run's own — the stack the other
 * tests use is not touched, and everything the run started is stopped whatever happens. About five
 * minutes on two cores; bounded at 7.5 minutes (CHAOS_TIMEOUT_S), its own stop included.
 */
describe('chaos: documents through their whole lives while each kind of process and server fails in turn', () => {
  let result: ChaosResult;
  const print = (line: string) => process.stdout.write(`${line}\n`);

  beforeAll(async () => {
    // Only these settings: a CHAOS_* variable in the caller's shell must not change what the suite proves.
    const settings = loadChaosSettings([], {
      CHAOS_DOCUMENTS: '24',
      CHAOS_CONCURRENCY: '10',
      CHAOS_FIRST_FAULT_S: '5',
      CHAOS_FAULT_GAP_S: '4',
      CHAOS_RESTART_AFTER_S: '2',
      CHAOS_KAFKA_DOWN_S: '15',
      CHAOS_REQUEST_BUDGET_S: '180',
      CHAOS_SETTLE_TIMEOUT_S: '60',
      CHAOS_TIMEOUT_S: '450',
    });
    result = await runChaos(settings, print);
    printChaosReport(result.faults, result.counts, print);
  }, 540_000);

  it('met every fault, and each target came back', () => {
    expect(result.faults.map((f) => f.kind)).toEqual(DEFAULT_FAULTS);
    expect(result.faults.filter((f) => f.error)).toEqual([]);
  });

  it('drove every document to the archive and every task to done', () => {
    const count = (name: string) => result.counts.find((c) => c.name === name)?.value;
    expect(count('documents_archived')).toBe(24);
    expect(count('tasks_done')).toBe(48);
  });

  it('lost nothing, left nothing stuck, and did nothing twice', () => {
    expect(defects(result.counts).map((c) => `${c.name} = ${c.value}: ${(c.examples ?? []).join('; ')}`)).toEqual([]);
  });
});

import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { SERVICE_NAMES, TASK_QUEUES, temporalDataConverter, type ServiceName } from '@vanthu/shared';
import { ServiceFakes } from './service-fakes';
import { timeSkippingEnv } from './time-skipping';
import { workflowBundle } from './workflow-bundle';

/*
 * The document workflows (the intake worker's bundle) on Temporal's time-skipping test server,
 * each service's activities answered in memory by ServiceFakes on its own task queue, as the
 * services' workers would answer them.
 */

/** A worker per service's queue: intake's runs the workflows; every one answers the system probe. */
export async function fakeServiceWorkers(connection: NativeConnection, namespace: string, fakes: ServiceFakes): Promise<Worker[]> {
  const bundle = await workflowBundle(require.resolve('@vanthu/workflows'));
  const activities: Record<ServiceName, object> = {
    intake: fakes.intake,
    signing: fakes.signing,
    archive: fakes.archive,
    notify: {},
    tracking: {},
  };
  return Promise.all(
    SERVICE_NAMES.map((service) =>
      Worker.create({
        connection,
        namespace,
        taskQueue: TASK_QUEUES[service],
        dataConverter: temporalDataConverter(),
        activities: { ...activities[service], ...fakes.probe(service) },
        ...(service === 'intake' && { workflowBundle: bundle }),
      }),
    ),
  );
}

export interface LifecycleTestEnv {
  env: TestWorkflowEnvironment;
  fakes: ServiceFakes;
}

/**
 * One environment for a test file: started before its tests, closed after them, and after each
 * test every event recorded held to its contract. `use` receives it once started.
 */
export function useLifecycleEnv(use: (env: LifecycleTestEnv) => void): void {
  let env: TestWorkflowEnvironment | undefined;
  let fakes: ServiceFakes | undefined;
  let workers: Worker[] = [];
  let running: Promise<unknown> | undefined;
  beforeAll(async () => {
    env = await timeSkippingEnv();
    fakes = new ServiceFakes();
    workers = await fakeServiceWorkers(env.nativeConnection, env.namespace ?? 'default', fakes);
    running = Promise.all(workers.map((w) => w.run()));
    use({ env, fakes });
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) w.shutdown();
    await running;
    await env?.teardown();
  });
  afterEach(() => {
    expect(fakes?.contractErrors).toEqual([]);
  });
}

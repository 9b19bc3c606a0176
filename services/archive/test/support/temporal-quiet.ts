import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Workers in tests log only what is wrong; jest output stays readable. Installs once per process. */
export function quietTemporal(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed by an earlier test file in this process.
  }
}

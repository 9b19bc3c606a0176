import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NAMESPACE } from '../bootstrap';
import { REPO_ROOT, stackPaths } from '../paths';
import { ensureTestTools } from '../system-packages';
import { obtainTestServer, testServerPaths } from '../servers/test-server';
import { describeStack, stackEnv, startStack, stopServers, type StackStartResult } from '../stack';

interface JestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numFailedTestSuites: number;
  numRuntimeErrorTestSuites: number;
}

const RESULTS = join(REPO_ROOT, '.test-results');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: 'inherit', env });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const bin = (name: string) => join(REPO_ROOT, 'node_modules', '.bin', name);

async function jest(project: 'unit' | 'integration', extra: string[], env: NodeJS.ProcessEnv): Promise<JestSummary | undefined> {
  const outputFile = join(RESULTS, `${project}.json`);
  rmSync(outputFile, { force: true });
  const args = ['--selectProjects', project, '--json', `--outputFile=${outputFile}`, '--passWithNoTests=false'];
  // Integration suites run workers on the same task queues of the test namespace, so one at a time.
  if (project === 'integration') args.push('--runInBand');
  await run(bin('jest'), [...args, ...extra], env);
  return existsSync(outputFile) ? (JSON.parse(readFileSync(outputFile, 'utf8')) as JestSummary) : undefined;
}

function step(title: string): void {
  console.log(`\n=== ${title}`);
}

/**
 * `npm test`: lint, type-check, unit tests, then the real stack and the integration and
 * end-to-end tests. Closes with one line, `tests: N passed, N failed`, for people and CI alike.
 */
export async function testCommand(args: string[]): Promise<number> {
  mkdirSync(RESULTS, { recursive: true });
  const only = args[0] === 'unit' || args[0] === 'integration' ? args.shift() : undefined;
  const failures: string[] = [];
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const count = (name: string, summary: JestSummary | undefined) => {
    if (!summary) {
      failures.push(`${name}: jest produced no results`);
      return;
    }
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests;
    if (summary.numFailedTests > 0 || summary.numFailedTestSuites > 0 || summary.numRuntimeErrorTestSuites > 0) {
      failures.push(`${name}: ${summary.numFailedTests} failed tests, ${summary.numFailedTestSuites} failed suites`);
    }
  };

  if (!only) {
    step('lint');
    if ((await run(bin('eslint'), ['--max-warnings', '0', '.'])) !== 0) failures.push('lint');
    step('type-check tests');
    if ((await run(bin('tsc'), ['-p', 'tsconfig.test.json'])) !== 0) failures.push('type-check');
    step('type-check the console web app');
    if ((await run(bin('tsc'), ['-p', 'apps/console/web/tsconfig.json'])) !== 0) failures.push('type-check web');
  }
  if (only !== 'integration') {
    step('unit tests');
    count('unit', await jest('unit', args, process.env));
  }

  let stack: StackStartResult | undefined;
  if (only !== 'unit') {
    step('local stack');
    try {
      console.log(`independent checkers and the browser (pdfsig, kcat, openssl, certutil, chromium): ${await ensureTestTools(join(stackPaths().logs, 'apt.log'))}`);
      console.log(`time-skipping test server: ${await obtainTestServer(stackPaths(), (line) => console.log(`  ${line}`))}`);
      stack = await startStack(describeStack());
      step('integration and end-to-end tests (real Temporal, Kafka, MongoDB)');
      const env = {
        ...process.env,
        ...stackEnv(stack.stack),
        TEMPORAL_TEST_SERVER: testServerPaths(stackPaths()).script,
        TEMPORAL_NAMESPACE: TEST_NAMESPACE,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        // The suites check what the services do, many files one after another on a shared machine;
        // a new document refused for a slow CI box would fail them for nothing. Admission control is
        // unit-tested and measured by bench:overload, which runs with the defaults.
        INTAKE_ADMISSION_TARGET_MS: process.env.INTAKE_ADMISSION_TARGET_MS ?? '60000',
      };
      count('integration', await jest('integration', args, env));
    } catch (error) {
      failures.push(`stack: ${(error as Error).message}`);
    } finally {
      if (stack && stack.started.length > 0 && process.env.VANTHU_KEEP_STACK !== '1') {
        step(`stopping ${stack.started.map((s) => s.name).join(', ')} (started by this run; VANTHU_KEEP_STACK=1 keeps them)`);
        await stopServers(stack.started);
      }
    }
  }

  console.log('');
  for (const failure of failures) console.log(`FAILED ${failure}`);
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
  return failures.length === 0 && totals.failed === 0 ? 0 : 1;
}

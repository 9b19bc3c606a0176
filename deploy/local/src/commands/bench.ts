import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';
import { describeStack, stackEnv, startStack, stopServers } from '../stack';

/** Benchmarks live beside the code they measure: services/<name>/src/bench/<area>-bench.ts, or deploy/local/src/bench/. */
function findBench(area: string): string | undefined {
  // Benchmarks of the whole system (the lifecycle) live with the supervisor that starts it.
  const own = join(REPO_ROOT, 'deploy', 'dist', 'bench', `${area}-bench.js`);
  if (existsSync(own)) return own;
  for (const service of readdirSync(join(REPO_ROOT, 'services'))) {
    const file = join(REPO_ROOT, 'services', service, 'dist', 'bench', `${area}-bench.js`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** `npm run bench:<area>`: the benchmark against the real stack (started if need be). */
export async function benchCommand(area: string | undefined, args: string[]): Promise<number> {
  const file = area ? findBench(area) : undefined;
  if (!file) {
    console.error(`usage: vanthu bench <area>; no benchmark named ${area ?? '(none)'}`);
    return 64;
  }
  const { stack, started } = await startStack(describeStack());
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [file, ...args], {
        cwd: REPO_ROOT,
        stdio: 'inherit',
        env: { ...process.env, ...stackEnv(stack), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
      });
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    if (started.length > 0) await stopServers(started);
  }
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SigningRefused } from '../errors';
import type { JobFailure } from './byte-jobs';

/**
 * A thread script of this folder (the byte pool's `byte-worker`, the guard lane's `guard-worker`);
 * threads run JavaScript, so under ts-jest (src/ in TypeScript) the built dist/ copy runs.
 */
export function workerScript(name: 'byte-worker' | 'guard-worker' = 'byte-worker'): string {
  const dir = __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist', 'pool') : __dirname;
  const script = join(dir, `${name}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: build the signing service first (npx tsc -b)`);
  return script;
}

/** A failure a worker posted back, as the error the caller gets (a refusal keeps its problem details). */
export function failure(error: JobFailure): Error {
  const r = error.refusal;
  return r ? new SigningRefused(r.type, r.status, r.reason, error.message, r.field) : new Error(error.message);
}

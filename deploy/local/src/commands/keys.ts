import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../paths';

export const KEYS_USAGE = `usage: npm run keys:rewrap
After a key rotation (a new master in VANTHU_KEKS, named in VANTHU_KEK_CURRENT, the old one still
listed): re-wraps every secret document's, copy's and archive package's data key under the current
master, in intake's and the archive's databases (MONGO_URL; the local stack's by default).
Stopping it half way is harmless: run it again (docs/secret-documents.md, "Rotation").`;

/** Each service's own command on its own database, one after the other; the first failure stops it. */
export function keysCommand(args: string[]): number {
  if (args[0] !== 'rewrap') {
    console.error(KEYS_USAGE);
    return 64;
  }
  for (const service of ['intake', 'archive']) {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'services', service, 'dist', 'cli', 'rewrap-keys.js')], { stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`${service}: the re-wrap stopped; nothing is lost, run it again. The local databases run with npm start or npm run stack:start.`);
      return run.status ?? 1;
    }
  }
  return 0;
}

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, type WorkflowBundlePath } from '@temporalio/worker';

/*
 * Workflow bundles for the tests' workers, built once and kept on disk under the hash of what
 * they are built from (our compiled workflow code, the archive's and notify's included, the shared
 * code, the SDK's version): each test file runs in a fresh module registry, and bundling anew took
 * 1 to 3 s a file. Any change to that code is a new hash, so a stale bundle is never used.
 */

const REPO = join(__dirname, '..', '..', '..');
// The archive's and notify's workflow modules import only their own folder and the SDK: the folder is all their code.
const SOURCES = [
  join(REPO, 'workflows', 'dist'),
  join(REPO, 'packages', 'shared', 'dist'),
  join(REPO, 'services', 'archive', 'dist', 'workflows'),
  join(REPO, 'services', 'notify', 'dist', 'workflows'),
];
const CACHE = join(tmpdir(), 'vanthu-workflow-bundles');
const SDK_VERSION = (JSON.parse(readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }).version;

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scripts(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

/** The bundle of the workflows `workflowsPath` exports, for Worker.create's `workflowBundle`. */
export async function workflowBundle(workflowsPath: string): Promise<WorkflowBundlePath> {
  const hash = createHash('sha256').update(workflowsPath).update(SDK_VERSION);
  for (const file of SOURCES.flatMap(scripts).sort()) hash.update(file).update(readFileSync(file));
  const codePath = join(CACHE, `${hash.digest('hex').slice(0, 32)}.js`);
  if (!existsSync(codePath)) {
    const { code } = await bundleWorkflowCode({ workflowsPath });
    mkdirSync(CACHE, { recursive: true });
    // Written aside, then renamed: another test process never reads half a bundle.
    const partial = `${codePath}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, codePath);
  }
  return { codePath };
}

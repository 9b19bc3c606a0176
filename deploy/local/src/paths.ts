import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder up whose package.json declares the workspaces. */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}

export const REPO_ROOT = findRepoRoot(__dirname);

/**
 * Build caches live outside the clone, so a second clone or a CI run on the same machine reuses
 * them; data and logs live apart from caches, so clearing a cache never loses documents.
 */
export function stackPaths(env: NodeJS.ProcessEnv = process.env) {
  const cache = env.VANTHU_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vanthu');
  const data = env.VANTHU_DATA_DIR ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'vanthu');
  return {
    cache,
    data,
    logs: join(data, 'logs'),
    run: join(data, 'run'),
  };
}

export type StackPaths = ReturnType<typeof stackPaths>;

import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root (deploy/dist/ is two levels below it once built). */
export const REPO_ROOT = resolve(__dirname, '..', '..');

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

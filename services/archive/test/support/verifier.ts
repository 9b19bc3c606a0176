import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The verifier as a third party runs it: the compiled command, in a process of its own. */
export const VERIFIER = resolve(__dirname, '../../dist/cli/verify-log.js');

export function runVerifier(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Writes each value as a JSON (or raw string) file in a fresh directory; returns their paths. */
export function writeFiles(files: Record<string, unknown>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'archive-verify-'));
  return Object.fromEntries(
    Object.entries(files).map(([name, value]) => {
      const path = join(dir, name);
      writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
      return [name, path];
    }),
  );
}

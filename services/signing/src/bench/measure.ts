import { execFileSync } from 'node:child_process';
import { sign, type KeyObject } from 'node:crypto';

/** OpenSSL's own RSA-2048 signing rate: the baseline, on one core or `multi` at once. */
export function opensslSpeed(seconds: number, multi: number): number {
  // openssl takes whole seconds only.
  const args = ['speed', '-seconds', String(Math.max(1, Math.round(seconds))), ...(multi > 1 ? ['-multi', String(multi)] : []), 'rsa2048'];
  const out = execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = out.split('\n').find((l) => /^(\+F\S*:)?rsa\s+2048/.test(l) || /^rsa 2048 bits/.test(l));
  const m = line && /rsa\s+2048\s+bits\s+\S+\s+\S+\s+([\d.]+)/.exec(line);
  if (!m) throw new Error(`cannot read openssl speed output:\n${out}`);
  return Number(m[1]);
}

/** Operations per second with `concurrency` callers in flight, for `seconds`, after one warm-up call. */
export async function rate(concurrency: number, op: () => Promise<unknown>, seconds: number): Promise<number> {
  await op();
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        await op();
        done += 1;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** node:crypto on this thread with nothing around it: what Node's RSA costs against OpenSSL's own loop. */
export function syncSignRate(key: KeyObject, data: Buffer, seconds: number): number {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const start = process.hrtime.bigint();
  while (Date.now() < deadline) {
    sign('sha256', data, key);
    done += 1;
  }
  return done / (Number(process.hrtime.bigint() - start) / 1e9);
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

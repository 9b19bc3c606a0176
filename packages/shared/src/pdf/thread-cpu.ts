import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Processor time of one thread, read from Linux's /proc. A worker thread that reads untrusted
 * bytes (`BudgetedWorkers`) is budgeted in its own CPU time, not the wall clock: on a saturated
 * machine (load 11 on 2 cores) a thread gets a sixth of a core or less, and an honest PDF's few
 * milliseconds of parsing stretch into seconds of wall time. `process.cpuUsage()` is no
 * substitute: in a worker thread it still sums every thread of the process, and Node 20 has no
 * per-thread counter.
 *
 * A synchronous read runs on the calling thread (not libuv's pool), so `/proc/thread-self` is the
 * caller's own entry. One read costs ~10 µs on these VMs.
 */

/** `sum_exec_runtime` in nanoseconds, where the kernel keeps it (CONFIG_SCHED_INFO). */
const fromSchedstat = (dir: string): number | undefined => {
  const ns = Number(readFileSync(`${dir}/schedstat`, 'latin1').split(' ', 1)[0]);
  return Number.isFinite(ns) && ns > 0 ? ns / 1e6 : undefined;
};

/** utime + stime in clock ticks (USER_HZ, 100 per second on Linux): coarser, but always there. */
const TICK_MS = 10;
const fromStat = (dir: string): number | undefined => {
  const stat = readFileSync(`${dir}/stat`, 'latin1');
  // The command name may hold spaces and parentheses; the fields after its last ')' do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * TICK_MS : undefined;
};

/**
 * CPU milliseconds the thread has run since it started: the calling thread's without `tid`, else
 * thread `tid` of this process. Undefined where it cannot be read (not Linux, /proc not mounted,
 * the thread gone): callers then fall back to the wall clock.
 */
export function threadCpuMs(tid?: number): number | undefined {
  const dir = tid === undefined ? '/proc/thread-self' : `/proc/self/task/${tid}`;
  try {
    return fromSchedstat(dir) ?? fromStat(dir);
  } catch {
    return undefined;
  }
}

/** The calling thread's kernel id (what `gettid()` answers), for the thread that watches it. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

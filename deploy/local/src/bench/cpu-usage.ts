import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * CPU time spent by named process trees, from /proc: which part of the system a benchmark's
 * load lands on. CPU-seconds, unlike wall time, hold steady when other work shares the machine.
 */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields we want follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) };
  } catch {
    return undefined;
  }
}

function allProcesses(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  return stats;
}

/** CPU-seconds so far of each root and its live descendants. */
export function cpuSeconds(roots: Record<string, number | undefined>): Record<string, number> {
  const stats = allProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const result: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) {
    if (root === undefined || !stats.has(root)) continue;
    let ticks = 0;
    const queue = [root];
    while (queue.length > 0) {
      const pid = queue.pop()!;
      ticks += stats.get(pid)?.ticks ?? 0;
      queue.push(...(children.get(pid) ?? []));
    }
    result[name] = ticks / TICKS_PER_SECOND;
  }
  return result;
}

export function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name]! - (before[name] ?? 0)]));
}

/**
 * Starts counting: the function returned gives each root's CPU-seconds since, and this process's
 * own under `selfLabel` (the services are its children, so its share is counted apart).
 */
export function cpuMeter(roots: Record<string, number | undefined>, selfLabel: string): () => Record<string, number> {
  const before = cpuSeconds(roots);
  const self = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(self);
    return { ...cpuDelta(before, cpuSeconds(roots)), [selfLabel]: (used.user + used.system) / 1e6 };
  };
}

/**
 * CPU-seconds per unit of work by process, the largest first; with `wallSeconds`, each one's share
 * of all cores; with `minPerUnit`, processes below it are left out.
 */
export function printCpuTable(title: string, seconds: Record<string, number>, units: number, unit: string, options: { wallSeconds?: number; minPerUnit?: number } = {}): void {
  const { wallSeconds, minPerUnit = 0 } = options;
  console.log(title);
  console.table(
    Object.entries(seconds)
      .filter(([, s]) => s / units >= minPerUnit)
      .sort((a, b) => b[1] - a[1])
      .map(([process, s]) => ({
        process,
        [`cpu s/${unit}`]: Math.round((s / units) * 1000) / 1000,
        ...(wallSeconds !== undefined && { 'share of all cores': `${Math.round((s / wallSeconds / cpus().length) * 100)} %` }),
      })),
  );
}

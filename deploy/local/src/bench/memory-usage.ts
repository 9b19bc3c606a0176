import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of named process trees, from /proc (the signing API's per-core processes count with their parent). */
function readProc(pid: number): { ppid: number; rssKiB: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { ppid, rssKiB: rss ? Number(rss[1]) : 0 };
  } catch {
    return undefined;
  }
}

export function rssMiB(roots: Record<string, number | undefined>): Record<string, number> {
  const procs = new Map<number, { ppid: number; rssKiB: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const proc = readProc(Number(entry));
    if (proc) procs.set(Number(entry), proc);
  }
  const children = new Map<number, number[]>();
  for (const [pid, proc] of procs) children.set(proc.ppid, [...(children.get(proc.ppid) ?? []), pid]);
  const result: Record<string, number> = {};
  for (const [name, root] of Object.entries(roots)) {
    if (root === undefined || !procs.has(root)) continue;
    let kib = 0;
    const queue = [root];
    while (queue.length > 0) {
      const pid = queue.pop()!;
      kib += procs.get(pid)?.rssKiB ?? 0;
      queue.push(...(children.get(pid) ?? []));
    }
    result[name] = kib / 1024;
  }
  return result;
}

/** Samples every process tree's memory every `everyMs`, keeping the peak of each per phase. */
export class MemoryPeaks {
  private readonly peaks = new Map<string, Record<string, number>>();
  private phase = 'start';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly roots: () => Record<string, number | undefined>, everyMs = 2_000) {
    this.timer = setInterval(() => this.sample(), everyMs);
    this.timer.unref();
  }

  enter(phase: string): void {
    this.sample();
    this.phase = phase;
    this.sample();
  }

  sample(): void {
    const now = rssMiB(this.roots());
    const peak = this.peaks.get(this.phase) ?? {};
    for (const [name, mib] of Object.entries(now)) peak[name] = Math.max(peak[name] ?? 0, mib);
    this.peaks.set(this.phase, peak);
  }

  /** Peak MiB by process, for each phase. */
  table(): Map<string, Record<string, number>> {
    return this.peaks;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

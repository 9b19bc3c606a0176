import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICES, type ServiceName, type ServiceRole } from '@vanthu/shared';
import type { StackPaths } from '../paths';
import { isAlive } from '../proc';
import { awaitReady, serviceSpecs, spawnService, stopLeftovers, stopServices, type RunningService, type ServiceProcessSpec } from '../services';

/**
 * Port offsets of the two replicas: APIs at 7001-7005 and 7301-7305, worker health at 7101-7105
 * and 7401-7405, the workers' SDK metrics 100 above those (and 10 more per signing copy) — clear
 * of `npm start` (+0), the end-to-end tests (+1000) and the benchmarks (+3000).
 */
export const REPLICA_OFFSETS = [4000, 4300] as const;
const REPLICA_LABELS = ['chaos-a', 'chaos-b'] as const;
const READY_TIMEOUT_MS = 180_000;

export interface FleetMember {
  spec: ServiceProcessSpec;
  replica: number;
  current?: RunningService;
  /** Down on purpose (a fault), so its exit is not a crash. */
  downOnPurpose: boolean;
  /** Exits nobody asked for, each followed by a restart as a supervisor would. */
  unexpectedExits: number;
  /** Starts so far: each start after the first logs to a file of its own, so a killed process's log stays. */
  starts: number;
}

export const memberName = (m: Pick<FleetMember, 'spec' | 'replica'>) => `${m.spec.service}-${m.spec.role}-${'ab'[m.replica]}`;

/** The pids whose parent is `pid` (Linux /proc): the copies a signing process forked. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return children;
}

/**
 * Two replicas of every service's API and worker on the same databases and namespace, supervised
 * as a container runtime would: a process that dies on its own is started again after a pause.
 */
export class Fleet {
  readonly members: FleetMember[];
  private stopping = false;

  constructor(
    private readonly options: { paths: StackPaths; env: Record<string, string>; restartAfterMs: number; log: (line: string) => void },
  ) {
    this.members = REPLICA_OFFSETS.flatMap((portOffset, replica) =>
      serviceSpecs({ paths: options.paths, env: options.env, portOffset, label: REPLICA_LABELS[replica] }).map((spec) => ({
        spec,
        replica,
        downOnPurpose: false,
        unexpectedExits: 0,
        starts: 0,
      })),
    );
  }

  /**
   * One replica, then the other: on two cores, twenty processes starting at once (bundling
   * workflows, joining consumer groups) took 105 s where two rounds of ten took 76 s.
   */
  async start(): Promise<void> {
    await stopLeftovers(this.members.map((m) => m.spec));
    for (const replica of [0, 1]) await Promise.all(this.members.filter((m) => m.replica === replica).map((m) => this.launch(m).ready));
  }

  member(service: ServiceName, role: ServiceRole, replica: number): FleetMember {
    const found = this.members.find((m) => m.spec.service === service && m.spec.role === role && m.replica === replica);
    if (!found) throw new Error(`no ${service} ${role} in replica ${replica}`);
    return found;
  }

  /** Both replicas' API base URLs of a service, as a balancer in front of them would know them. */
  apiUrls(service: ServiceName): string[] {
    return REPLICA_OFFSETS.map((offset) => `http://127.0.0.1:${SERVICES[service].apiPort + offset}`);
  }

  /**
   * SIGKILL to the member's whole process group (a signing process and its copies die together,
   * as a container does), then a restart after `restartAfterMs`, as its supervisor would. Resolves
   * once the new process is started; `ready` once it answers ready (a worker may take the
   * consumer-group session timeout to rejoin).
   */
  async kill(member: FleetMember): Promise<{ pid: number; ready: Promise<unknown> }> {
    const running = member.current;
    if (!running?.child.pid) throw new Error(`${memberName(member)} is not running`);
    member.downOnPurpose = true;
    const pid = running.child.pid;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
    await running.exited;
    await sleep(this.options.restartAfterMs);
    return { pid, ready: this.launch(member).ready };
  }

  /**
   * SIGKILL to one copy a signing process forked (node:cluster): its primary replaces it. Resolves
   * once the replacement runs and the member answers ready.
   */
  async killOneCopy(member: FleetMember, timeoutMs = 60_000): Promise<{ pid: number; replacement: number }> {
    const primary = member.current?.child.pid;
    if (!primary) throw new Error(`${memberName(member)} is not running`);
    const before = childPids(primary);
    const victim = before[0];
    if (victim === undefined) throw new Error(`${memberName(member)} (pid ${primary}) has no copies to kill: is SIGNING_PROCESSES 1?`);
    process.kill(victim, 'SIGKILL');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replacement = childPids(primary).find((pid) => !before.includes(pid));
      if (replacement !== undefined && !isAlive(victim)) {
        await awaitReady(member.current!, READY_TIMEOUT_MS);
        return { pid: victim, replacement };
      }
      if (Date.now() > deadline) throw new Error(`${memberName(member)}: no replacement for copy ${victim} within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  }

  unexpectedExits(): number {
    return this.members.reduce((sum, m) => sum + m.unexpectedExits, 0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await stopServices(this.members.map((m) => m.current).filter((r): r is RunningService => r !== undefined));
  }

  /** Spawns the member's process; `ready` resolves once it answers ready (or rejects naming its log). */
  private launch(member: FleetMember): { ready: Promise<unknown> } {
    if (this.stopping) return { ready: Promise.reject(new Error(`${memberName(member)}: not started, the fleet is stopping`)) };
    const spec = member.starts === 0 ? member.spec : { ...member.spec, logFile: member.spec.logFile.replace(/\.log$/, `.${member.starts}.log`) };
    member.starts += 1;
    const running = spawnService(spec, { paths: this.options.paths, env: this.options.env });
    member.current = running;
    member.downOnPurpose = false;
    void running.exited.then((code) => this.exited(member, running, code));
    return { ready: awaitReady(running, READY_TIMEOUT_MS) };
  }

  private exited(member: FleetMember, running: RunningService, code: number | null): void {
    if (this.stopping || member.downOnPurpose || member.current !== running) return;
    member.unexpectedExits += 1;
    this.options.log(`${memberName(member)} exited on its own (code ${code}); restarting it in ${this.options.restartAfterMs / 1000} s (see ${running.spec.logFile})`);
    member.downOnPurpose = true;
    void sleep(this.options.restartAfterMs)
      .then(() => (this.stopping ? undefined : this.launch(member).ready))
      .catch((error: unknown) => this.options.log(`${memberName(member)} could not be restarted: ${(error as Error).message}`));
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceName, ServiceRole } from '@vanthu/shared';
import type { ChaosSettings, FaultKind } from './chaos-settings';
import type { ChaosStack } from './chaos-stack';
import { memberName, type Fleet } from './fleet';

export interface FaultRecord {
  kind: FaultKind;
  /** What was hit: a replica's process, a copy's pid, a server. */
  target: string;
  /** Seconds since the run's clock started. */
  at: number;
  /** From the blow to the target answering ready again. */
  recoveredInS?: number;
  error?: string;
}

/**
 * One fault. Resolves once it is done and its target restarted (a server: once it is back);
 * `back` resolves once the target answers ready again.
 */
async function inflict(kind: FaultKind, replica: number, fleet: Fleet, stack: ChaosStack, settings: ChaosSettings, signal: AbortSignal): Promise<{ target: string; back?: Promise<unknown> }> {
  switch (kind) {
    case 'mongodb':
      await stack.restart('mongodb');
      return { target: 'database server restarted' };
    case 'temporal':
      await stack.restart('temporal');
      return { target: 'Temporal server restarted' };
    case 'kafka':
      await stack.stopFor('kafka', settings.kafkaDownMs, signal);
      return { target: `Kafka stopped for ${settings.kafkaDownMs / 1000} s` };
    case 'signing-process': {
      const member = fleet.member('signing', 'worker', replica);
      const { pid, replacement } = await fleet.killOneCopy(member);
      return { target: `${memberName(member)}: copy ${pid} SIGKILLed, replaced by ${replacement}` };
    }
    default: {
      const [service, role] = kind.split('-') as [ServiceName, ServiceRole];
      const member = fleet.member(service, role, replica);
      const { pid, ready } = await fleet.kill(member);
      return { target: `${memberName(member)} (pid ${pid}) SIGKILLed, restarted after ${settings.restartAfterMs / 1000} s`, back: ready };
    }
  }
}

/**
 * Waits until the `index`-th of `count` faults is due: once that share of the documents has ended
 * (the k-th of F after k/(F+1) of them), so the faults are spread over the run whatever its pace;
 * at once when every document has ended. Resolves false if the run is stopped first.
 */
async function due(index: number, count: number, options: { documents: number; ended: () => number; driving: () => boolean; signal: AbortSignal }): Promise<boolean> {
  const threshold = Math.ceil(((index + 1) * options.documents) / (count + 1));
  while (options.driving() && options.ended() < threshold) {
    if (options.signal.aborted) return false;
    await sleep(500);
  }
  return !options.signal.aborted;
}

/**
 * The faults in turn, spread over the run (see `due`), none before `firstFaultMs` and each at
 * least `faultGapMs` after the previous one is done — a killed process restarted (not necessarily
 * ready yet: a worker may need the consumer group's session timeout to rejoin), a server back.
 * Replicas alternate (the first fault hits replica a, the second b, ...). A fault whose target
 * does not come back is recorded with its error; the schedule goes on, and ends once every target
 * is back.
 */
export async function runFaultSchedule(options: {
  settings: ChaosSettings;
  fleet: Fleet;
  stack: ChaosStack;
  clock: () => number;
  log: (line: string) => void;
  signal: AbortSignal;
  /** Documents ended so far, and whether any is still under way. */
  ended: () => number;
  driving: () => boolean;
}): Promise<FaultRecord[]> {
  const { settings, fleet, stack, clock, log, signal } = options;
  const records: FaultRecord[] = [];
  const recoveries: Array<Promise<void>> = [];
  for (const [index, kind] of settings.faults.entries()) {
    try {
      await sleep(index === 0 ? settings.firstFaultMs : settings.faultGapMs, undefined, { signal });
    } catch {
      break;
    }
    if (!(await due(index, settings.faults.length, { documents: settings.documents, ended: options.ended, driving: options.driving, signal }))) break;
    const record: FaultRecord = { kind, target: '', at: clock() };
    records.push(record);
    log(`fault ${index + 1}/${settings.faults.length}: ${kind}`);
    const failed = (error: unknown) => {
      record.error = (error as Error).message.split('\n')[0]!;
      log(`  ${kind} FAILED: ${(error as Error).message}`);
    };
    try {
      const { target, back } = await inflict(kind, index % 2, fleet, stack, settings, signal);
      record.target = target;
      const recovered = () => {
        record.recoveredInS = clock() - record.at;
        log(`  ${target}; back in ${record.recoveredInS.toFixed(1)} s`);
      };
      if (back) recoveries.push(back.then(recovered, failed));
      else recovered();
    } catch (error) {
      record.target = '(failed)';
      failed(error);
    }
  }
  await Promise.all(recoveries);
  return records;
}

import { z } from 'zod';
import { ConfigError } from '@vanthu/shared';

/**
 * The faults the chaos run knows: SIGKILL of one replica of each service's API or worker (each
 * restarted after `restartAfterS`, as a container supervisor would), SIGKILL of one copy of the
 * signing worker (its own supervisor replaces it), a restart of the database server and of the
 * Temporal server, and Kafka stopped for `kafkaDownS`.
 */
export const FAULT_KINDS = [
  'intake-api',
  'intake-worker',
  'signing-api',
  'signing-worker',
  'notify-api',
  'notify-worker',
  'archive-api',
  'archive-worker',
  'tracking-api',
  'tracking-worker',
  'signing-process',
  'mongodb',
  'kafka',
  'temporal',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Each kind once, the servers spread between the processes so that no two long outages meet. */
export const DEFAULT_FAULTS: FaultKind[] = [
  'intake-api',
  'signing-process',
  'notify-worker',
  'mongodb',
  'archive-api',
  'tracking-worker',
  'kafka',
  'intake-worker',
  'signing-api',
  'notify-api',
  'temporal',
  'archive-worker',
  'tracking-api',
  'signing-worker',
];

const seconds = (max: number) => z.coerce.number().min(0).max(max);

const faultList = z
  .string()
  .transform((text, ctx) => {
    if (text.trim() === 'none') return [];
    const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
    for (const kind of kinds) {
      if (!(FAULT_KINDS as readonly string[]).includes(kind)) {
        ctx.addIssue({ code: 'custom', message: `unknown fault "${kind}"; known: ${FAULT_KINDS.join(', ')}, or none` });
        return z.NEVER;
      }
    }
    return kinds as FaultKind[];
  });

export const chaosSettingsSchema = z.object({
  CHAOS_DOCUMENTS: z.coerce.number().int().min(1).max(5_000).default(300),
  /** Documents in flight at once (each with its copies and tasks). */
  CHAOS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Documents started per second at most (the concurrency bounds them too). */
  CHAOS_RATE: z.coerce.number().positive().max(100).default(1),
  CHAOS_FAULTS: faultList.optional(),
  /** No fault before this many seconds of driving. */
  CHAOS_FIRST_FAULT_S: seconds(3_600).default(20),
  /** The least time from one fault being done (process restarted, server back) to the next. */
  CHAOS_FAULT_GAP_S: seconds(3_600).default(20),
  CHAOS_RESTART_AFTER_S: seconds(600).default(5),
  CHAOS_KAFKA_DOWN_S: seconds(3_600).default(60),
  /** How long one request is retried with its Idempotency-Key before the portal asks again afresh. */
  CHAOS_REQUEST_BUDGET_S: seconds(3_600).default(180),
  /** After the last document, how long the system gets to finish what it owes (outboxes, consumers, deliveries). */
  CHAOS_SETTLE_TIMEOUT_S: seconds(7_200).default(600),
  /** The whole run, start to verdict. */
  CHAOS_TIMEOUT_S: seconds(86_400).default(5_400),
  /** Keep the run's servers' data afterwards (for inspection); by default only the logs stay. */
  CHAOS_KEEP_DATA: z.enum(['0', '1', 'true', 'false']).default('0'),
});

export interface ChaosSettings {
  documents: number;
  concurrency: number;
  /** Documents started per second. */
  rate: number;
  faults: FaultKind[];
  firstFaultMs: number;
  faultGapMs: number;
  restartAfterMs: number;
  kafkaDownMs: number;
  requestBudgetMs: number;
  settleTimeoutMs: number;
  timeoutMs: number;
  keepData: boolean;
}

const FLAGS: Record<string, keyof z.input<typeof chaosSettingsSchema>> = {
  documents: 'CHAOS_DOCUMENTS',
  concurrency: 'CHAOS_CONCURRENCY',
  rate: 'CHAOS_RATE',
  faults: 'CHAOS_FAULTS',
  'first-fault': 'CHAOS_FIRST_FAULT_S',
  'fault-gap': 'CHAOS_FAULT_GAP_S',
  'restart-after': 'CHAOS_RESTART_AFTER_S',
  'kafka-down': 'CHAOS_KAFKA_DOWN_S',
  'request-budget': 'CHAOS_REQUEST_BUDGET_S',
  'settle-timeout': 'CHAOS_SETTLE_TIMEOUT_S',
  timeout: 'CHAOS_TIMEOUT_S',
  'keep-data': 'CHAOS_KEEP_DATA',
};

export const CHAOS_USAGE = `usage: vanthu chaos [--documents N] [--concurrency N] [--rate DOCS_PER_S] [--faults a,b,...|none]
                    [--first-fault S] [--fault-gap S] [--restart-after S] [--kafka-down S]
                    [--request-budget S] [--settle-timeout S] [--timeout S] [--keep-data]
  each flag also as an environment variable: --kafka-down 60 is CHAOS_KAFKA_DOWN_S=60
  faults: ${FAULT_KINDS.join(', ')}`;

/** `--name value` / `--name=value` flags over CHAOS_* variables; a bad value names its variable. */
export function loadChaosSettings(args: string[] = [], env: NodeJS.ProcessEnv = process.env): ChaosSettings {
  const values: Record<string, string | undefined> = Object.fromEntries(Object.values(FLAGS).map((key) => [key, env[key]]));
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag = '', inline] = arg.replace(/^--/, '').split('=', 2);
    const key = arg.startsWith('--') ? FLAGS[flag] : undefined;
    if (!key) {
      problems.push(`${arg}: not a flag of the chaos run`);
      continue;
    }
    if (flag === 'keep-data' && inline === undefined) values[key] = '1';
    else values[key] = inline ?? args[++i];
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const parsed = chaosSettingsSchema.safeParse(values);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const v = parsed.data;
  return {
    documents: v.CHAOS_DOCUMENTS,
    rate: v.CHAOS_RATE,
    concurrency: v.CHAOS_CONCURRENCY,
    faults: v.CHAOS_FAULTS ?? DEFAULT_FAULTS,
    firstFaultMs: v.CHAOS_FIRST_FAULT_S * 1000,
    faultGapMs: v.CHAOS_FAULT_GAP_S * 1000,
    restartAfterMs: v.CHAOS_RESTART_AFTER_S * 1000,
    kafkaDownMs: v.CHAOS_KAFKA_DOWN_S * 1000,
    requestBudgetMs: v.CHAOS_REQUEST_BUDGET_S * 1000,
    settleTimeoutMs: v.CHAOS_SETTLE_TIMEOUT_S * 1000,
    timeoutMs: v.CHAOS_TIMEOUT_S * 1000,
    keepData: v.CHAOS_KEEP_DATA === '1' || v.CHAOS_KEEP_DATA === 'true',
  };
}

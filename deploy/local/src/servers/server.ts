/** One server of the local stack, obtained and run by us unless its address was given. */
export interface ManagedServer {
  name: string;
  /** True when the environment points at a server of the user's own: we only check it. */
  external: boolean;
  /** The address clients use, as it goes into TEMPORAL_ADDRESS, KAFKA_BROKERS or MONGO_URL. */
  address: string;
  /** Human-facing URLs to print once the server is up. */
  urls: Record<string, string>;
  host: string;
  port: number;
  logFile: string;
  pidFile: string;
  /** Builds or downloads the server into the cache if it is not there yet. */
  obtain(progress: (line: string) => void): Promise<'cached' | 'obtained' | 'on PATH' | 'external'>;
  /** Starts the process; resolves with its pid once spawned (not yet ready). */
  start(): Promise<number>;
  /** A quick probe: does a working server of this kind answer at the address? */
  isReady(): Promise<boolean>;
  /** How long a cold start may take before we call it failed. */
  startTimeoutMs: number;
}

/**
 * Environment for the Go servers (Temporal, FerretDB). Both allocate a lot per request and, with
 * Go's default GOGC=100, spent about a fifth of their CPU collecting garbage under the lifecycle
 * benchmark; collecting at 4x the live heap instead cut FerretDB's CPU per document by 18 %
 * (docs/local-stack.md). GOMEMLIMIT keeps the larger heap bounded. Either can be overridden.
 */
export function goServerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, GOGC: process.env.GOGC ?? '400', GOMEMLIMIT: process.env.GOMEMLIMIT ?? '1GiB', ...extra };
}

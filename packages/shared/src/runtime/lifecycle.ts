import closeWithGrace from 'close-with-grace';
import { ConfigError } from '../config/env';
import type { Logger } from '../logging/logger';
import type { HealthState } from '../http/health';

/** Exit code for a configuration the process cannot run with (sysexits EX_CONFIG). */
export const EXIT_CONFIG = 78;

/**
 * Resources a process opened, closed in reverse order on shutdown: the HTTP server stops taking
 * requests before the database it needs goes away.
 */
export class Lifecycle {
  readonly health: HealthState = { draining: false };
  private readonly steps: Array<{ name: string; stop: () => Promise<unknown> }> = [];
  private stopping?: Promise<void>;

  constructor(private readonly logger: Logger) {}

  onStop(name: string, stop: () => Promise<unknown>): void {
    this.steps.push({ name, stop });
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    this.health.draining = true;
    for (const step of [...this.steps].reverse()) {
      try {
        await step.stop();
        this.logger.debug({ step: step.name }, 'stopped');
      } catch (error) {
        this.logger.error({ err: error, step: step.name }, 'error while stopping');
      }
    }
  }
}

export interface MainOptions {
  logger: Logger;
  graceMs: number;
}

/**
 * Runs a process's main function with graceful shutdown on SIGTERM/SIGINT: in-flight work gets
 * `graceMs` to finish, then the process exits anyway so an orchestrator is never left waiting.
 */
export function runMain(options: MainOptions, main: (lifecycle: Lifecycle) => Promise<void>): void {
  const { logger } = options;
  const lifecycle = new Lifecycle(logger);
  closeWithGrace(
    {
      delay: options.graceMs,
      logger: { error: (message: unknown) => logger.error({ msg: String(message) }, 'shutdown') },
    },
    async ({ signal, err }) => {
      if (err) logger.error({ err }, 'fatal error, shutting down');
      else logger.info({ signal }, 'shutting down');
      await lifecycle.stop();
    },
  );
  main(lifecycle).catch(async (error: unknown) => {
    logger.fatal({ err: error }, 'failed to start');
    await lifecycle.stop();
    process.exit(1);
  });
}

/** Loads configuration or exits with a message that names every bad variable. */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
}

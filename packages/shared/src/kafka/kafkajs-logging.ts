import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../logging/logger';

/**
 * We bound producer retries on purpose (callers such as the outbox relay own the back-off), so
 * kafkajs's warning about it is noise.
 */
const EXPECTED = ['Limiting retries for the idempotent producer'];

/**
 * Sends kafkajs's own log lines through our logger. Its ERROR lines are mostly retriable
 * conditions it then recovers from (a coordinator still loading after a broker start), so they
 * are warnings here; a failure that matters reaches the caller as a rejected promise.
 */
export function kafkajsLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
      if (EXPECTED.some((text) => message.startsWith(text))) return;
      const fields = { component: 'kafkajs', ...extra };
      if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(fields, message);
      else if (level === logLevel.INFO) logger.debug(fields, message);
      else logger.trace(fields, message);
    };
}

export const KAFKAJS_LOG_LEVEL = logLevel.WARN;

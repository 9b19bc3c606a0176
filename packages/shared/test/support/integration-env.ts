import { randomUUID } from 'node:crypto';
import { baseEnvSchema, loadConfig } from '../../src';

/**
 * Integration tests reach the real servers through the same variables the services read;
 * `npm test` sets them to the stack it started, and the Temporal namespace to the test one.
 */
export const integrationEnv = () => loadConfig(baseEnvSchema, process.env);

/** A name no other test run uses, so runs on one stack never see each other's data. */
export const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

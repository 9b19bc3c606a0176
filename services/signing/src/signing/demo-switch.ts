import type { SigningConfig } from '../config';

/**
 * Demo certificates are for the demo stack; a deployment with its own hierarchy leaves them off
 * (VANTHU_DEMO_DATA=false, the default in production). SIGNING_DEMO_PKI=off, the older switch,
 * still turns them off.
 */
export const demoEnrolmentEnabled = (config: Pick<SigningConfig, 'VANTHU_DEMO_DATA'>, env: NodeJS.ProcessEnv = process.env) =>
  config.VANTHU_DEMO_DATA && env.SIGNING_DEMO_PKI !== 'off';

/** Development PINs are known to everyone who reads the docs: never in production, whatever the flag says. */
export const demoPinsEnabled = (config: Pick<SigningConfig, 'VANTHU_DEMO_DATA' | 'NODE_ENV'>, env: NodeJS.ProcessEnv = process.env) =>
  demoEnrolmentEnabled(config, env) && config.NODE_ENV !== 'production';

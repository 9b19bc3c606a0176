#!/usr/bin/env node
import { configOrExit, createLogger, listen, runMain } from '@vanthu/shared';
import { loadConsoleConfig } from './config';
import { createConsoleApp } from './service';

const config = configOrExit(() => loadConsoleConfig());
const logger = createLogger({ service: 'console' }, config.logLevel);

runMain({ logger, graceMs: config.shutdownGraceMs }, async (lifecycle) => {
  const { app, endStreams } = createConsoleApp(config, logger, lifecycle.health);
  const started = await listen(app, config.host, config.port);
  lifecycle.onStop('http server', started.close);
  // Stopped before the server (steps run in reverse): open streams would hold its close for the whole grace period.
  lifecycle.onStop('live streams', async () => endStreams());
  logger.info({ url: started.url, signIn: config.signIn.mode, services: config.services }, 'console ready');
});

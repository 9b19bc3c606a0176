#!/usr/bin/env node
import { connectMongo, createLogger, KeyRing, loadServiceConfig } from '@vanthu/shared';
import { sealingStore } from '../records/sealings';

/**
 * `node services/intake/dist/cli/rewrap-keys.js` (with the service's environment), after a KEK
 * rotation: every secret document's and copy's data key is re-wrapped under the current master
 * (VANTHU_KEK_CURRENT), while the old master is still in VANTHU_KEKS. Stopping it half way is
 * harmless: run it again. The old master can leave VANTHU_KEKS once this reports nothing left
 * and no lifecycle started before the rotation is still running (their inputs carry the key as
 * it was wrapped then; see docs/secret-documents.md).
 */
export async function rewrapKeys(env: NodeJS.ProcessEnv = process.env): Promise<{ rewrapped: number; current: number }> {
  const config = loadServiceConfig('intake', 'worker', env);
  const logger = createLogger({ command: 'rewrap-keys' }, config.LOG_LEVEL);
  const ring = KeyRing.fromEnv(env);
  const mongo = await connectMongo({ url: config.MONGO_URL, database: config.MONGO_DATABASE, logger });
  try {
    return await sealingStore(mongo).rewrapAll(ring, (id, from, to) => logger.info({ id, from, to }, 'data key re-wrapped'));
  } finally {
    await mongo.close();
  }
}

if (require.main === module) {
  rewrapKeys().then(
    ({ rewrapped, current }) => {
      console.log(`re-wrapped ${rewrapped} data keys; ${current} already under the current key`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

#!/usr/bin/env node
import { connectMongo, createLogger, documentContext, kekIdOf, KeyRing, loadServiceConfig } from '@vanthu/shared';
import { archiveCollections } from '../store/collections';

/**
 * The archive's half of a KEK rotation (docs/secret-documents.md, "Rotation"), beside intake's:
 * every secret package's data key re-wrapped under the current master, for the same scope
 * (`archive:<issuer>`). Package records are written once, when archived, so this command is the
 * only writer of a package's `sealing` after that; the manifest and the log leaf do not include
 * it, so the tamper-evident log is unchanged. Stopping half way is harmless: run it again.
 */
export async function rewrapArchiveKeys(env: NodeJS.ProcessEnv = process.env): Promise<{ rewrapped: number; current: number }> {
  const config = loadServiceConfig('archive', 'worker', env);
  const logger = createLogger({ command: 'rewrap-keys' }, config.LOG_LEVEL);
  const ring = KeyRing.fromEnv(env);
  const mongo = await connectMongo({ url: config.MONGO_URL, database: config.MONGO_DATABASE, logger });
  try {
    const { packages } = archiveCollections(mongo);
    let rewrapped = 0;
    let current = 0;
    for await (const pkg of packages.find({ sealing: { $exists: true } })) {
      const sealing = pkg.sealing!;
      const scope = sealing.kid.slice(sealing.kid.indexOf('/') + 1);
      if (sealing.kid === ring.currentKekId(scope)) {
        current += 1;
        continue;
      }
      const wrappedKey = await ring.rewrap(sealing.wrappedKey, documentContext(pkg.metadata.documentId), scope);
      await packages.updateOne({ _id: pkg._id }, { $set: { sealing: { wrappedKey, kid: kekIdOf(wrappedKey), wrappedAt: new Date().toISOString() } } });
      logger.info({ packageId: pkg._id, from: sealing.kid, to: kekIdOf(wrappedKey) }, 'data key re-wrapped');
      rewrapped += 1;
    }
    return { rewrapped, current };
  } finally {
    await mongo.close();
  }
}

if (require.main === module) {
  rewrapArchiveKeys().then(
    ({ rewrapped, current }) => {
      console.log(`archive: re-wrapped ${rewrapped} package keys; ${current} already under the current key`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

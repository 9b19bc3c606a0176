import type { Connection } from 'mongoose';
import type { BlobStore, ServiceContext } from '@vanthu/shared';
import { loadSigningConfig, type SigningConfig } from '../config';
import { Authority } from '../pki/authority';
import { BytePool } from '../pool/byte-pool';
import { demoEnrolmentEnabled, demoPinsEnabled } from './demo-switch';
import { enrolDemoProvince } from '../pki/demo-enrolment';
import { enrolDemoPins } from '../intent/demo-pins';
import { createSignerIntent, type SignerIntent } from '../intent/signer-intent';
import { loadTrustedImportCas } from '../pki/import-checks';
import type { X509Certificate } from 'node:crypto';
import { TimeStampAuthority } from '../tsa/time-stamp-authority';
import { Verifier } from '../verify/verifier';
import { DocumentSigner } from './document-signer';
import { SigningResults } from './signing-results';

/** Everything the routes and activities share, built once per process. */
export interface SigningModule {
  config: SigningConfig;
  authority: Authority;
  tsa: TimeStampAuthority;
  signer: DocumentSigner;
  verifier: Verifier;
  results: SigningResults;
  /** PINs, authorisations and their log: a person's key signs only with its holder's confirmation. */
  intent: SignerIntent;
  /** Outside CAs a PKCS#12 import may chain to (SIGNING_TRUSTED_IMPORT_CAS), besides our roots. */
  trustedImportCas: X509Certificate[];
  blobs: BlobStore;
  /** Threads for large PDFs and contents (signatures are made on the calling thread); idle ones do not hold the process open. */
  pool: BytePool;
}

export function createSigningModule(connection: Connection, blobs: BlobStore, config: SigningConfig, now?: () => Date): SigningModule {
  const pool = new BytePool();
  const authority = new Authority(connection, config.SIGNING_KEK, config.SIGNING_PUBLIC_URL, now);
  const tsa = new TimeStampAuthority(authority);
  return {
    config,
    authority,
    tsa,
    signer: new DocumentSigner(authority, tsa, pool),
    verifier: new Verifier(authority),
    results: new SigningResults(connection),
    intent: createSignerIntent(connection, now),
    trustedImportCas: loadTrustedImportCas(config.SIGNING_TRUSTED_IMPORT_CAS),
    blobs,
    pool,
  };
}

const modules = new WeakMap<ServiceContext, SigningModule>();

export function signingModuleOf(ctx: ServiceContext): SigningModule {
  let module = modules.get(ctx);
  if (!module) {
    module = createSigningModule(ctx.mongo, ctx.blobs, loadSigningConfig());
    modules.set(ctx, module);
  }
  return module;
}

/** Indexes first (they decide races), then the demo PKI, then any certificate event a crash held back. */
export async function prepareSigning(module: SigningModule): Promise<void> {
  await module.authority.ensureIndexes();
  await module.results.ensureIndexes();
  await module.intent.ensureIndexes();
  if (demoEnrolmentEnabled(module.config)) await enrolDemoProvince(module.authority);
  if (demoPinsEnabled(module.config)) await enrolDemoPins(module.intent.pins);
  await module.authority.announcePending();
}

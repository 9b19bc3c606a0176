import { DocumentKey, documentContext, wrapForPublicKey } from '@vanthu/shared';
import type { Archive } from '../archive';
import { sha256Hex } from '../packages/canonical-json';
import type { ExportKey } from '../secrecy/export-key';
import { archiveScope, SEALED_PART_FORMAT } from '../secrecy/sealed-package';
import type { PackageDoc } from '../store/collections';

/** Beside the sealed parts of each secret package in a bag. */
export const KEY_FILE = 'key.jwe';

/**
 * A secret package's data key, wrapped for the receiving archive: a JWE (RSA-OAEP-256 +
 * A256GCM) under its public key, bound to the document like every wrap of ours. It is made for
 * this export and this receiver, so it is payload (in manifest-sha256.txt), not a part of the
 * package: the package's manifest, and its leaf in the log, stay what they were when archived.
 */
export async function keyFileOf(archive: Archive, pkg: PackageDoc & { sealing: NonNullable<PackageDoc['sealing']> }, exportKey: ExportKey) {
  const key = await DocumentKey.open(archive.keys, pkg.documentId, { wrappedKey: pkg.sealing.wrappedKey }, archiveScope(pkg.metadata.issuerCode));
  const raw = key.exportRaw();
  try {
    const bytes = Buffer.from(await wrapForPublicKey(raw, exportKey.publicKeyPem, exportKey.keyId, documentContext(pkg.documentId)), 'ascii');
    return { path: `data/${pkg._id}/${KEY_FILE}`, sha256: sha256Hex(bytes), size: bytes.length, read: async () => bytes };
  } finally {
    raw.fill(0);
  }
}

/** bag-info.txt lines telling the receiver how the secret packages open (RFC 8493 §2.2.2 allows labels of our own). */
export function encryptionInfo(exportKey: ExportKey, sealedPackages: number): string[] {
  if (sealedPackages === 0) return [];
  return [
    `Secret-Packages: ${sealedPackages}`,
    `Encryption: files ending in .jwe, and the subject and notes in records/, are ${SEALED_PART_FORMAT}; data/<package>/${KEY_FILE} is that key as JWE (RFC 7516) compact serialization, alg RSA-OAEP-256, enc A256GCM, for the receiving archive's private key; every JWE names its document in the protected header (ctx: document:<documentId>)`,
    `Encryption-Key-Id: ${exportKey.keyId}`,
  ];
}

import { ApplicationFailure } from '@temporalio/activity';
import { DocumentKey, documentContext, isSealed, kekIdOf, type ArchiveDocumentInput, type KeyRing } from '@vanthu/shared';
import type { PackageSealing } from '../store/collections';

/** The archive keeps its own wrap of each data key, one scope per issuing organisation. */
export const archiveScope = (issuerCode: string) => `archive:${issuerCode}`;

/** Named in every sealed package's manifest and in the bag-info of an export that carries one. */
export const SEALED_PART_FORMAT = 'JWE (RFC 7516) compact serialization, alg dir, enc A256GCM, under the document data key';

export const SEALING_ERRORS = {
  secretInClear: 'ArchiveSecretInClear',
  sealingMissing: 'ArchiveSealingMissing',
  sealingInvalid: 'ArchiveSealingInvalid',
} as const;

export type Warn = (message: string, fields: Record<string, unknown>) => void;

/** The document's substance, sealed by intake when it was made; validation material stays clear. */
function clearSubstance(input: ArchiveDocumentInput): string[] {
  const clear: string[] = [];
  if (!isSealed(input.metadata.subject)) clear.push('records/metadata.json: subject');
  if (input.content.sealed !== true) clear.push('content');
  input.attachments.forEach((a, i) => {
    if (a.attachment.sealed !== true) clear.push(`attachment ${i + 1}`);
  });
  return clear;
}

function looksSealed(input: ArchiveDocumentInput): boolean {
  return isSealed(input.metadata.subject) || input.content.sealed === true || input.attachments.some((a) => a.attachment.sealed === true);
}

/**
 * For a sealed document: checks that its subject and files came sealed, wraps its data key for
 * the archive, and seals any history note that came in clear. Nothing is opened: the parts stay
 * the ciphertext that arrived, and the manifest and the log hash that.
 *
 * Clear substance is refused for good (the clear bytes are already out there; a person must
 * look), and so is a key that does not open. A note in clear is sealed here instead: the history
 * is gathered from every step and every recipient, and one stray note should not cost the
 * document its package. A KEK this process lacks is retried, since configuring it fixes that.
 */
export async function sealedInput(keys: KeyRing | undefined, input: ArchiveDocumentInput, warn?: Warn): Promise<{ input: ArchiveDocumentInput; sealing?: PackageSealing }> {
  const { documentId, issuerCode } = input.metadata;
  if (!input.sealing) {
    // Without the key, sealed parts could never be opened again: better no package than a lost one.
    if (looksSealed(input)) throw ApplicationFailure.nonRetryable(`document ${documentId} has sealed parts but no sealing (data key)`, SEALING_ERRORS.sealingMissing);
    return { input };
  }
  const clear = clearSubstance(input);
  if (clear.length > 0) {
    throw ApplicationFailure.nonRetryable(`document ${documentId} is sealed, yet these arrived in clear: ${clear.join('; ')}`, SEALING_ERRORS.secretInClear);
  }
  if (!keys) throw new Error('the archive was built without a key ring; it cannot take sealed documents');
  const invalid = (error: unknown) =>
    ApplicationFailure.nonRetryable(`document ${documentId}: its data key does not open (${(error as Error).message})`, SEALING_ERRORS.sealingInvalid);
  let from: string;
  try {
    from = kekIdOf(input.sealing.wrappedKey);
  } catch (error) {
    throw invalid(error);
  }
  if (!keys.key(from)) throw new Error(`key-encryption key ${from} is not configured here (VANTHU_KEKS); document ${documentId} waits for it`);
  let wrappedKey: string;
  try {
    wrappedKey = await keys.rewrap(input.sealing.wrappedKey, documentContext(documentId), archiveScope(issuerCode));
  } catch (error) {
    throw invalid(error);
  }
  const sealing = { wrappedKey, kid: kekIdOf(wrappedKey), wrappedAt: new Date().toISOString() };
  return { input: { ...input, history: await sealedNotes(keys, input, warn) }, sealing };
}

async function sealedNotes(keys: KeyRing, input: ArchiveDocumentInput, warn?: Warn): Promise<ArchiveDocumentInput['history']> {
  const clear = input.history.filter((entry) => entry.note !== undefined && !isSealed(entry.note));
  if (clear.length === 0) return input.history;
  const { documentId } = input.metadata;
  const key = await DocumentKey.open(keys, documentId, input.sealing!);
  // The sequence numbers only: the text is what must not reach a log.
  warn?.('history notes of a sealed document arrived in clear; the archive sealed them', { documentId, seqs: clear.map((e) => e.seq) });
  return Promise.all(input.history.map(async (entry) => (entry.note !== undefined && !isSealed(entry.note) ? { ...entry, note: await key.seal(entry.note) } : entry)));
}

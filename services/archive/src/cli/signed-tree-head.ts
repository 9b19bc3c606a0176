import { createHash, verify, type KeyObject } from 'node:crypto';

/*
 * The offline verifier's own reading of a signed tree head, independent of the log's code
 * (src/merkle/tree-head.ts): the signed bytes are RFC 6962 §3.5's TreeHeadSignature, which a
 * third party can rebuild from the RFC alone.
 */

export interface TreeHeadFile {
  treeSize: number;
  rootHash: string;
  timestamp: number;
  algorithm: string;
  keyId: string;
  signature: string;
}

/** version v1 (0), signature_type tree_hash (1), uint64 timestamp, uint64 tree_size, root hash. */
function signedBytes(head: TreeHeadFile): Buffer {
  const bytes = Buffer.alloc(2 + 8 + 8 + 32);
  bytes[0] = 0;
  bytes[1] = 1;
  bytes.writeBigUInt64BE(BigInt(head.timestamp), 2);
  bytes.writeBigUInt64BE(BigInt(head.treeSize), 10);
  Buffer.from(head.rootHash, 'hex').copy(bytes, 18);
  return bytes;
}

/** Hex SHA-256 of the key's SPKI DER: the key id a head names. */
export const spkiKeyId = (key: KeyObject) => createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');

/** Why the head cannot be trusted under `key`, or undefined when its Ed25519 signature holds. */
export function treeHeadFault(head: TreeHeadFile, key: KeyObject): string | undefined {
  if (typeof head !== 'object' || head === null) return 'not a JSON object';
  if (head.algorithm !== 'Ed25519') return `unsupported algorithm ${String(head.algorithm)}`;
  if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0) return 'tree size is not a non-negative integer';
  if (!Number.isSafeInteger(head.timestamp) || head.timestamp < 0) return 'timestamp is not a non-negative integer';
  if (typeof head.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(head.rootHash)) return 'root hash is not 64 hex digits';
  if (typeof head.signature !== 'string') return 'signature is missing';
  const expected = spkiKeyId(key);
  if (head.keyId !== expected) return `signed with key ${String(head.keyId)}, not with the given key ${expected}`;
  return verify(null, signedBytes(head), key, Buffer.from(head.signature, 'base64')) ? undefined : 'signature does not verify';
}

import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** A signed tree head, as published and as the offline verifier reads it. */
export interface SignedTreeHead {
  treeSize: number;
  /** Hex. */
  rootHash: string;
  /** Milliseconds since the epoch, as RFC 6962 timestamps are. */
  timestamp: number;
  algorithm: 'Ed25519';
  /** Hex SHA-256 of the public key (SPKI DER), so a verifier can tell which key to use. */
  keyId: string;
  /** Base64. */
  signature: string;
}

/**
 * The signed bytes follow RFC 6962's TreeHeadSignature (version v1, type tree_hash, timestamp,
 * tree size, root), so the head is unambiguous whatever JSON it travels in.
 */
export function treeHeadSignedBytes(treeSize: number, timestamp: number, rootHash: Buffer): Buffer {
  const out = Buffer.alloc(2 + 8 + 8 + 32);
  out.writeUInt8(0, 0);
  out.writeUInt8(1, 1);
  out.writeBigUInt64BE(BigInt(timestamp), 2);
  out.writeBigUInt64BE(BigInt(treeSize), 10);
  rootHash.copy(out, 18);
  return out;
}

export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function signTreeHead(privateKey: KeyObject, treeSize: number, rootHash: Buffer, timestamp: number): SignedTreeHead {
  const signature = sign(null, treeHeadSignedBytes(treeSize, timestamp, rootHash), privateKey);
  return {
    treeSize,
    rootHash: rootHash.toString('hex'),
    timestamp,
    algorithm: 'Ed25519',
    keyId: keyId(createPublicKey(privateKey)),
    signature: signature.toString('base64'),
  };
}

/** Why a head is not acceptable, or undefined when its signature holds under the key. */
export function treeHeadProblem(head: SignedTreeHead, publicKey: KeyObject): string | undefined {
  if (head.algorithm !== 'Ed25519') return `unsupported algorithm ${String(head.algorithm)}`;
  if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0) return 'tree size is not a non-negative integer';
  if (!Number.isSafeInteger(head.timestamp) || head.timestamp < 0) return 'timestamp is not a non-negative integer';
  if (!/^[0-9a-f]{64}$/.test(head.rootHash)) return 'root hash is not 64 hex digits';
  if (head.keyId !== keyId(publicKey)) return `signed with key ${head.keyId}, not with the given key ${keyId(publicKey)}`;
  const bytes = treeHeadSignedBytes(head.treeSize, head.timestamp, Buffer.from(head.rootHash, 'hex'));
  return verify(null, bytes, publicKey, Buffer.from(head.signature, 'base64')) ? undefined : 'signature does not verify';
}

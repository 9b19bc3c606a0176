#!/usr/bin/env node
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { consistencyHolds, hashLeaf, inclusionHolds } from './rfc9162';
import { treeHeadFault, type TreeHeadFile } from './signed-tree-head';

/**
 * Checks the archive log's proofs offline, with nothing but files: signed tree heads, a proof and
 * the log's public key. It shares no code with the log it checks (src/merkle, src/log): its
 * hashing, proof verification and tree-head check are its own (rfc9162.ts, signed-tree-head.ts),
 * so a fault in the log's code cannot be mirrored here and pass unnoticed.
 */
const USAGE = `usage:
  verify-log inclusion --key <public.pem> --tree-head <head.json> --proof <proof.json> [--manifest <manifest.json>]
  verify-log consistency --key <public.pem> --first <head.json> --second <head.json> --proof <proof.json>
exit status: 0 verified, 1 not verified, 64 usage`;

const EXIT_FAILED = 1;
const EXIT_USAGE = 64;

class Verdict extends Error {}

function options(args: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (!name?.startsWith('--') || value === undefined) throw new UsageError(`unexpected argument ${name ?? ''}`);
    found.set(name.slice(2), value);
  }
  return found;
}

class UsageError extends Error {}

function required(opts: Map<string, string>, name: string): string {
  const value = opts.get(name);
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return value;
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new Verdict(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

const hex = (value: unknown, what: string): Buffer => {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) throw new Verdict(`${what} is not a 64-digit hex SHA-256`);
  return Buffer.from(value, 'hex');
};

const hashes = (value: unknown, what: string): unknown[] => {
  if (!Array.isArray(value)) throw new Verdict(`${what} is not an array of hashes`);
  return value;
};

function head(path: string, key: ReturnType<typeof createPublicKey>): TreeHeadFile {
  const sth = readJson<TreeHeadFile>(path, 'tree head');
  const problem = treeHeadFault(sth, key);
  if (problem) throw new Verdict(`tree head ${path}: ${problem}`);
  return sth;
}

function inclusion(opts: Map<string, string>, key: ReturnType<typeof createPublicKey>): string {
  const sth = head(required(opts, 'tree-head'), key);
  const proof = readJson<{ leafIndex: number; treeSize: number; manifestSha256: string; auditPath: string[]; packageId?: string }>(
    required(opts, 'proof'),
    'proof',
  );
  if (proof.treeSize !== sth.treeSize) throw new Verdict(`the proof is for a tree of size ${proof.treeSize}, the head for ${sth.treeSize}`);
  const manifestPath = opts.get('manifest');
  if (manifestPath !== undefined) {
    const actual = createHash('sha256').update(readFileSync(manifestPath)).digest('hex');
    if (actual !== proof.manifestSha256) throw new Verdict(`manifest ${manifestPath} hashes to ${actual}, the log holds ${proof.manifestSha256}: it was altered`);
  }
  const leaf = hashLeaf(hex(proof.manifestSha256, 'manifestSha256'));
  const path = hashes(proof.auditPath, 'auditPath').map((h, i) => hex(h, `auditPath[${i}]`));
  if (!inclusionHolds(leaf, proof.leafIndex, proof.treeSize, path, hex(sth.rootHash, 'rootHash'))) {
    throw new Verdict(`manifest ${proof.manifestSha256} is NOT leaf ${proof.leafIndex} of the signed tree of size ${sth.treeSize}`);
  }
  const what = proof.packageId ? `package ${proof.packageId} (manifest ${proof.manifestSha256})` : `manifest ${proof.manifestSha256}`;
  return `${what} is leaf ${proof.leafIndex} of the tree of size ${sth.treeSize} signed at ${new Date(sth.timestamp).toISOString()}`;
}

function consistency(opts: Map<string, string>, key: ReturnType<typeof createPublicKey>): string {
  const first = head(required(opts, 'first'), key);
  const second = head(required(opts, 'second'), key);
  const proof = readJson<{ first: number; second: number; path: string[] }>(required(opts, 'proof'), 'proof');
  if (proof.first !== first.treeSize || proof.second !== second.treeSize) {
    throw new Verdict(`the proof is from size ${proof.first} to ${proof.second}, the heads are ${first.treeSize} and ${second.treeSize}`);
  }
  const path = hashes(proof.path, 'path').map((h, i) => hex(h, `path[${i}]`));
  if (!consistencyHolds(first.treeSize, second.treeSize, hex(first.rootHash, 'first rootHash'), hex(second.rootHash, 'second rootHash'), path)) {
    throw new Verdict(`the tree of size ${second.treeSize} does NOT extend the tree of size ${first.treeSize}: the log was rewritten`);
  }
  return `the tree of size ${second.treeSize} extends the tree of size ${first.treeSize} (nothing earlier changed)`;
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    const opts = options(rest);
    let key;
    try {
      key = createPublicKey(readFileSync(required(opts, 'key')));
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new Verdict(`cannot read the public key: ${(error as Error).message}`);
    }
    if (command === 'inclusion') process.stdout.write(`VERIFIED: ${inclusion(opts, key)}\n`);
    else if (command === 'consistency') process.stdout.write(`VERIFIED: ${consistency(opts, key)}\n`);
    else throw new UsageError(`unknown command ${command ?? '(none)'}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Verdict) {
      process.stdout.write(`NOT VERIFIED: ${error.message}\n`);
      return EXIT_FAILED;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

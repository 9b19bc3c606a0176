import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Principal } from '@vanthu/shared';
import { tokenFor } from './http-app';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** RFC 8493 validation, done independently of the exporter: every line recomputed, nothing extra. */
export function validateBag(bag: string): string[] {
  const problems: string[] = [];
  const manifestLines = (name: string) =>
    readFileSync(join(bag, name), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/ {2}/) as [string, string]);
  const payload = manifestLines('manifest-sha256.txt');
  for (const [hash, path] of [...payload, ...manifestLines('tagmanifest-sha256.txt')]) {
    const actual = sha256(readFileSync(join(bag, path)));
    if (actual !== hash) problems.push(`${path}: manifest says ${hash}, file hashes to ${actual}`);
  }
  const listed = new Set(payload.map(([, path]) => path));
  for (const file of filesUnder(join(bag, 'data'))) {
    if (!listed.has(relative(bag, file))) problems.push(`${relative(bag, file)} is not in the payload manifest`);
  }
  const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
  const [octets, count] = /Payload-Oxum: (\d+)\.(\d+)/.exec(info)!.slice(1).map(Number);
  const files = filesUnder(join(bag, 'data'));
  if (count !== files.length || octets !== files.reduce((s, f) => s + statSync(f).size, 0)) problems.push('Payload-Oxum does not match the payload');
  if (readFileSync(join(bag, 'bagit.txt'), 'utf8') !== 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n') problems.push('bagit.txt');
  return problems;
}

/** Exports a work file as `as`, and extracts the tar with the system's tar; returns the bag's directory. */
export async function exportedBag(url: string, workFileId: string, as: Principal): Promise<string> {
  const response = await fetch(`${url}/v1/work-files/${workFileId}/export`, { headers: { authorization: `Bearer ${tokenFor(as)}` } });
  if (response.headers.get('content-type') !== 'application/x-tar') throw new Error(`no bag: ${response.status} ${await response.text()}`);
  const dir = mkdtempSync(join(tmpdir(), 'archive-bag-'));
  writeFileSync(join(dir, 'bag.tar'), Buffer.from(await response.arrayBuffer()));
  execFileSync('tar', ['-xf', join(dir, 'bag.tar'), '-C', dir]);
  return join(dir, readdirSync(dir).find((name) => name !== 'bag.tar')!);
}

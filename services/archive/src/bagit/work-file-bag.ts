import { Problem } from '@vanthu/shared';
import type { Archive } from '../archive';
import { sha256Hex } from '../packages/canonical-json';
import { recordBytes } from '../packages/package-parts';
import { refusalOf, type Viewer } from '../secrecy/package-access';
import type { MemberDoc, PackageDoc, WorkFileDoc } from '../store/collections';
import { isWorkFileCode } from '../workfiles/work-file-code';
import { encryptionInfo, keyFileOf } from './sealed-payload';
import { ustarEnd, ustarEntry } from './ustar';

interface PayloadFile {
  /** Relative to the bag, e.g. `data/<packageId>/content.pdf`. */
  path: string;
  sha256: string;
  size: number;
  read: () => Promise<Buffer>;
}

interface ManifestPart {
  path: string;
  sha256: string;
  size: number;
}

const text = (s: string) => Buffer.from(s, 'utf8');
const json = (value: unknown) => text(`${JSON.stringify(value, null, 2)}\n`);

function payloadOf(archive: Archive, pkg: PackageDoc): PayloadFile[] {
  const base = `data/${pkg._id}`;
  const manifest = text(pkg.manifest);
  const parts = (JSON.parse(pkg.manifest) as { parts: ManifestPart[] }).parts;
  return [
    { path: `${base}/manifest.json`, sha256: sha256Hex(manifest), size: manifest.length, read: async () => manifest },
    ...parts.map((part) => ({
      path: `${base}/${part.path}`,
      sha256: part.sha256,
      size: part.size,
      // Bytes go out as the manifest recorded them; the blob store and the record check refuse anything else.
      read: async () => {
        const bytes = part.path.startsWith('records/') ? recordBytes(pkg, part.path) : await archive.blobs.get(part.sha256);
        if (sha256Hex(bytes) !== part.sha256) throw new Error(`${pkg._id}/${part.path} no longer matches its fixity value`);
        return bytes;
      },
    })),
  ];
}

/**
 * The packages this exporter may hand over: a secret one only to an archivist cleared for it;
 * for anyone else it is not in the file (docs/archive.md, "Secret packages"). Each secret
 * package's export is recorded, allowed or refused, before a byte goes out; without the
 * receiver's key none goes out (409), since a bag must never carry a data key in clear.
 */
async function exportablePackages(archive: Archive, file: WorkFileDoc, found: PackageDoc[], viewer: Viewer) {
  const target = `work-file:${file._id}`;
  const verdicts = found.map((pkg) => ({ pkg, refusal: refusalOf(viewer, pkg) }));
  const exportKey = archive.config.exportKey;
  const missingKey = !exportKey && verdicts.some((v) => v.refusal === undefined && v.pkg.sealing !== undefined);
  for (const { pkg, refusal } of verdicts) {
    await archive.access.recordLook(viewer, pkg, 'archive-export', target, refusal ?? (missingKey ? 'no-export-key' : undefined));
  }
  if (missingKey) {
    throw new Problem(409, 'secret-export-key-missing', `Work file ${file._id} holds secret documents, and no key of the historical archive is configured to hand their keys over under (ARCHIVE_EXPORT_PUBLIC_KEY); an administrator must set it first.`);
  }
  return {
    packages: verdicts.filter((v) => v.refusal === undefined).map((v) => v.pkg),
    hidden: new Set(verdicts.filter((v) => v.refusal !== undefined).map((v) => v.pkg._id)),
    exportKey,
  };
}

export interface BagPlan {
  name: string;
  files: Array<{ path: string; read: () => Promise<Buffer> }>;
}

/**
 * A work file as a BagIt 1.0 bag (RFC 8493) for the historical archive: each package's parts and
 * manifest under data/, the payload and tag manifests in SHA-256, and under log/ the signed tree
 * head, an inclusion proof per package and the log's public key, so the receiver can check the
 * bag offline against the log.
 */
export async function planWorkFileBag(archive: Archive, file: WorkFileDoc, members: MemberDoc[], viewer: Viewer): Promise<BagPlan> {
  // The code names the bag's directory and a line of bag-info.txt: a stored code from before it
  // was validated must not become `../` in the receiver's file system or a forged tag line.
  if (!isWorkFileCode(file.code)) {
    throw new Problem(422, 'work-file-code-unsafe', `Work file ${file._id} has a code that cannot name a bag (${JSON.stringify(file.code)}); give it a valid code first.`, { field: 'code' });
  }
  // Each by _id: an $in would scan the whole collection on our database.
  const found = await Promise.all([...new Set(members.map((m) => m.packageId))].sort().map((id) => archive.c.packages.findOne({ _id: id })));
  const { packages, hidden, exportKey } = await exportablePackages(archive, file, found.filter((pkg): pkg is NonNullable<typeof pkg> => pkg !== null), viewer);
  const payload = packages.flatMap((pkg) => payloadOf(archive, pkg));
  const sealed = packages.filter((pkg): pkg is typeof pkg & { sealing: NonNullable<PackageDoc['sealing']> } => pkg.sealing !== undefined);
  for (const pkg of sealed) payload.push(await keyFileOf(archive, pkg, exportKey!));
  const shown = members.filter((m) => !hidden.has(m.packageId));
  const workFileRecord = json({ workFile: file, members: shown.map(({ packageId, documentId, addedAt }) => ({ packageId, documentId, addedAt })) });
  payload.push({ path: 'data/work-file.json', sha256: sha256Hex(workFileRecord), size: workFileRecord.length, read: async () => workFileRecord });

  const head = await archive.log.currentTreeHead();
  const proofs = await Promise.all(packages.map((pkg) => archive.log.inclusionProof(pkg._id, head.treeSize)));
  const octets = payload.reduce((sum, f) => sum + f.size, 0);
  const tags: Array<[string, Buffer]> = [
    ['bagit.txt', text('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')],
    [
      'bag-info.txt',
      text(
        [
          'Source-Organization: Vanthu archive service',
          `External-Identifier: ${file.code}`,
          `External-Description: ${file.title.replace(/[\r\n]+/g, ' ')}`,
          `Internal-Sender-Identifier: ${file._id}`,
          `Bagging-Date: ${new Date().toISOString().slice(0, 10)}`,
          `Payload-Oxum: ${octets}.${payload.length}`,
          `Log-Tree-Size: ${head.treeSize}`,
          ...(exportKey ? encryptionInfo(exportKey, sealed.length) : []),
          '',
        ].join('\n'),
      ),
    ],
    ['manifest-sha256.txt', text(payload.map((f) => `${f.sha256}  ${f.path}\n`).join(''))],
    ['log/tree-head.json', json(head)],
    ['log/log-public-key.pem', text(archive.config.logPublicKey.export({ type: 'spki', format: 'pem' }).toString())],
    ...proofs.map((p): [string, Buffer] => [`log/inclusion/${p.packageId}.json`, json(p)]),
  ];
  tags.push(['tagmanifest-sha256.txt', text(tags.map(([path, bytes]) => `${sha256Hex(bytes)}  ${path}\n`).join(''))]);

  return {
    name: file.code,
    files: [...tags.map(([path, bytes]) => ({ path, read: async () => bytes })), ...payload.map(({ path, read }) => ({ path, read }))],
  };
}

/** The bag as a ustar stream, one file at a time, so a large work file never sits in memory whole. */
export async function* bagAsTar(plan: BagPlan): AsyncGenerator<Buffer> {
  const mtime = new Date();
  for (const file of plan.files) yield* ustarEntry(`${plan.name}/${file.path}`, await file.read(), mtime);
  yield ustarEnd();
}

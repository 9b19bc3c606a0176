import type { ArchiveDocumentInput, BlobRef } from '@vanthu/shared';
import type { PackageDoc, PackageRecords } from '../store/collections';
import { canonicalJson, sha256Hex } from './canonical-json';

/** Where each record of a package lives in its document; the manifest names them by path. */
export const RECORD_PARTS: Record<string, (doc: Pick<PackageDoc, 'metadata' | 'records'>) => unknown> = {
  'records/metadata.json': (doc) => doc.metadata,
  'records/history.json': (doc) => doc.records.history,
  'records/signatures.json': (doc) => doc.records.signatures,
  'records/validation-report.json': (doc) => doc.records.validation,
};

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/pkcs7-signature': 'p7s',
  'application/pkix-cert': 'der',
  'application/pkix-crl': 'crl',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

const ext = (ref: BlobRef, fallback: string) => EXTENSIONS[ref.contentType] ?? fallback;

/** A sealed blob is a JWE of the file: its name says so, to the archivist and to whoever receives the bag. */
const named = (path: string, ref: BlobRef) => ({ path: ref.sealed === true ? `${path}.jwe` : path, ref });

/** The blobs of a package, each under the path it will have in the package and in an export. */
export function blobParts(input: ArchiveDocumentInput): Array<{ path: string; ref: BlobRef }> {
  const parts: Array<{ path: string; ref: BlobRef }> = [named(`content.${ext(input.content, 'pdf')}`, input.content)];
  input.attachments.forEach((a, i) => {
    parts.push(named(`attachments/${i + 1}.${ext(a.attachment, 'bin')}`, a.attachment));
    parts.push(named(`attachments/${i + 1}.p7s`, a.signature));
  });
  input.validationMaterial.certificates.forEach((ref, i) => parts.push(named(`validation/certificates/${i + 1}.der`, ref)));
  input.validationMaterial.crls.forEach((ref, i) => parts.push(named(`validation/crls/${i + 1}.crl`, ref)));
  return parts;
}

export function recordsOf(input: ArchiveDocumentInput): PackageRecords {
  return {
    metadata: input.metadata,
    history: input.history,
    signatures: { document: input.signatures, attachments: input.attachments.map((a, i) => ({ attachment: i + 1, ...a.summary })) },
    validation: input.validation,
  };
}

export function recordBytes(doc: Pick<PackageDoc, 'metadata' | 'records'>, path: string): Buffer {
  const read = RECORD_PARTS[path];
  if (!read) throw new Error(`no record part ${path}`);
  return Buffer.from(canonicalJson(read(doc)), 'utf8');
}

export function recordFixity(doc: Pick<PackageDoc, 'metadata' | 'records'>, path: string) {
  const bytes = recordBytes(doc, path);
  return { sha256: sha256Hex(bytes), size: bytes.length };
}

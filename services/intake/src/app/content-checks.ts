import { PdfInspector, PdfRefused, WorkersBusy } from '@vanthu/shared/pdf';
import { Problem } from '@vanthu/shared';
import type { UploadedFile } from './ports';

/** Leading bytes of the formats offices send, to catch a file that is not what it claims. */
const SIGNATURES: Array<{ type: string; test: (b: Buffer) => boolean }> = [
  { type: 'application/pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  // DOCX, XLSX, ODT and plain ZIP all start as a ZIP archive.
  { type: 'application/zip', test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) },
];

const ZIP_BASED = new Set([
  'application/zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

export function sniff(data: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.test(data))?.type;
}

function looksLikeText(data: Buffer): boolean {
  return !data.subarray(0, 4096).includes(0);
}

/** The declared type must match the bytes, for the types we can recognise. */
export function checkDeclaredType(file: UploadedFile, field: string): void {
  const declared = file.declaredType.split(';')[0]!.trim().toLowerCase();
  const actual = sniff(file.data);
  const ok =
    actual === declared ||
    (actual === 'application/zip' && ZIP_BASED.has(declared)) ||
    (declared.startsWith('text/') && actual === undefined && looksLikeText(file.data)) ||
    (declared === 'application/octet-stream' && actual === undefined);
  if (!ok) {
    throw new Problem(415, 'content-type-mismatch', `${file.filename} is declared as ${declared} but its bytes are ${actual ?? 'not a recognised format'}.`, { field });
  }
}

let inspector: PdfInspector | undefined;

/**
 * The shared bounded inspector (packages/shared/src/pdf), in worker threads of its own: a PDF
 * that would stall signing is refused here, and parsing it never holds up this thread. Limits come
 * from the PDF_* environment variables (docs/signing.md, "Untrusted input: limits"); its budget is
 * the inspecting thread's CPU time, so a busy machine does not make an honest file look hostile.
 */
const pdfInspector = () => (inspector ??= new PdfInspector());

/** What a 503 `pdf-check-busy` asks a client to wait: an inspection's CPU budget is about a second. */
export const PDF_CHECK_RETRY_AFTER_SECONDS = 2;

/**
 * The check could not run now (every inspection thread taken, or the machine too loaded to give
 * one its time): nothing is wrong with the file, nothing was stored, and the same request later
 * (with the same Idempotency-Key) will do.
 */
export function pdfCheckBusy(error: WorkersBusy, file: UploadedFile): Problem {
  const why = error.overload === 'starved' ? `the server is too busy to finish reading it right now (${error.message})` : 'too many documents are being checked right now';
  return new Problem(503, 'pdf-check-busy', `${file.filename} could not be checked: ${why}; retry shortly.`, {
    title: 'PDF check busy',
    field: 'content',
    retryAfterSeconds: PDF_CHECK_RETRY_AFTER_SECONDS,
    cause: error,
  });
}

/** The main content must be a PDF that signing can read within its limits; returns its page count. */
export async function checkPdf(file: UploadedFile): Promise<number> {
  if (sniff(file.data) !== 'application/pdf') {
    throw new Problem(415, 'not-a-pdf', `${file.filename} is not a PDF: the content of a document must be a PDF.`, { field: 'content' });
  }
  try {
    return (await pdfInspector().inspect(file.data)).pages;
  } catch (error) {
    if (error instanceof WorkersBusy) throw pdfCheckBusy(error, file);
    if (!(error instanceof PdfRefused)) throw error;
    if (error.kind === 'too-complex') {
      throw new Problem(422, 'pdf-too-complex', `${file.filename} is too complex to be read within the limits: ${error.message}.`, { field: 'content' });
    }
    const detail = error.kind === 'encrypted' ? 'it is encrypted' : error.message;
    throw new Problem(422, 'damaged-pdf', `${file.filename} starts like a PDF but cannot be read: ${detail}.`, { field: 'content' });
  }
}

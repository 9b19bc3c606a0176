import { createHash, type Hash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { refusals } from '../errors';
import { pdfVietnamDate } from '../vietnam-time';
import { pdfTextString } from './pdf-text';
import { signingView, type SigningView } from './signing-view';
import { stampFont, type StampFont } from './stamp-font';

export interface PdfSignatureAppearance {
  /** Lines of the visible stamp; absent for an invisible signature. */
  stampLines?: string[];
}

export interface PdfSignatureRequest extends PdfSignatureAppearance {
  signerName: string;
  reason: string;
  location?: string;
  signingTime: Date;
}

export interface PreparedPdf {
  /** The PDF with the update appended; its own memory, so the signature can be written in place. */
  bytes: Buffer;
  /** SHA-256 of the bytes the ByteRange covers. */
  digest: Buffer;
  /** Hex SHA-256 of the PDF as it came in, for the key-use record; taken in the same pass. */
  originalSha256: string;
  contentsStart: number;
  contentsEnd: number;
}

/** Room for the CMS: three certificates, the signature and a timestamp token with its own certificate. */
export const CONTENTS_BYTES = 16 * 1024;
const RANGE_WIDTH = 10;
const STAMP = { width: 230, height: 52, margin: 36, gap: 6, lines: 4 };

/** Where the file's last cross-reference section starts, as its trailer at the very end says. */
export function previousXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString('latin1');
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!m) throw refusals.notAPdf('The PDF has no cross-reference trailer at its end.');
  return Number(m[1]);
}

/** `lines` are hex strings of the stamp font's glyph ids. */
function stampStream(lines: string[], fontRef: string): string {
  const { width: w, height: h } = STAMP;
  const text = lines.map((line, i) => `${i === 0 ? `6 ${h - 13} Td` : '0 -11 Td'} ${line} Tj`).join('\n');
  const content = `q 0.75 0 0 RG 1 w 0.5 0.5 ${w - 1} ${h - 1} re S Q\nBT /F1 8 Tf 0.1 0.1 0.5 rg\n${text}\nET`;
  return `<< /Type /XObject /Subtype /Form /BBox [0 0 ${w} ${h}] /Resources << /Font << /F1 ${fontRef} >> >> /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
}

/**
 * Adds a signature field as an incremental update: the original bytes stay as they are, so an
 * earlier signature's ByteRange still covers exactly what it covered. (pdf-lib's save rewrites
 * the whole file, which is why it only reads here.) `room`, when given, already holds `pdf` at its
 * start with free space after it: the update is written there rather than into a fresh copy of the
 * whole file, which the pool relies on.
 */
export async function preparePdfSignature(pdf: Buffer, request: PdfSignatureRequest, room?: Buffer): Promise<PreparedPdf> {
  if (!pdf.subarray(0, 1024).includes('%PDF-')) throw refusals.notAPdf('The file is not a PDF: it has no %PDF- header.');
  const prev = previousXref(pdf);
  const view = await signingView(pdf, prev);
  const stamp = request.stampLines ? stampFont(request.stampLines.slice(0, STAMP.lines)) : undefined;
  return prepareWithView(pdf, prev, view, request, stamp, room);
}

/** `stamp`: the font subset for `request.stampLines` (`stampFont`); without it the signature is invisible. */
export function prepareWithView(pdf: Buffer, prev: number, view: SigningView, request: PdfSignatureRequest, stamp?: StampFont, room?: Buffer): PreparedPdf {
  const { context, root, catalog } = view;
  let next = view.nextObjectNumber;
  const objects = new Map<number, { gen: number; body: string }>();
  const write = (ref: PDFRef, body: string) => objects.set(ref.objectNumber, { gen: ref.generationNumber, body });
  const allocate = () => PDFRef.of(next++);
  const lookup = <T extends PDFObject>(value: PDFObject | undefined, type: { prototype: T; name: string }): T => {
    const object = view.resolve(value);
    if (!(object instanceof (type as unknown as typeof PDFObject))) throw refusals.notAPdf(`The PDF cannot be read: expected a ${type.name}.`);
    return object as T;
  };

  const acroEntry = catalog.get(PDFName.of('AcroForm'));
  const acroForm = acroEntry === undefined ? undefined : lookup(acroEntry, PDFDict);
  const fieldsEntry = acroForm?.get(PDFName.of('Fields'));
  const slot = fieldsEntry === undefined ? 0 : lookup(fieldsEntry, PDFArray).size();
  const page = view.lastPage;
  const sigRef = allocate();
  const widgetRef = allocate();
  const apRef = allocate();

  let rect = [0, 0, 0, 0];
  if (stamp) {
    const fontRefs = stamp.objects.map(() => allocate());
    const refOf = (index: number) => fontRefs[index]!.toString();
    stamp.objects.forEach((body, i) => write(fontRefs[i]!, body(refOf)));
    write(apRef, stampStream(stamp.lines, refOf(0)));
    const width = view.lastPageWidth();
    const x = Math.max(0, width - STAMP.width - STAMP.margin);
    const y = STAMP.margin + slot * (STAMP.height + STAMP.gap);
    rect = [x, y, x + STAMP.width, y + STAMP.height];
  } else {
    write(apRef, '<< /Type /XObject /Subtype /Form /BBox [0 0 0 0] /Resources << >> /Length 0 >>\nstream\n\nendstream');
  }

  const placeholder = '*'.repeat(RANGE_WIDTH);
  write(
    sigRef,
    [
      '<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached',
      `/ByteRange [0 ${placeholder} ${placeholder} ${placeholder}]`,
      `/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>`,
      `/M (${pdfVietnamDate(request.signingTime)})`,
      `/Name ${pdfTextString(request.signerName)}`,
      `/Reason ${pdfTextString(request.reason)}`,
      ...(request.location ? [`/Location ${pdfTextString(request.location)}`] : []),
      '>>',
    ].join('\n'),
  );
  write(
    widgetRef,
    `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${pdfTextString(`Signature${slot + 1}`)} /V ${sigRef} /F 4 /P ${page.ref} /Rect [${rect.join(' ')}] /AP << /N ${apRef} >> >>`,
  );

  // The page gains the widget in its annotations.
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    const array = lookup(annots, PDFArray);
    array.push(widgetRef);
    write(annots, array.toString());
  } else {
    const array = annots instanceof PDFArray ? annots : context.obj([]);
    array.push(widgetRef);
    page.node.set(PDFName.of('Annots'), array);
    write(page.ref, page.node.toString());
  }

  // The document's form gains the field, and says it holds signatures (SigFlags 3).
  if (acroForm) {
    if (fieldsEntry instanceof PDFRef) {
      const fields = lookup(fieldsEntry, PDFArray);
      fields.push(widgetRef);
      write(fieldsEntry, fields.toString());
    } else {
      const fields = fieldsEntry instanceof PDFArray ? fieldsEntry : context.obj([]);
      fields.push(widgetRef);
      acroForm.set(PDFName.of('Fields'), fields);
    }
    acroForm.set(PDFName.of('SigFlags'), context.obj(3));
    if (acroEntry instanceof PDFRef) write(acroEntry, acroForm.toString());
    else write(root, catalog.toString());
  } else {
    const acroRef = allocate();
    write(acroRef, `<< /Fields [${widgetRef}] /SigFlags 3 >>`);
    catalog.set(PDFName.of('AcroForm'), acroRef);
    write(root, catalog.toString());
  }

  return assemble(pdf, objects, { size: next, root, prev, info: view.info, id: view.id }, room);
}

function assemble(
  pdf: Buffer,
  objects: Map<number, { gen: number; body: string }>,
  trailer: { size: number; root: PDFRef; prev: number; info?: unknown; id?: unknown },
  room?: Buffer,
): PreparedPdf {
  const parts: string[] = [pdf[pdf.length - 1] === 0x0a ? '' : '\n'];
  let offset = pdf.length + parts[0]!.length;
  const entries: Array<{ num: number; gen: number; offset: number }> = [];
  for (const [num, { gen, body }] of [...objects.entries()].sort((a, b) => a[0] - b[0])) {
    const text = `${num} ${gen} obj\n${body}\nendobj\n`;
    entries.push({ num, gen, offset });
    parts.push(text);
    offset += Buffer.byteLength(text, 'latin1');
  }
  const extra = [
    trailer.info instanceof PDFRef ? `/Info ${trailer.info}` : '',
    trailer.id instanceof PDFArray ? `/ID ${trailer.id}` : '',
  ].join(' ');
  // A file whose last section is a cross-reference stream gets one too: poppler does not follow
  // a classic table's /Prev into a stream.
  const streamBefore = !pdf.subarray(trailer.prev, trailer.prev + 4).equals(Buffer.from('xref'));
  parts.push(streamBefore ? xrefStream(entries, offset, trailer, extra) : xrefTable(entries, offset, trailer, extra));
  const update = Buffer.from(parts.join(''), 'latin1');

  const contentsStart = pdf.length + update.indexOf(`/Contents <${'0'.repeat(64)}`) + '/Contents '.length;
  const contentsEnd = contentsStart + CONTENTS_BYTES * 2 + 2;
  const total = pdf.length + update.length;
  const range = [contentsStart, contentsEnd, total - contentsEnd].map((n) => String(n).padEnd(RANGE_WIDTH, ' '));
  update.write(range.join(' '), update.indexOf('/ByteRange [0 ') + '/ByteRange [0 '.length, 'latin1');

  // One pass over the original bytes serves both the key-use record and the ByteRange digest.
  const hash: Hash = createHash('sha256').update(pdf);
  const originalSha256 = hash.copy().digest('hex');
  const digest = hash.update(update.subarray(0, contentsStart - pdf.length)).update(update.subarray(contentsEnd - pdf.length)).digest();
  let bytes: Buffer;
  if (room && room.length >= total && room.buffer === pdf.buffer && room.byteOffset === pdf.byteOffset) {
    bytes = room.subarray(0, total);
  } else {
    // Not from Buffer's shared pool: a worker hands this memory over to the main thread whole.
    bytes = Buffer.allocUnsafeSlow(total);
    pdf.copy(bytes, 0);
  }
  update.copy(bytes, pdf.length);
  return { bytes, digest, originalSha256, contentsStart, contentsEnd };
}

type XrefEntry = { num: number; gen: number; offset: number };
type Trailer = { size: number; root: PDFRef; prev: number };

function xrefTable(entries: XrefEntry[], at: number, trailer: Trailer, extra: string): string {
  const xref = ['xref'];
  for (const e of entries) xref.push(`${e.num} 1`, `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r`);
  return `${xref.join('\n')}\ntrailer\n<< /Size ${trailer.size} /Root ${trailer.root} /Prev ${trailer.prev} ${extra} >>\nstartxref\n${at}\n%%EOF\n`;
}

function xrefStream(entries: XrefEntry[], at: number, trailer: Trailer, extra: string): string {
  const self = { num: trailer.size, gen: 0, offset: at };
  const all = [...entries, self];
  const rows = Buffer.alloc(all.length * 7);
  all.forEach((e, i) => {
    rows[i * 7] = 1;
    rows.writeUInt32BE(e.offset, i * 7 + 1);
    rows.writeUInt16BE(e.gen, i * 7 + 5);
  });
  const index = all.map((e) => `${e.num} 1`).join(' ');
  const dict = `<< /Type /XRef /Size ${trailer.size + 1} /W [1 4 2] /Index [${index}] /Root ${trailer.root} /Prev ${trailer.prev} ${extra} /Length ${rows.length} >>`;
  return `${self.num} 0 obj\n${dict}\nstream\n${rows.toString('latin1')}\nendstream\nendobj\nstartxref\n${at}\n%%EOF\n`;
}

/**
 * Puts the CMS into the reserved /Contents; nothing outside it changes, so the digest holds. It
 * writes into `prepared.bytes`, which belong to this one signature, rather than copy the file again.
 */
export function embedSignature(prepared: PreparedPdf, cms: Buffer): Buffer {
  const hex = cms.toString('hex').toUpperCase();
  if (hex.length > CONTENTS_BYTES * 2) throw new Error(`the signature (${cms.length} bytes) exceeds the reserved ${CONTENTS_BYTES}`);
  prepared.bytes.write(hex, prepared.contentsStart + 1, 'latin1');
  return prepared.bytes;
}

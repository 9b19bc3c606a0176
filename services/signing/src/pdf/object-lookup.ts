import { inflateBounded, unpredictPng } from '@vanthu/shared/pdf';
import { pdfLimits } from '../pool/limits';
import { PDFArray, PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';

/**
 * Reads single objects of a PDF through its cross-reference sections, on demand. Signing needs a
 * handful of objects (trailer, catalog, form, last page); a full pdf-lib load parses every object
 * of the file, which for a large PDF cost more than the signature itself. Anything this reader does
 * not understand throws `UnreadableHere`, and the caller falls back to the full load.
 */
export class UnreadableHere extends Error {}

type Entry = { kind: 'offset'; offset: number } | { kind: 'compressed'; container: number; index: number } | { kind: 'free' };

interface Section {
  /** Undefined when the section says nothing about that object. */
  entry(num: number): Entry | undefined;
  /** One past the highest object number the section covers. */
  end: number;
  dict: PDFDict;
}

const ENTRY_WIDTH = 20;
const CLASSIC_ENTRY = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/;
const OBJECT_HEADER = /^\s*(\d+)\s+(\d+)\s+obj\b/;
const fail = (message: string): never => {
  throw new UnreadableHere(message);
};

export interface TrailerInfo {
  root?: PDFObject;
  info?: PDFObject;
  id?: PDFObject;
  encrypt?: PDFObject;
}

export class PdfObjectLookup {
  readonly context = PDFContext.create();
  private readonly sections: Section[] = [];
  private readonly containers = new Map<number, { data: Buffer; offsets: number[] }>();

  constructor(
    private readonly pdf: Buffer,
    /** Where the last cross-reference section starts (the file's startxref). */
    startxref: number,
  ) {
    const seen = new Set<number>();
    for (let at: number | undefined = startxref; at !== undefined; ) {
      if (seen.has(at) || seen.size > pdfLimits().maxXrefSections) fail('cross-reference sections loop');
      seen.add(at);
      const section: Section = this.pdf.toString('latin1', at, at + 4) === 'xref' ? this.classicSection(at) : this.streamSection(at);
      this.sections.push(section);
      // A hybrid file's table leaves objects in compressed streams to its XRefStm.
      const hybrid = section.dict.get(PDFName.of('XRefStm'));
      if (hybrid instanceof PDFNumber) this.sections.push(this.streamSection(hybrid.asNumber()));
      const prev: PDFObject | undefined = section.dict.get(PDFName.of('Prev'));
      at = prev instanceof PDFNumber ? prev.asNumber() : undefined;
    }
  }

  /** The newest value of each trailer entry, as a reader following /Prev sees it. */
  trailer(): TrailerInfo {
    const pick = (name: string) => this.sections.map((s) => s.dict.get(PDFName.of(name))).find((v) => v !== undefined);
    const out: TrailerInfo = {};
    const [root, info, id, encrypt] = ['Root', 'Info', 'ID', 'Encrypt'].map(pick);
    if (root) out.root = root;
    if (info) out.info = info;
    if (id) out.id = id;
    if (encrypt) out.encrypt = encrypt;
    return out;
  }

  /** The first object number no section uses: new objects start there. */
  nextObjectNumber(): number {
    let next = 0;
    for (const section of this.sections) {
      const size = section.dict.get(PDFName.of('Size'));
      next = Math.max(next, section.end, size instanceof PDFNumber ? size.asNumber() : 0);
    }
    return next;
  }

  /** The object a reference points at; direct objects come back as they are. */
  resolve(value: PDFObject | undefined): PDFObject | undefined {
    if (!(value instanceof PDFRef)) return value;
    const known = this.context.lookup(value);
    if (known) return known;
    const entry = this.entryOf(value.objectNumber);
    const object = entry.kind === 'offset' ? this.objectAt(entry.offset, value.objectNumber) : this.compressed(entry.container, entry.index, value.objectNumber);
    this.context.assign(value, object);
    return object;
  }

  private entryOf(num: number): Exclude<Entry, { kind: 'free' }> {
    for (const section of this.sections) {
      const entry = section.entry(num);
      if (entry?.kind === 'free') return fail(`object ${num} is free`);
      if (entry) return entry;
    }
    return fail(`object ${num} is in no cross-reference section`);
  }

  private parseAt(bytes: Buffer, at: number): PDFObject {
    return PDFObjectParser.forBytes(bytes.subarray(at), this.context).parseObject();
  }

  private objectAt(offset: number, expected?: number): PDFObject {
    const header = OBJECT_HEADER.exec(this.pdf.toString('latin1', offset, offset + 48));
    if (!header || (expected !== undefined && Number(header[1]) !== expected)) fail(`no object ${expected ?? ''} at offset ${offset}`);
    return this.parseAt(this.pdf, offset + header![0].length);
  }

  private classicSection(start: number): Section {
    const subsections: Array<{ first: number; count: number; at: number }> = [];
    const text = (from: number, length: number) => this.pdf.toString('latin1', from, from + length);
    let at = start + 4;
    const skipSpace = () => {
      while (at < this.pdf.length && /\s/.test(String.fromCharCode(this.pdf[at]!))) at += 1;
    };
    for (;;) {
      skipSpace();
      if (text(at, 7) === 'trailer') break;
      const m = /^(\d+) +(\d+)/.exec(text(at, 32));
      if (!m) fail('unreadable cross-reference subsection');
      const first = Number(m![1]);
      const count = Number(m![2]);
      at += m![0].length;
      skipSpace();
      subsections.push({ first, count, at });
      at += count * ENTRY_WIDTH;
      if (count > 0 && !/[\r\n]/.test(text(at - 1, 1))) fail('cross-reference entries are not 20 bytes each');
      if (at > this.pdf.length) fail('cross-reference table runs past the end of the file');
    }
    const dict = this.parseAt(this.pdf, at + 'trailer'.length);
    if (!(dict instanceof PDFDict)) fail('the trailer is not a dictionary');
    const pdf = this.pdf;
    return {
      dict: dict as PDFDict,
      end: Math.max(0, ...subsections.map((s) => s.first + s.count)),
      entry(num) {
        const sub = subsections.find((s) => num >= s.first && num < s.first + s.count);
        if (!sub) return undefined;
        const from = sub.at + (num - sub.first) * ENTRY_WIDTH;
        const m = CLASSIC_ENTRY.exec(pdf.toString('latin1', from, from + ENTRY_WIDTH));
        if (!m) return fail(`unreadable cross-reference entry for object ${num}`);
        return m[3] === 'n' ? { kind: 'offset', offset: Number(m[1]) } : { kind: 'free' };
      },
    };
  }

  private streamSection(offset: number): Section {
    const stream = this.objectAt(offset);
    if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) fail('expected a cross-reference stream');
    const { dict } = stream as PDFRawStream;
    const widths = numbers(dict.get(PDFName.of('W')));
    if (widths.length !== 3) fail('cross-reference stream without /W [a b c]');
    const size = dict.get(PDFName.of('Size'));
    const index = dict.has(PDFName.of('Index')) ? numbers(dict.get(PDFName.of('Index'))) : [0, size instanceof PDFNumber ? size.asNumber() : 0];
    const rowWidth = widths[0]! + widths[1]! + widths[2]!;
    const rows = decode(stream as PDFRawStream);
    const subsections: Array<{ first: number; count: number; row: number }> = [];
    for (let i = 0, row = 0; i + 1 < index.length; i += 2) {
      subsections.push({ first: index[i]!, count: index[i + 1]!, row });
      row += index[i + 1]!;
    }
    const field = (from: number, width: number) => {
      let value = 0;
      for (let i = 0; i < width; i += 1) value = value * 256 + rows[from + i]!;
      return value;
    };
    return {
      dict,
      end: Math.max(0, ...subsections.map((s) => s.first + s.count)),
      entry(num) {
        const sub = subsections.find((s) => num >= s.first && num < s.first + s.count);
        if (!sub) return undefined;
        const from = (sub.row + num - sub.first) * rowWidth;
        if (from + rowWidth > rows.length) return fail('cross-reference stream is shorter than its /Index');
        const type = widths[0] === 0 ? 1 : field(from, widths[0]!);
        const second = field(from + widths[0]!, widths[1]!);
        const third = field(from + widths[0]! + widths[1]!, widths[2]!);
        if (type === 1) return { kind: 'offset', offset: second };
        if (type === 2) return { kind: 'compressed', container: second, index: third };
        return { kind: 'free' };
      },
    };
  }

  private compressed(container: number, index: number, expected: number): PDFObject {
    let stream = this.containers.get(container);
    if (!stream) {
      const raw = this.resolve(PDFRef.of(container));
      if (!(raw instanceof PDFRawStream) || raw.dict.get(PDFName.of('Type')) !== PDFName.of('ObjStm')) return fail('expected an object stream');
      const data = decode(raw);
      const count = raw.dict.get(PDFName.of('N'));
      const first = raw.dict.get(PDFName.of('First'));
      if (!(count instanceof PDFNumber) || !(first instanceof PDFNumber)) return fail('object stream without /N and /First');
      const pairs = data.toString('latin1', 0, first.asNumber()).trim().split(/\s+/).map(Number);
      const offsets: number[] = [];
      for (let i = 0; i < count.asNumber(); i += 1) {
        if (pairs[i * 2] === undefined || Number.isNaN(pairs[i * 2 + 1])) return fail('unreadable object stream header');
        offsets.push(first.asNumber() + pairs[i * 2 + 1]!);
        if (i === index && pairs[i * 2] !== expected) return fail(`object stream ${container} does not hold object ${expected} at ${index}`);
      }
      stream = { data, offsets };
      this.containers.set(container, stream);
    }
    const at = stream.offsets[index];
    return at === undefined ? fail(`object stream ${container} has no entry ${index}`) : this.parseAt(stream.data, at);
  }
}

function numbers(value: PDFObject | undefined): number[] {
  if (!(value instanceof PDFArray)) return [];
  return value.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : fail('expected numbers')));
}

/** FlateDecode with or without PNG predictors: what cross-reference and object streams use. */
function decode(stream: PDFRawStream): Buffer {
  const contents = Buffer.from(stream.getContents());
  const filter = stream.dict.get(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (filters.length === 0) return contents;
  if (filters.length > 1 || filters[0] !== PDFName.of('FlateDecode')) return fail('unsupported stream filter');
  // The structure check ran first; this bound is for a caller that skipped it.
  const inflated = inflateBounded(contents, pdfLimits().maxStreamInflatedBytes, 'a cross-reference or object stream');
  let parms = stream.dict.get(PDFName.of('DecodeParms'));
  if (parms instanceof PDFArray) parms = parms.get(0);
  if (!(parms instanceof PDFDict)) return inflated;
  const get = (name: string, fallback: number) => {
    const v = (parms as PDFDict).get(PDFName.of(name));
    return v instanceof PDFNumber ? v.asNumber() : fallback;
  };
  const predictor = get('Predictor', 1);
  if (predictor === 1) return inflated;
  if (predictor < 10 || get('Colors', 1) !== 1 || get('BitsPerComponent', 8) !== 8) return fail('unsupported predictor');
  return unpredictPng(inflated, get('Columns', 1)) ?? fail('unknown PNG predictor row type');
}

import { inflateBounded } from './bounded-inflate';
import { unpredictPng } from './png-predictor';
import type { PdfLimits } from './limits';
import { damaged, tooComplex } from './pdf-refusal';
import { type Deadline, isDict, nameOf, PdfLexer, PdfRef, type PdfDict, type PdfValue } from './pdf-syntax';

type Entry = { kind: 'offset'; offset: number } | { kind: 'compressed'; container: number; index: number } | { kind: 'free' };

interface Subsection {
  first: number;
  count: number;
  /** Classic table: byte offset of its first entry. Stream: index of its first row. */
  at: number;
}

interface Section {
  trailer: PdfDict;
  subsections: Subsection[];
  entry(num: number): Entry | undefined;
}

export interface PdfObject {
  value: PdfValue;
  stream?: { start: number; end: number };
}

const CLASSIC_ENTRY = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/;

/** Subsections sorted by first object number, so a lookup is a binary search. */
function find(subsections: Subsection[], num: number): Subsection | undefined {
  let lo = 0;
  let hi = subsections.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = subsections[mid]!;
    if (num < s.first) hi = mid - 1;
    else if (num >= s.first + s.count) lo = mid + 1;
    else return s;
  }
  return undefined;
}

const int = (v: PdfValue | undefined): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

/**
 * The objects of a PDF as its cross-reference sections describe them, read on demand and within
 * `PdfLimits`: the /Prev chain is followed once per offset and no further than its limit, declared
 * object counts are checked against the file before anything is allocated for them, and every
 * inflated stream counts against a per-stream and a per-file total.
 */
export class PdfObjects {
  readonly sections: Section[] = [];
  declaredObjects = 0;
  private subsectionCount = 0;
  private inflatedTotal = 0;
  private readonly cache = new Map<number, PdfObject>();
  private readonly resolving = new Set<number>();
  private readonly containers = new Map<number, { data: Buffer; offsets: Int32Array }>();

  constructor(
    readonly bytes: Buffer,
    startxref: number,
    readonly limits: PdfLimits,
    readonly deadline: Deadline,
  ) {
    const seen = new Set<number>();
    const queue = [startxref];
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (seen.has(at)) damaged(`the cross-reference sections loop (offset ${at} is reached twice)`);
      seen.add(at);
      if (seen.size > limits.maxXrefSections) tooComplex(`the PDF has more than ${limits.maxXrefSections} cross-reference sections`);
      deadline.check();
      if (at >= bytes.length) damaged(`a cross-reference section offset (${at}) lies past the end of the file`);
      const section = bytes.toString('latin1', at, at + 4) === 'xref' ? this.classicSection(at) : this.streamSection(at);
      this.sections.push(section);
      const hybrid = int(section.trailer.get('XRefStm'));
      if (hybrid !== undefined) queue.unshift(hybrid);
      const prev = section.trailer.get('Prev');
      if (prev !== undefined) {
        const next = int(prev);
        if (next === undefined) damaged('a trailer /Prev is not an offset');
        queue.push(next!);
      }
    }
  }

  lexer(at: number, bytes: Uint8Array = this.bytes): PdfLexer {
    return new PdfLexer(bytes, at, this.limits.maxNesting, this.deadline);
  }

  /** The newest value of a trailer entry, as a reader following /Prev sees it. */
  trailer(key: string): PdfValue | undefined {
    for (const section of this.sections) {
      const value = section.trailer.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** The direct value behind `value`; a reference to a missing or free object is null, as the spec says. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.object(value.num).value : value;
  }

  object(num: number): PdfObject {
    const known = this.cache.get(num);
    if (known) return known;
    if (this.resolving.has(num)) return damaged(`object ${num} refers to itself while it is being read (an indirect /Length loop?)`);
    this.resolving.add(num);
    try {
      this.deadline.tick();
      const entry = this.entryOf(num);
      const object: PdfObject =
        entry?.kind === 'offset' ? this.objectAt(entry.offset, num) : entry?.kind === 'compressed' ? { value: this.compressed(entry.container, entry.index, num) } : { value: null };
      this.cache.set(num, object);
      return object;
    } finally {
      this.resolving.delete(num);
    }
  }

  private entryOf(num: number): Entry | undefined {
    for (const section of this.sections) {
      const entry = section.entry(num);
      if (entry) return entry;
    }
    return undefined;
  }

  private countSubsection(first: number, count: number): void {
    this.subsectionCount += 1;
    this.declaredObjects += count;
    if (this.subsectionCount > this.limits.maxXrefSubsections) tooComplex(`the cross-reference has more than ${this.limits.maxXrefSubsections} subsections`);
    if (this.declaredObjects > this.limits.maxObjects || first > this.limits.maxObjects * 4) tooComplex(`the cross-reference declares more than ${this.limits.maxObjects} objects`);
  }

  objectAt(offset: number, expected?: number): PdfObject {
    const lexer = this.lexer(offset);
    const num = lexer.integer();
    const gen = lexer.integer();
    if (num === undefined || gen === undefined || !lexer.keyword('obj') || (expected !== undefined && num !== expected)) {
      return damaged(`no object ${expected ?? ''} at offset ${offset}`.replace('  ', ' '));
    }
    const value = lexer.value();
    if (!isDict(value) || !lexer.keyword('stream')) return { value };
    // The data starts after the EOL that follows the keyword (CRLF or LF; a lone CR is tolerated).
    let start = lexer.pos;
    if (this.bytes[start] === 13) start += 1;
    if (this.bytes[start] === 10) start += 1;
    const length = int(this.resolve(value.get('Length')));
    if (length === undefined) return damaged(`the stream of object ${num} has no valid /Length`);
    const end = start + length;
    if (end > this.bytes.length) return damaged(`the stream of object ${num} has a /Length (${length}) that runs past the end of the file`);
    const after = this.lexer(end);
    if (!after.keyword('endstream')) return damaged(`the stream of object ${num} does not end where its /Length says`);
    return { value, stream: { start, end } };
  }

  /** The stream's data after its filters; only FlateDecode (with PNG predictors) is undone. */
  decoded(object: PdfObject, what: string, max = this.limits.maxStreamInflatedBytes, lenient = false): Buffer | undefined {
    if (!object.stream || !isDict(object.value)) return damaged(`${what} is not a stream`);
    const raw = this.bytes.subarray(object.stream.start, object.stream.end);
    const filter = this.resolve(object.value.get('Filter'));
    const filters = Array.isArray(filter) ? filter.map((f) => nameOf(this.resolve(f))) : filter === undefined ? [] : [nameOf(filter)];
    if (filters.length === 0) return raw;
    if (filters[0] !== 'FlateDecode') return undefined;
    const data = lenient ? inflateBounded(raw, Math.min(max, this.limits.maxStreamInflatedBytes), what, true) : inflateBounded(raw, Math.min(max, this.limits.maxStreamInflatedBytes), what);
    if (!data) return undefined;
    this.inflatedTotal += data.length;
    if (this.inflatedTotal > this.limits.maxTotalInflatedBytes) tooComplex(`the PDF's streams inflate to more than ${this.limits.maxTotalInflatedBytes} bytes in all`);
    if (filters.length > 1) return undefined;
    let parms = this.resolve(object.value.get('DecodeParms'));
    if (Array.isArray(parms)) parms = this.resolve(parms[0]);
    const predictor = isDict(parms) ? int(this.resolve(parms.get('Predictor'))) ?? 1 : 1;
    if (predictor < 10) return data;
    const columns = isDict(parms) ? int(this.resolve(parms.get('Columns'))) ?? 1 : 1;
    return unpredictPng(data, columns, () => this.deadline.tick()) ?? damaged('a cross-reference stream has an unknown PNG predictor row type');
  }

  private classicSection(start: number): Section {
    const lexer = this.lexer(start + 4);
    const subsections: Subsection[] = [];
    for (;;) {
      if (lexer.keyword('trailer')) break;
      const first = lexer.integer();
      const count = lexer.integer();
      if (first === undefined || count === undefined) return damaged(`unreadable cross-reference subsection at offset ${lexer.pos}`);
      this.countSubsection(first, count);
      lexer.skipSpace();
      subsections.push({ first, count, at: lexer.pos });
      lexer.pos += count * 20;
      if (lexer.pos > this.bytes.length) return damaged('a cross-reference table runs past the end of the file');
    }
    const trailer = lexer.value();
    if (!isDict(trailer)) return damaged('a trailer is not a dictionary');
    subsections.sort((a, b) => a.first - b.first);
    const bytes = this.bytes;
    return {
      trailer,
      subsections,
      entry(num) {
        const sub = find(subsections, num);
        if (!sub) return undefined;
        const from = sub.at + (num - sub.first) * 20;
        const m = CLASSIC_ENTRY.exec(bytes.toString('latin1', from, from + 20));
        if (!m) return damaged(`unreadable cross-reference entry for object ${num}`);
        return m[3] === 'n' ? { kind: 'offset', offset: Number(m[1]) } : { kind: 'free' };
      },
    };
  }

  private streamSection(offset: number): Section {
    const object = this.objectAt(offset);
    const dict = object.value;
    if (!object.stream || !isDict(dict) || nameOf(dict.get('Type')) !== 'XRef') return damaged(`offset ${offset} holds neither a cross-reference table nor a cross-reference stream`);
    const widths = Array.isArray(dict.get('W')) ? (dict.get('W') as PdfValue[]).map(int) : [];
    if (widths.length !== 3 || widths.some((w) => w === undefined || w > 8)) return damaged('a cross-reference stream has no valid /W');
    const [w0, w1, w2] = widths as [number, number, number];
    const size = int(dict.get('Size'));
    if (size === undefined) return damaged('a cross-reference stream has no /Size');
    const indexValue = dict.get('Index');
    const index = Array.isArray(indexValue) ? indexValue.map(int) : [0, size];
    if (index.length % 2 !== 0 || index.some((n) => n === undefined)) return damaged('a cross-reference stream has an unreadable /Index');
    const subsections: Subsection[] = [];
    let rows = 0;
    for (let i = 0; i < index.length; i += 2) {
      const [first, count] = [index[i]!, index[i + 1]!];
      this.countSubsection(first, count);
      subsections.push({ first, count, at: rows });
      rows += count;
    }
    const rowWidth = w0 + w1 + w2;
    // Exactly the rows declared, plus a predictor byte per row: anything beyond is not a cross-reference.
    const data = this.decoded(object, `the cross-reference stream at ${offset}`, rows * (rowWidth + 1) + 64);
    if (!data) return damaged('a cross-reference stream uses a filter other than FlateDecode');
    subsections.sort((a, b) => a.first - b.first);
    const field = (from: number, width: number) => {
      let value = 0;
      for (let i = 0; i < width; i += 1) value = value * 256 + data[from + i]!;
      return value;
    };
    return {
      trailer: dict,
      subsections,
      entry(num) {
        const sub = find(subsections, num);
        if (!sub) return undefined;
        const from = (sub.at + num - sub.first) * rowWidth;
        if (from + rowWidth > data.length) return damaged('a cross-reference stream is shorter than its /Index');
        const type = w0 === 0 ? 1 : field(from, w0);
        if (type === 1) return { kind: 'offset', offset: field(from + w0, w1) };
        if (type === 2) return { kind: 'compressed', container: field(from + w0, w1), index: field(from + w0 + w1, w2) };
        return { kind: 'free' };
      },
    };
  }

  private compressed(container: number, index: number, expected: number): PdfValue {
    let held = this.containers.get(container);
    if (!held) {
      const object = this.object(container);
      const dict = object.value;
      if (!object.stream || !isDict(dict) || nameOf(dict.get('Type')) !== 'ObjStm') return damaged(`object ${container} is not an object stream`);
      const n = int(this.resolve(dict.get('N')));
      const first = int(this.resolve(dict.get('First')));
      if (n === undefined || first === undefined) return damaged(`object stream ${container} has no valid /N and /First`);
      if (n > this.limits.maxObjects) tooComplex(`object stream ${container} declares more than ${this.limits.maxObjects} objects`);
      const data = this.decoded(object, `object stream ${container}`);
      if (!data) return damaged(`object stream ${container} uses a filter other than FlateDecode`);
      if (first > data.length) return damaged(`object stream ${container} has a /First past its data`);
      // Each pair takes at least four bytes ("1 0 "): a huge /N with a short header is refused before allocating.
      if (n * 4 > first + 1) return damaged(`object stream ${container} declares ${n} objects but its header cannot hold them`);
      const offsets = new Int32Array(n);
      const header = this.lexer(0, data.subarray(0, first));
      for (let i = 0; i < n; i += 1) {
        this.deadline.tick();
        const num = header.integer();
        const at = header.integer();
        if (num === undefined || at === undefined) return damaged(`object stream ${container} has an unreadable header`);
        offsets[i] = first + at;
        if (i === index && num !== expected) return damaged(`object stream ${container} does not hold object ${expected} at ${index}`);
      }
      held = { data, offsets };
      this.containers.set(container, held);
    }
    const at = held.offsets[index];
    if (at === undefined || at >= held.data.length) return damaged(`object stream ${container} has no entry ${index}`);
    return this.lexer(at, held.data).value();
  }
}

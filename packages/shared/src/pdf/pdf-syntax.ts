import { damaged, tooComplex } from './pdf-refusal';

/** A PDF name, without its slash. */
export class PdfName {
  constructor(readonly value: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** Strings matter to no limit, so only their presence is kept. */
export class PdfString {}

export type PdfDict = Map<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;

export const isDict = (v: PdfValue | undefined): v is PdfDict => v instanceof Map;
export const nameOf = (v: PdfValue | undefined): string | undefined => (v instanceof PdfName ? v.value : undefined);

/** Ends a piece of work that has run past its budget; checked every few thousand steps. */
export class Deadline {
  private steps = 0;
  constructor(
    private readonly at: number,
    private readonly budgetMs: number,
  ) {}

  static after(budgetMs: number): Deadline {
    return new Deadline(Date.now() + budgetMs, budgetMs);
  }

  tick(): void {
    this.steps += 1;
    if ((this.steps & 0xfff) === 0) this.check();
  }

  check(): void {
    if (Date.now() > this.at) tooComplex(`reading the PDF takes longer than ${this.budgetMs} ms`);
  }
}

const WHITESPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITESPACE[c] = 1;
const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
const isRegular = (c: number) => !WHITESPACE[c] && !DELIMITER[c];
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

type Frame = { kind: 'array'; items: PdfValue[] } | { kind: 'dict'; map: PdfDict; key: string | undefined };

/**
 * Reads PDF objects from bytes without recursion: nesting is an explicit stack with a limit, so
 * 100,000 '[' are refused instead of overflowing the call stack, and every step counts against
 * the deadline. Only what the inspection needs is kept (names, numbers, references, structure).
 */
export class PdfLexer {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    private readonly maxNesting: number,
    private readonly deadline: Deadline,
    readonly end = bytes.length,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    const b = this.bytes;
    while (this.pos < this.end) {
      const c = b[this.pos]!;
      if (WHITESPACE[c]) this.pos += 1;
      else if (c === 0x25 /* % */) {
        while (this.pos < this.end && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos += 1;
      } else return;
    }
  }

  /** The regular characters at the current position (a keyword or number), without moving. */
  peekWord(): string {
    let at = this.pos;
    while (at < this.end && isRegular(this.bytes[at]!) && at - this.pos < 32) at += 1;
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.pos, at - this.pos).toString('latin1');
  }

  /** Consumes `word` if it is next (followed by a delimiter); reports whether it was. */
  keyword(word: string): boolean {
    this.skipSpace();
    const b = this.bytes;
    const end = this.pos + word.length;
    if (end > this.end) return false;
    for (let i = 0; i < word.length; i += 1) if (b[this.pos + i] !== word.charCodeAt(i)) return false;
    if (end < this.end && isRegular(b[end]!)) return false;
    this.pos = end;
    return true;
  }

  /** A non-negative integer, or undefined (position unchanged) when none is next. */
  integer(): number | undefined {
    this.skipSpace();
    let at = this.pos;
    let value = 0;
    while (at < this.end && isDigit(this.bytes[at]!) && at - this.pos < 16) value = value * 10 + this.bytes[at++]! - 0x30;
    if (at === this.pos || (at < this.end && isRegular(this.bytes[at]!))) return undefined;
    this.pos = at;
    return value;
  }

  value(): PdfValue {
    const stack: Frame[] = [];
    for (;;) {
      this.deadline.tick();
      this.skipSpace();
      if (this.pos >= this.end) return damaged('the PDF ends inside an object');
      const c = this.bytes[this.pos]!;
      let value: PdfValue;
      if (c === 0x5b /* [ */ || (c === 0x3c && this.bytes[this.pos + 1] === 0x3c)) {
        if (stack.length >= this.maxNesting) tooComplex(`arrays and dictionaries are nested more than ${this.maxNesting} deep`);
        stack.push(c === 0x5b ? { kind: 'array', items: [] } : { kind: 'dict', map: new Map(), key: undefined });
        this.pos += c === 0x5b ? 1 : 2;
        continue;
      } else if (c === 0x5d /* ] */) {
        const top = stack.pop();
        if (top?.kind !== 'array') return damaged(`unexpected ']' at offset ${this.pos}`);
        this.pos += 1;
        value = top.items;
      } else if (c === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        const top = stack.pop();
        if (top?.kind !== 'dict' || top.key !== undefined) return damaged(`unexpected '>>' at offset ${this.pos}`);
        this.pos += 2;
        value = top.map;
      } else {
        value = this.scalar();
      }
      const top = stack[stack.length - 1];
      if (!top) return value;
      if (top.kind === 'array') top.items.push(value);
      else if (top.key === undefined) {
        if (!(value instanceof PdfName)) return damaged(`a dictionary key is not a name at offset ${this.pos}`);
        top.key = value.value;
      } else {
        top.map.set(top.key, value);
        top.key = undefined;
      }
    }
  }

  private scalar(): PdfValue {
    const b = this.bytes;
    const c = b[this.pos]!;
    if (c === 0x2f /* / */) {
      const start = ++this.pos;
      while (this.pos < this.end && isRegular(b[this.pos]!)) this.pos += 1;
      return new PdfName(Buffer.from(b.buffer, b.byteOffset + start, this.pos - start).toString('latin1'));
    }
    if (c === 0x28 /* ( */) return this.literalString();
    if (c === 0x3c /* < */) {
      const close = Buffer.from(b.buffer, b.byteOffset, this.end).indexOf(0x3e, this.pos);
      if (close < 0) return damaged('a hex string never ends');
      this.pos = close + 1;
      return new PdfString();
    }
    if (isDigit(c)) {
      const start = this.pos;
      const num = this.integer();
      if (num !== undefined) return this.referenceAfter(num) ?? num;
      this.pos = start;
    }
    const word = this.peekWord();
    if (word === '') return damaged(`unexpected byte 0x${c.toString(16)} at offset ${this.pos}`);
    this.pos += word.length;
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return damaged(`unexpected '${word.slice(0, 20)}' at offset ${this.pos - word.length}`);
  }

  /** `num gen R`: looks ahead for the generation and the R, and rewinds if they are not there. */
  private referenceAfter(num: number): PdfRef | undefined {
    const save = this.pos;
    const gen = this.integer();
    if (gen !== undefined && this.keyword('R')) return new PdfRef(num, gen);
    this.pos = save;
    return undefined;
  }

  private literalString(): PdfString {
    const b = this.bytes;
    let depth = 0;
    for (; this.pos < this.end; this.pos += 1) {
      const c = b[this.pos]!;
      if (c === 0x5c /* \ */) this.pos += 1;
      else if (c === 0x28) depth += 1;
      else if (c === 0x29 && --depth === 0) {
        this.pos += 1;
        return new PdfString();
      }
    }
    return damaged('a string never ends');
  }
}

import type { ItemIndex } from '@vanthu/shared';
import type { RegisterLine } from './register-line';

/** A period as instants (ms), both ends included. */
export interface InstantPeriod {
  from: number;
  to: number;
}

interface Entry {
  line: RegisterLine;
  at: number;
}

/** One organisation's outgoing or incoming register: its lines, sorted when next read after a change. */
class Book {
  readonly byId = new Map<string, Entry>();
  private sorted?: Entry[];

  constructor(private readonly order: (a: Entry, b: Entry) => number) {}

  set(line: RegisterLine): void {
    this.byId.set(line._id, { line, at: Date.parse(line.at) });
    this.sorted = undefined;
  }

  delete(id: string): void {
    if (this.byId.delete(id)) this.sorted = undefined;
  }

  inOrder(): Entry[] {
    this.sorted ??= [...this.byId.values()].sort(this.order);
    return this.sorted;
  }
}

// As the records' register queries order them (app/queries.ts): by issue, then number; by arrival number.
const outgoingOrder = (a: Entry, b: Entry) => a.at - b.at || a.line.number - b.line.number;
const incomingOrder = (a: Entry, b: Entry) => a.line.number - b.line.number || a.at - b.at;

/**
 * Every register line of every organisation, in memory. Measured with the console bench
 * (docs/benchmarks.md): the records' own query for one page costs as much as reading the whole
 * period from our FerretDB (5–7 s at 10,000 lines); a page from here is the lines' filter and
 * twenty `_id` lookups.
 */
export class RegisterIndex implements ItemIndex<RegisterLine> {
  private readonly lines = new Map<string, RegisterLine>();
  private readonly books = new Map<string, Book>();

  get size(): number {
    return this.lines.size;
  }

  put(line: RegisterLine): void {
    const old = this.lines.get(line._id);
    if (old && old.seq > line.seq) return;
    this.lines.set(line._id, line);
    if (old && old.org !== line.org) this.book(old.kind, old.org).delete(old._id);
    this.book(line.kind, line.org).set(line);
  }

  /** The organisation's lines of the period, in register order, those `visible` lets through. */
  linesOf(kind: RegisterLine['kind'], org: string, period: InstantPeriod, visible: (line: RegisterLine) => boolean): RegisterLine[] {
    const book = this.books.get(`${kind}:${org}`);
    if (!book) return [];
    const lines: RegisterLine[] = [];
    for (const entry of book.inOrder()) if (entry.at >= period.from && entry.at <= period.to && visible(entry.line)) lines.push(entry.line);
    return lines;
  }

  private book(kind: RegisterLine['kind'], org: string): Book {
    const key = `${kind}:${org}`;
    let book = this.books.get(key);
    if (!book) {
      book = new Book(kind === 'outgoing' ? outgoingOrder : incomingOrder);
      this.books.set(key, book);
    }
    return book;
  }
}

import { Encoder, Index } from 'flexsearch';
import { DOCUMENT_TYPE_CODES, SECRECY_LEVELS, type Clearance } from '@vanthu/shared';
import type { SearchItem, SearchPage, SearchQuery } from '../packages/search';
import { foldText, notationKey, WORD_SEPARATOR } from './fold';
import { Interner } from './interner';

/** Who is searching: only their organisation's packages exist for them, and only at levels their clearance reaches. */
export interface Searcher {
  principal: { orgCode: string };
  clearance: Clearance;
}

/** `YYYY-MM-DD` as the number YYYYMMDD, which compares in date order (0 for anything else: in no range). */
const dayNumber = (date: string) => Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) || 0;
/** A level's rank; one we do not know is above every clearance, as the database's `$in` of known levels left it unseen. */
function levelOf(secrecy: string): number {
  const rank = SECRECY_LEVELS.indexOf(secrecy as Clearance);
  return rank < 0 ? Number.MAX_SAFE_INTEGER : rank;
}
const typeOf = (type: string) => DOCUMENT_TYPE_CODES.indexOf(type as (typeof DOCUMENT_TYPE_CODES)[number]);

/**
 * A package as a query meets it. What every query checks is kept here as small numbers, so a pass
 * over 90,000 entries reads 90,000 objects of one shape and nothing behind them (reading each
 * package's metadata instead made a pass cost 50–75 ms at 100,000 packages).
 */
class Entry {
  constructor(
    /** Its number in its shelf: its id in the shelf's word index. */
    readonly slot: number,
    readonly item: SearchItem,
    /** Index of its secrecy in SECRECY_LEVELS: a searcher sees it when their clearance's index is at least this. */
    readonly level = levelOf(item.metadata.secrecy),
    readonly type = typeOf(item.metadata.type),
    /** The issue date as the document states it (`issuedAt` up to its offset), what the date range compares. */
    readonly day = dayNumber(item.metadata.issuedAt),
    readonly number = item.metadata.number,
  ) {}
}

/*
 * Words: FlexSearch (flexsearch on npm, kept since 2018) tokenises, folds (through our encoder)
 * and indexes every prefix of every word (`forward`), so each word of a query matches the start of
 * a word of the subject ("chuyen do" finds "chuyển đổi", as a console user types). The words of a
 * query are each looked up in it (one word's answer is its list of packages, as the index holds it)
 * and intersected here with one array of marks: all words required, in any order. FlexSearch's own
 * intersection took 18.6 ms for three words found in all of 90,000 subjects and 7.4 ms for
 * "chuyen doi so" (4,594 found); the marks, 1.8 and 0.8 ms (2026-12-03, 2 vCPU). MiniSearch was tried first, with the same folding: it scores every posting (BM25)
 * before intersecting, 45–110 ms for three common words at 90,000 subjects, and the order here is
 * by date anyway. `resolution: 1`: no relevance buckets. The encoder splits on anything that is
 * not a letter or digit; no stemming, no de-duplication of letters, digits kept whole, no cache
 * (its timer would outlive a test).
 */
const ENCODER = new Encoder({ normalize: foldText, split: WORD_SEPARATOR, numeric: false, dedupe: false, cache: false });

const newWordIndex = () => new Index({ tokenize: 'forward', resolution: 1, encoder: ENCODER });

/** Newest issue first, then by package id: a stable order for paging (the same as the database's sort was). */
function newestFirst(a: Entry, b: Entry): number {
  const x = a.item.metadata.issuedAt;
  const y = b.item.metadata.issuedAt;
  if (x !== y) return x < y ? 1 : -1;
  return a.item.packageId < b.item.packageId ? -1 : a.item.packageId > b.item.packageId ? 1 : 0;
}

/** Where `entry` goes in `sorted` (binary search). */
function insertionPoint(sorted: Entry[], entry: Entry): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(sorted[middle]!, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Below this many new entries, each is put in its place; above, they are appended and the whole sorted once (a load). */
const INSERT_ONE_BY_ONE = 64;

function push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/** The packages whose subject has every word of a query: `marks[slot] === want` for each of the `count`. */
interface WordHits {
  marks: Uint8Array;
  want: number;
  count: number;
  /** The shortest word's packages: every hit is among them. */
  among: readonly number[];
}

/** Words of a query taken at most: a query is at most 200 characters, so about 100 words, and a mark is one byte. */
const MOST_WORDS = 200;

/**
 * One organisation's packages. Search never crosses organisations (only the issuer's people see a
 * package), so each has its own: a query only ever touches the searcher's.
 */
class Shelf {
  readonly entries: Entry[] = [];
  private readonly sorted: Entry[] = [];
  private pending: Entry[] = [];
  readonly byNumber = new Map<number, Entry[]>();
  readonly byNotation = new Map<string, Entry[]>();
  private readonly words = newWordIndex();
  /** Packages in the word index: the most one word can find. */
  private worded = 0;

  add(item: SearchItem): Entry {
    const entry = new Entry(this.entries.length, item);
    this.entries.push(entry);
    this.pending.push(entry);
    push(this.byNumber, item.metadata.number, entry);
    push(this.byNotation, notationKey(item.metadata.notation), entry);
    // A sealed subject is a JWE: a word could match its base64 by chance, so it is never indexed.
    if (!item.sealed) {
      this.words.add(entry.slot, item.metadata.subject);
      this.worded += 1;
    }
    return entry;
  }

  /** Every entry, newest first. */
  inOrder(): Entry[] {
    if (this.pending.length > INSERT_ONE_BY_ONE) {
      for (const entry of this.pending) this.sorted.push(entry);
      this.sorted.sort(newestFirst);
    } else {
      for (const entry of this.pending) this.sorted.splice(insertionPoint(this.sorted, entry), 0, entry);
    }
    this.pending = [];
    return this.sorted;
  }

  /** The packages whose subject has every word of `q`; none when `q` has no word at all (`.*`) or a word nothing has. */
  wordHits(q: string): WordHits | undefined {
    const terms = ENCODER.encode(q).slice(0, MOST_WORDS);
    if (terms.length === 0 || this.worded === 0) return undefined;
    // One word's answer is the index's own list: read, never changed.
    const lists = [...new Set(terms)].map((term) => this.words.search(term, { limit: this.worded }) as readonly number[]);
    lists.sort((a, b) => a.length - b.length);
    if (lists[0]!.length === 0) return undefined;
    const marks = new Uint8Array(this.entries.length);
    // A package is marked k once it has the first k words: a list naming it twice changes nothing.
    lists.forEach((list, k) => {
      for (const slot of list) if (marks[slot] === k) marks[slot] = k + 1;
    });
    const want = lists.length;
    let count = 0;
    for (const slot of lists[0]!) if (marks[slot] === want) count += 1;
    return count === 0 ? undefined : { marks, want, count, among: lists[0]! };
  }
}

/** A word search returning fewer than 1/SORT_HITS_BELOW of the shelf sorts its hits; more, and a pass over the ordered shelf is cheaper. */
const SORT_HITS_BELOW = 16;

/**
 * Package metadata in memory, for the console's search (docs/archive.md, "Search"): per
 * organisation, exact maps by number and notation, every package in date order, and a word index
 * of the subjects. A query picks the narrowest of these, then checks every other condition on
 * each candidate in one pass, counting all that pass and keeping the page's.
 */
export class PackageIndex {
  private readonly shelves = new Map<string, Shelf>();
  private readonly byId = new Map<string, Entry>();
  private readonly interner = new Interner();

  get size(): number {
    return this.byId.size;
  }

  has(packageId: string): boolean {
    return this.byId.has(packageId);
  }

  /** Gives a package its log index, if it is here without one. */
  placeInLog(packageId: string, logIndex: number): void {
    const known = this.byId.get(packageId);
    if (known && known.item.logIndex === undefined) known.item.logIndex = logIndex;
  }

  /** Puts every shelf in date order now (after a load), rather than in the first query's time. */
  settle(): void {
    for (const shelf of this.shelves.values()) shelf.inOrder();
  }

  /**
   * Adds a package; one already here only takes the log index it lacked. Packages do not change
   * once archived (the manifest that the log hashes holds their metadata), so that is all a second
   * sight of one can bring.
   */
  put(item: SearchItem): void {
    if (this.byId.has(item.packageId)) {
      if (item.logIndex !== undefined) this.placeInLog(item.packageId, item.logIndex);
      return;
    }
    const kept = { ...item, metadata: this.interner.metadata(item.metadata) };
    const org = kept.metadata.issuerCode;
    let shelf = this.shelves.get(org);
    if (!shelf) this.shelves.set(org, (shelf = new Shelf()));
    this.byId.set(item.packageId, shelf.add(kept));
  }

  search(query: SearchQuery, searcher: Searcher): SearchPage {
    const empty: SearchPage = { total: 0, page: query.page, pageSize: query.pageSize, items: [] };
    const org = searcher.principal.orgCode;
    // Another organisation's packages are not there for the searcher at all: not even a count.
    if (query.issuer !== undefined && query.issuer !== org) return empty;
    const shelf = this.shelves.get(org);
    if (!shelf) return empty;

    // The narrowest start: an exact map, else the words' hits when few, else every entry in order.
    const exact: Entry[][] = [];
    if (query.number !== undefined) exact.push(shelf.byNumber.get(query.number) ?? []);
    if (query.notation !== undefined) exact.push(shelf.byNotation.get(notationKey(query.notation)) ?? []);
    let hits: WordHits | undefined;
    if (query.q !== undefined) {
      hits = shelf.wordHits(query.q);
      if (!hits) return empty;
      if (hits.count * SORT_HITS_BELOW < shelf.entries.length) {
        const { marks, want } = hits;
        exact.push(hits.among.filter((slot) => marks[slot] === want).map((slot) => shelf.entries[slot]!));
      }
    }
    const candidates = exact.length > 0 ? [...exact.reduce((a, b) => (b.length < a.length ? b : a))].sort(newestFirst) : shelf.inOrder();

    // An unknown clearance reaches nothing.
    const reach = SECRECY_LEVELS.indexOf(searcher.clearance);
    const number = query.number ?? -1;
    const notation = query.notation !== undefined ? notationKey(query.notation) : undefined;
    const type = query.type !== undefined ? typeOf(query.type) : -1;
    const from = query.issuedFrom !== undefined ? dayNumber(query.issuedFrom) : 0;
    const to = query.issuedTo !== undefined ? dayNumber(query.issuedTo) : Number.MAX_SAFE_INTEGER;
    const marks = hits?.marks;
    const want = hits?.want ?? 0;
    const start = (query.page - 1) * query.pageSize;
    const end = start + query.pageSize;
    const items: SearchItem[] = [];
    let total = 0;
    for (const entry of candidates) {
      if (entry.level > reach) continue;
      if (marks !== undefined && marks[entry.slot] !== want) continue;
      if (number >= 0 && entry.number !== number) continue;
      if (type >= 0 && entry.type !== type) continue;
      if (entry.day < from || entry.day > to) continue;
      // Only ever on the few candidates an exact map gave.
      if (notation !== undefined && notationKey(entry.item.metadata.notation) !== notation) continue;
      if (total >= start && total < end) items.push(entry.item);
      total += 1;
    }
    return { total, page: query.page, pageSize: query.pageSize, items };
  }
}

import type { ArchivalMetadata, Clearance, DocumentType, Secrecy } from '@vanthu/shared';
import { searchQuery, type SearchItem } from '../../src/packages/search';
import { foldedWords, foldText, notationKey } from '../../src/search/fold';
import { PackageIndex, type Searcher } from '../../src/search/package-index';

let made = 0;

function item(overrides: Partial<ArchivalMetadata> & { sealed?: true; packageId?: string } = {}): SearchItem {
  made += 1;
  const { sealed, packageId, ...metadata } = overrides;
  return {
    packageId: packageId ?? `pkg_${String(made).padStart(6, '0')}`,
    documentId: `doc-${made}`,
    workflowId: `document-doc-${made}`,
    archivedAt: '2026-12-01T00:00:00.000Z',
    manifestSha256: 'a'.repeat(64),
    logIndex: made,
    metadata: {
      documentId: `doc-${made}`,
      type: 'NQ',
      number: made,
      notation: `${made}-NQ/TU`,
      issuedAt: '2026-03-15T09:00:00+07:00',
      issuerCode: 'BS-TU',
      issuerName: 'Tỉnh ủy Bắc Sơn',
      subject: `Văn bản ${made}`,
      language: 'vi',
      pageCount: 1,
      signer: { fullName: 'Nguyễn Văn A', position: 'Bí thư', authority: 'T/M' },
      recipients: [],
      urgency: 'normal',
      secrecy: 'none',
      copies: 1,
      finalStatus: 'distributed',
      ...metadata,
    },
    ...(sealed && { sealed }),
  };
}

const archivist = (clearance: Clearance = 'none', orgCode = 'BS-TU'): Searcher => ({ principal: { orgCode }, clearance });
const ask = (index: PackageIndex, query: Record<string, string>, who = archivist()) => index.search(searchQuery.parse(query), who);
const ids = (page: { items: SearchItem[] }) => page.items.map((i) => i.packageId);

describe('the archive search index', () => {
  it('matches words with and without diacritics, both ways, đ as d', () => {
    const index = new PackageIndex();
    const accented = item({ subject: 'Kế hoạch chuyển đổi số của Đảng bộ tỉnh' });
    const bare = item({ subject: 'Ke hoach chuyen doi so nam 2026' });
    index.put(accented);
    index.put(bare);
    for (const q of ['chuyen doi so', 'chuyển đổi số', 'CHUYỂN ĐỔI SỐ', 'Chuyen Doi So', 'chuyển doi sô']) {
      expect({ q, found: ids(ask(index, { q })).sort() }).toEqual({ q, found: [accented.packageId, bare.packageId].sort() });
    }
    expect(ids(ask(index, { q: 'dang bo' }))).toEqual([accented.packageId]);
    expect(ids(ask(index, { q: 'Đảng bộ' }))).toEqual([accented.packageId]);
    expect(ids(ask(index, { q: 'ĐẢNG' }))).toEqual([accented.packageId]);
  });

  it('requires every word, each as the start of a word of the subject, in any order', () => {
    const index = new PackageIndex();
    const digital = item({ subject: 'Nghị quyết về chuyển đổi số' });
    const green = item({ subject: 'Nghị quyết về chuyển đổi xanh' });
    index.put(digital);
    index.put(green);
    expect(ids(ask(index, { q: 'chuyển đổi số' }))).toEqual([digital.packageId]);
    expect(ids(ask(index, { q: 'so doi chuyen' }))).toEqual([digital.packageId]);
    expect(ask(index, { q: 'chuyển đổi số xanh' }).total).toBe(0);
    // A word being typed matches as a prefix; the inside of a word does not.
    expect(ids(ask(index, { q: 'nghi quy chuyen d' })).sort()).toEqual([digital.packageId, green.packageId].sort());
    expect(ask(index, { q: 'uyen' }).total).toBe(0);
    // Punctuation alone is no word: nothing matches it (the old regular expressions escaped it too).
    expect(ask(index, { q: '.*' }).total).toBe(0);
  });

  it('finds by number, by notation (however typed), by type, by issuer', () => {
    const index = new PackageIndex();
    const decision = item({ type: 'QD', number: 12, notation: '12-QĐ/TU' });
    const resolution = item({ type: 'NQ', number: 4, notation: '04-NQ/TU' });
    const other = item({ type: 'NQ', number: 12, notation: '12-NQ/TU' });
    for (const i of [decision, resolution, other]) index.put(i);
    expect(ids(ask(index, { number: '12' })).sort()).toEqual([decision.packageId, other.packageId].sort());
    expect(ids(ask(index, { notation: '04-NQ/TU' }))).toEqual([resolution.packageId]);
    expect(ids(ask(index, { notation: '12-qd/tu' }))).toEqual([decision.packageId]);
    expect(ids(ask(index, { notation: '12 - QĐ / TU' }))).toEqual([decision.packageId]);
    expect(ask(index, { notation: '12-QĐ' }).total).toBe(0);
    expect(ids(ask(index, { number: '12', notation: '12-NQ/TU' }))).toEqual([other.packageId]);
    expect(ids(ask(index, { number: '12', type: 'QD' }))).toEqual([decision.packageId]);
    expect(ask(index, { issuer: 'BS-TU' }).total).toBe(3);
    expect(ask(index, { number: '99' }).total).toBe(0);
  });

  it('takes both dates of a range as inclusive, on the date the document states', () => {
    const index = new PackageIndex();
    const before = item({ issuedAt: '2026-02-14T23:59:59+07:00' });
    const first = item({ issuedAt: '2026-02-15T00:00:00+07:00' });
    const last = item({ issuedAt: '2026-03-15T23:59:59+07:00' });
    const after = item({ issuedAt: '2026-03-16T00:00:00+07:00' });
    for (const i of [before, first, last, after]) index.put(i);
    expect(ids(ask(index, { issuedFrom: '2026-02-15', issuedTo: '2026-03-15' }))).toEqual([last.packageId, first.packageId]);
    expect(ids(ask(index, { issuedFrom: '2026-03-15', issuedTo: '2026-03-15' }))).toEqual([last.packageId]);
    expect(ids(ask(index, { issuedFrom: '2026-03-16' }))).toEqual([after.packageId]);
    expect(ids(ask(index, { issuedTo: '2026-02-14' }))).toEqual([before.packageId]);
    expect(ask(index, { issuedFrom: '2026-03-17' }).total).toBe(0);
  });

  it('shows only the searcher’s organisation’s packages, at levels their clearance reaches: absent from items and total', () => {
    const index = new PackageIndex();
    const own = item({ subject: 'Đảng ủy xã triển khai' });
    const others = item({ subject: 'Đảng ủy xã triển khai', issuerCode: 'BS-TL-DU', number: own.metadata.number, notation: own.metadata.notation });
    const secret = item({ subject: 'Đảng ủy xã triển khai (mật)', secrecy: 'mat' });
    const topSecret = item({ subject: 'Đảng ủy xã triển khai (tối mật)', secrecy: 'toi-mat' });
    for (const i of [own, others, secret, topSecret]) index.put(i);

    expect(ask(index, { q: 'dang uy xa' })).toMatchObject({ total: 1, items: [{ packageId: own.packageId }] });
    expect(ask(index, { number: String(own.metadata.number) })).toMatchObject({ total: 1, items: [{ packageId: own.packageId }] });
    expect(ask(index, { issuer: 'BS-TL-DU' })).toMatchObject({ total: 0, items: [] });
    expect(ask(index, {}, archivist('none', 'BS-TL-DU'))).toMatchObject({ total: 1, items: [{ packageId: others.packageId }] });
    expect(ask(index, {}, archivist('none', 'BS-HB-DU'))).toMatchObject({ total: 0, items: [] });

    expect(ids(ask(index, { q: 'trien khai' }, archivist('mat'))).sort()).toEqual([own.packageId, secret.packageId].sort());
    expect(ask(index, { q: 'trien khai' }, archivist('tuyet-mat')).total).toBe(3);
    expect(ask(index, { number: String(topSecret.metadata.number) }, archivist('mat')).total).toBe(0);
    expect(ask(index, { number: String(topSecret.metadata.number) }, archivist('toi-mat')).total).toBe(1);

    // A level this code does not know is above every clearance; a clearance it does not know reaches nothing.
    const unknownLevel = item({ secrecy: 'bi-mat' as Secrecy });
    index.put(unknownLevel);
    expect(ids(ask(index, {}, archivist('tuyet-mat')))).not.toContain(unknownLevel.packageId);
    expect(ask(index, {}, archivist('unknown' as Clearance)).total).toBe(0);
  });

  it('never searches a sealed subject by words, yet finds the package by its other fields for the cleared', () => {
    const index = new PackageIndex();
    const jwe = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2VjcmV0.ZXlKaGJHY2lP.dGFn';
    const sealed = item({ subject: jwe, secrecy: 'toi-mat', sealed: true, notation: '7-KH/TU' });
    const clear = item({ subject: `Kế hoạch ${jwe.slice(0, 24)}` });
    index.put(sealed);
    index.put(clear);
    const cleared = archivist('tuyet-mat');
    for (const q of ['eyJ', jwe.slice(0, 20), 'c2VjcmV0', 'dGFn']) {
      expect({ q, found: ids(ask(index, { q }, cleared)) }).toEqual({ q, found: q === 'eyJ' || q === jwe.slice(0, 20) ? [clear.packageId] : [] });
    }
    expect(ask(index, { notation: '7-KH/TU' }, cleared)).toMatchObject({ total: 1, items: [{ packageId: sealed.packageId, sealed: true }] });
    expect(ask(index, { notation: '7-KH/TU', q: 'eyJ' }, cleared).total).toBe(0);
    expect(ask(index, { notation: '7-KH/TU' }, archivist('mat')).total).toBe(0);
  });

  it('orders by issue date, newest first, then by package id, and pages', () => {
    const index = new PackageIndex();
    const a = item({ packageId: 'pkg_b', issuedAt: '2026-01-01T08:00:00+07:00' });
    const b = item({ packageId: 'pkg_a', issuedAt: '2026-01-01T08:00:00+07:00' });
    const c = item({ packageId: 'pkg_c', issuedAt: '2026-05-01T08:00:00+07:00' });
    for (const i of [a, b, c]) index.put(i);
    expect(ids(ask(index, {}))).toEqual(['pkg_c', 'pkg_a', 'pkg_b']);
    expect(ask(index, { pageSize: '2', page: '2' })).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ packageId: 'pkg_b' }] });
    expect(ask(index, { pageSize: '2', page: '3' })).toMatchObject({ total: 3, items: [] });
    // Added later, older or newer: each takes its place.
    index.put(item({ packageId: 'pkg_0', issuedAt: '2025-01-01T08:00:00+07:00' }));
    index.put(item({ packageId: 'pkg_z', issuedAt: '2027-01-01T08:00:00+07:00' }));
    expect(ids(ask(index, {}))).toEqual(['pkg_z', 'pkg_c', 'pkg_a', 'pkg_b', 'pkg_0']);
  });

  it('keeps one entry per package, taking a log index it lacked', () => {
    const index = new PackageIndex();
    const first = item({ subject: 'Thông báo kết luận' });
    const { logIndex: _dropped, ...withoutLeaf } = first;
    index.put(withoutLeaf);
    expect(ask(index, {}).items[0]!.logIndex).toBeUndefined();
    index.put(first);
    index.put(first);
    expect(index.size).toBe(1);
    expect(ask(index, { q: 'thong bao' })).toMatchObject({ total: 1, items: [{ packageId: first.packageId, logIndex: first.logIndex }] });
  });

  it('keeps each package’s metadata as stored, field for field and in order, sharing what packages repeat', () => {
    const index = new PackageIndex();
    const first = item({ subject: 'Báo cáo tháng', dueDate: '2026-04-01' });
    const second = item({ subject: 'Báo cáo quý' });
    index.put(first);
    index.put(second);
    const [newer, older] = ask(index, { q: 'bao cao' }).items;
    const shown = [newer, older].sort((a, b) => a!.packageId.localeCompare(b!.packageId));
    expect(JSON.stringify(shown[0])).toBe(JSON.stringify(first));
    expect(JSON.stringify(shown[1])).toBe(JSON.stringify(second));
    expect(shown[0]!.metadata.signer).toBe(shown[1]!.metadata.signer);
  });

  it('answers as a plain filter over every package would, whichever way it narrows a query', () => {
    // Seeded, so a failure repeats: enough packages that a rare word's hits are sorted and a
    // common word's are found by a pass over the shelf in date order.
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)]!;
    const words = ['chuyển', 'đổi', 'số', 'sở', 'nghị', 'quyết', 'kế', 'hoạch', 'Đảng', 'ủy', 'xã', 'hiếm'];
    const orgs = ['BS-TU', 'BS-TL-DU'];
    const levels: Secrecy[] = ['none', 'none', 'none', 'mat', 'toi-mat'];
    const types: DocumentType[] = ['NQ', 'QD', 'KH', 'CV'];
    const all: SearchItem[] = [];
    const index = new PackageIndex();
    for (let i = 0; i < 600; i++) {
      const subject = Array.from({ length: 3 + Math.floor(random() * 6) }, () => (random() < 0.02 ? 'hiếm' : pick(words.slice(0, -1)))).join(' ');
      const secrecy = pick(levels);
      const one = item({
        subject,
        issuerCode: pick(orgs),
        secrecy,
        type: pick(types),
        number: 1 + Math.floor(random() * 40),
        issuedAt: `2026-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}T0${Math.floor(random() * 10)}:00:00+07:00`,
        ...(secrecy !== 'none' && random() < 0.5 && { sealed: true as const }),
      });
      all.push(one);
      index.put(one);
    }
    const plain = (query: ReturnType<typeof searchQuery.parse>, who: Searcher) => {
      const reach = { none: 0, mat: 1, 'toi-mat': 2, 'tuyet-mat': 3 };
      const terms = query.q === undefined ? [] : foldedWords(query.q);
      return all
        .filter((p) => p.metadata.issuerCode === who.principal.orgCode && reach[p.metadata.secrecy] <= reach[who.clearance])
        .filter((p) => query.issuer === undefined || p.metadata.issuerCode === query.issuer)
        .filter((p) => query.number === undefined || p.metadata.number === query.number)
        .filter((p) => query.notation === undefined || notationKey(p.metadata.notation) === notationKey(query.notation))
        .filter((p) => query.type === undefined || p.metadata.type === query.type)
        .filter((p) => query.issuedFrom === undefined || p.metadata.issuedAt.slice(0, 10) >= query.issuedFrom)
        .filter((p) => query.issuedTo === undefined || p.metadata.issuedAt.slice(0, 10) <= query.issuedTo)
        .filter((p) => query.q === undefined || (!p.sealed && terms.length > 0 && terms.every((t) => foldedWords(p.metadata.subject).some((w) => w.startsWith(t)))))
        .sort((x, y) => (x.metadata.issuedAt === y.metadata.issuedAt ? (x.packageId < y.packageId ? -1 : 1) : x.metadata.issuedAt < y.metadata.issuedAt ? 1 : -1));
    };
    const queries: Array<Record<string, string>> = [
      {},
      { q: 'so' },
      { q: 'hiem' },
      { q: 'hiếm số' },
      { q: 'dang uy xa' },
      { q: 'chuyen doi', type: 'KH' },
      { q: 'nghi', issuedFrom: '2026-03-10', issuedTo: '2026-06-15' },
      { number: '7' },
      { number: '7', q: 'so' },
      { notation: `${all[5]!.metadata.notation.toLowerCase()}` },
      { type: 'QD', issuedFrom: '2026-05-01' },
      { issuer: 'BS-TU', q: 'quyet' },
    ];
    for (const who of [archivist('none'), archivist('toi-mat'), archivist('mat', 'BS-TL-DU')]) {
      for (const query of queries) {
        for (const paging of [{ pageSize: '100' }, { pageSize: '7', page: '3' }]) {
          const parsed = searchQuery.parse({ ...query, ...paging });
          const expected = plain(parsed, who);
          const start = (parsed.page - 1) * parsed.pageSize;
          const got = index.search(parsed, who);
          expect({ query, who, total: got.total, ids: ids(got) }).toEqual({
            query,
            who,
            total: expected.length,
            ids: expected.slice(start, start + parsed.pageSize).map((p) => p.packageId),
          });
        }
      }
    }
    // The rare word is found in few packages (its hits are sorted), the common one in most (a pass in date order).
    expect(ask(index, { q: 'hiem' }, archivist('tuyet-mat')).total).toBeLessThan(600 / 16);
    expect(ask(index, { q: 'so' }, archivist('tuyet-mat')).total).toBeGreaterThan(600 / 16);
    expect(foldText('hiếm')).toBe('hiem');
  });
});

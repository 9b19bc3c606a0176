import { constants, deflateRawSync, deflateSync } from 'node:zlib';

/**
 * Hostile PDFs, generated: each one is small or at most a few megabytes, and each makes a naive
 * reader loop, recurse, allocate or hash without bound. `kind` is what the shared inspector must
 * answer (see packages/shared/src/pdf); the services word it in their own contracts.
 */
export interface CraftedPdf {
  name: string;
  bytes: Buffer;
  kind: 'damaged' | 'too-complex';
}

const MIB = 1024 * 1024;
const HEADER = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';

type Body = string | Buffer;
const bin = (body: Body) => (typeof body === 'string' ? Buffer.from(body, 'latin1') : body);

/** A stream object's body with a correct /Length unless `length` says otherwise. */
export function stream(dict: string, data: Buffer, length: string | number = data.length): Buffer {
  return Buffer.concat([bin(`<< ${dict} /Length ${length} >>\nstream\n`), data, bin('\nendstream')]);
}

/** The objects of a one-page document; `overrides` replaces or adds objects by number. */
export function onePage(overrides: Record<number, Body> = {}): Map<number, Body> {
  const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 720 Td (Van ban) Tj ET'));
  const objects = new Map<number, Body>([
    [1, '<< /Type /Catalog /Pages 2 0 R >>'],
    [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'],
    [4, stream('/Filter /FlateDecode', content)],
  ]);
  for (const [num, body] of Object.entries(overrides)) objects.set(Number(num), body);
  return objects;
}

interface Built {
  bytes: Buffer;
  /** Where the cross-reference table starts. */
  xrefAt: number;
  offsets: Map<number, number>;
}

/** Header, objects, a classic cross-reference table, trailer, startxref: a well-formed file around whatever the objects hold. */
export function buildPdf(objects: Map<number, Body>, trailerExtra: string | ((xrefAt: number) => string) = '', startxref?: (xrefAt: number) => number): Built {
  const parts: Buffer[] = [bin(HEADER)];
  let at = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const [num, body] of [...objects.entries()].sort((a, b) => a[0] - b[0])) {
    offsets.set(num, at);
    const part = Buffer.concat([bin(`${num} 0 obj\n`), bin(body), bin('\nendobj\n')]);
    parts.push(part);
    at += part.length;
  }
  const size = Math.max(...objects.keys()) + 1;
  const rows = ['xref', `0 ${size}`, '0000000000 65535 f\r'];
  for (let num = 1; num < size; num += 1) {
    const offset = offsets.get(num);
    rows.push(offset === undefined ? '0000000000 00000 f\r' : `${String(offset).padStart(10, '0')} 00000 n\r`);
  }
  const xrefAt = at;
  parts.push(bin(`${rows.join('\n')}\ntrailer\n<< /Size ${size} /Root 1 0 R ${typeof trailerExtra === 'string' ? trailerExtra : trailerExtra(xrefAt)} >>\nstartxref\n${startxref ? startxref(xrefAt) : xrefAt}\n%%EOF\n`));
  return { bytes: Buffer.concat(parts), xrefAt, offsets };
}

/** A valid one-page PDF, hand-made: the baseline every crafted file departs from. */
export const simplePdf = () => buildPdf(onePage()).bytes;

/** Objects, then a cross-reference stream (W [1 4 2]) describing `entries` plus itself. */
function withXrefStream(objects: Map<number, Body>, compressed: Map<number, [number, number]>, dictExtra = '', data?: Buffer): Buffer {
  const parts: Buffer[] = [bin(HEADER)];
  let at = parts[0]!.length;
  const rows = new Map<number, [number, number, number]>();
  for (const [num, body] of [...objects.entries()].sort((a, b) => a[0] - b[0])) {
    rows.set(num, [1, at, 0]);
    const part = Buffer.concat([bin(`${num} 0 obj\n`), bin(body), bin('\nendobj\n')]);
    parts.push(part);
    at += part.length;
  }
  for (const [num, [container, index]] of compressed) rows.set(num, [2, container, index]);
  const self = Math.max(0, ...rows.keys()) + 1;
  rows.set(self, [1, at, 0]);
  const table = Buffer.alloc((self + 1) * 7);
  table[0] = 0;
  for (const [num, [type, f2, f3]] of rows) {
    table[num * 7] = type;
    table.writeUInt32BE(f2, num * 7 + 1);
    table.writeUInt16BE(f3, num * 7 + 5);
  }
  const encoded = data ?? deflateSync(table);
  const dict = `/Type /XRef /Size ${self + 1} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode ${dictExtra}`;
  parts.push(Buffer.concat([bin(`${self} 0 obj\n`), stream(dict, encoded), bin(`\nendobj\nstartxref\n${at}\n%%EOF\n`)]));
  return Buffer.concat(parts);
}

/**
 * Flate data that inflates to `mib` MiB of zeros while taking about a kilobyte per MiB: one
 * full-flushed block repeated (each starts afresh, so copies concatenate), a final empty block,
 * and the Adler-32 of all those zeros.
 */
export function deflateBomb(mib: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(MIB), { finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((mib * MIB) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array.from({ length: mib }, () => block), Buffer.from([0x03, 0x00]), adler]);
}

function nested(open: string, inner: string, close: string, depth: number): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** A page tree `levels` deep where every node lists the next node twice: 2^levels paths through a few objects. */
function sharedSubtrees(levels: number): Map<number, Body> {
  const objects = onePage();
  for (let level = 0; level < levels; level += 1) {
    const num = 10 + level;
    const next = level === levels - 1 ? 3 : num + 1;
    objects.set(num, `<< /Type /Pages /Kids [${next} 0 R ${next} 0 R] /Count ${2 ** Math.min(levels - level, 30)} >>`);
  }
  objects.set(1, '<< /Type /Catalog /Pages 10 0 R >>');
  return objects;
}

/** `count` further revisions, each an empty cross-reference section whose /Prev names the one before. */
function longPrevChain(count: number): Buffer {
  const base = buildPdf(onePage());
  const parts: Buffer[] = [base.bytes];
  let length = base.bytes.length;
  let prev = base.xrefAt;
  for (let i = 0; i < count; i += 1) {
    const section = bin(`xref\n0 0\ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${prev} >>\n`);
    prev = length;
    parts.push(section);
    length += section.length;
  }
  parts.push(bin(`startxref\n${prev}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** Two cross-reference sections whose /Prev name each other. */
function prevLoop(): Buffer {
  const base = buildPdf(onePage());
  const body = base.bytes.subarray(0, base.xrefAt);
  const pad = (n: number) => String(n).padStart(10, '0');
  const table = base.bytes.toString('latin1', base.xrefAt, base.bytes.indexOf('trailer', base.xrefAt));
  const first = base.xrefAt;
  const sectionA = (b: number) => `${table}trailer\n<< /Size 5 /Root 1 0 R /Prev ${pad(b)} >>\n`;
  const second = first + sectionA(0).length;
  const sectionB = `xref\n0 0\ntrailer\n<< /Size 5 /Root 1 0 R /Prev ${pad(first)} >>\n`;
  return Buffer.concat([body, bin(sectionA(second)), bin(sectionB), bin(`startxref\n${second}\n%%EOF\n`)]);
}

/** `count` tiny objects, declared in a compressed cross-reference stream, within an upload's size. */
function manyObjects(count: number): Buffer {
  const page = onePage();
  const objects = new Map<number, Body>(page);
  const filler: string[] = [];
  for (let num = 5; num < count; num += 1) filler.push(`${num} 0 obj 0 endobj`);
  objects.set(5, bin(`0\nendobj\n${filler.slice(1).join('\n')}\n${count} 0 obj\n0`));
  // The filler objects' offsets are not listed (all point at object 5): the declared count is what matters.
  return withXrefStream(objects, new Map(), `/Index [0 ${count + 2}]`, deflateSync(Buffer.alloc((count + 2) * 7, 0)));
}

/** startxref names the offset of the word startxref itself. */
function startxrefAtItself(): Buffer {
  const first = buildPdf(onePage()).bytes;
  const keyword = first.lastIndexOf('startxref');
  return buildPdf(onePage(), '', () => keyword).bytes;
}

function withBytes(pdf: Buffer, from: string, to: string): Buffer {
  const at = pdf.lastIndexOf(from);
  return Buffer.concat([pdf.subarray(0, at), bin(to), pdf.subarray(at + from.length)]);
}

/** The corpus; every file is generated on each run. */
export function craftedPdfs(): CraftedPdf[] {
  const simple = simplePdf();
  const objectStream = (dict: string, data: Buffer) => stream(`/Type /ObjStm ${dict} /Filter /FlateDecode`, data);
  const catalogInObjectStream = (container: Body) =>
    withXrefStream(new Map<number, Body>([...onePage(), [1, '<< /Type /Catalog /Pages 2 0 R >>'], [6, container]].filter(([n]) => n !== 1) as Array<[number, Body]>), new Map([[1, [6, 0]]]));
  const cases: CraftedPdf[] = [
    { name: 'kids-self', kind: 'damaged', bytes: buildPdf(onePage({ 2: '<< /Type /Pages /Kids [2 0 R] /Count 1 >>' })).bytes },
    { name: 'kids-ancestor', kind: 'damaged', bytes: buildPdf(onePage({ 2: '<< /Type /Pages /Kids [5 0 R] /Count 1 >>', 5: '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>' })).bytes },
    { name: 'shared-subtrees', kind: 'damaged', bytes: buildPdf(sharedSubtrees(40)).bytes },
    { name: 'same-kid-a-million-times', kind: 'too-complex', bytes: buildPdf(onePage({ 2: `<< /Type /Pages /Kids [${'3 0 R '.repeat(1_000_000)}] /Count 1000000 >>` })).bytes },
    { name: 'page-tree-200-deep', kind: 'too-complex', bytes: buildPdf(new Map<number, Body>([...onePage(), ...Array.from({ length: 200 }, (_, i): [number, Body] => [10 + i, `<< /Type /Pages /Kids [${i === 199 ? 3 : 11 + i} 0 R] /Count 1 >>`]), [1, '<< /Type /Catalog /Pages 10 0 R >>']])).bytes },
    { name: 'prev-self', kind: 'damaged', bytes: buildPdf(onePage(), (x) => `/Prev ${x}`).bytes },
    { name: 'prev-loop', kind: 'damaged', bytes: prevLoop() },
    { name: 'prev-chain-5000', kind: 'too-complex', bytes: longPrevChain(5000) },
    { name: 'xref-count-999999999', kind: 'too-complex', bytes: withBytes(simple, 'xref\n0 5\n', 'xref\n0 999999999\n') },
    { name: 'xref-150000-subsections', kind: 'too-complex', bytes: withBytes(simple, '\nxref\n', `\nxref\n${Array.from({ length: 150_000 }, (_, i) => `${1000 + i} 0`).join('\n')}\n`) },
    { name: 'xref-stream-size-2e9', kind: 'too-complex', bytes: withXrefStream(onePage(), new Map(), '/Index [0 2000000000]') },
    { name: 'object-stream-n-1e9', kind: 'too-complex', bytes: catalogInObjectStream(objectStream('/N 1000000000 /First 4', deflateSync(Buffer.from('1 0 << /Type /Catalog /Pages 2 0 R >>')))) },
    { name: 'object-stream-n-beyond-header', kind: 'damaged', bytes: catalogInObjectStream(objectStream('/N 400000 /First 4', deflateSync(Buffer.from('1 0 << /Type /Catalog /Pages 2 0 R >>')))) },
    { name: 'bomb-in-content-stream', kind: 'too-complex', bytes: buildPdf(onePage({ 4: stream('/Filter /FlateDecode', deflateBomb(300)) })).bytes },
    { name: 'bomb-in-object-stream', kind: 'too-complex', bytes: catalogInObjectStream(objectStream('/N 1 /First 4', deflateBomb(300))) },
    { name: 'bomb-in-xref-stream', kind: 'too-complex', bytes: withXrefStream(onePage(), new Map(), '', deflateBomb(300)) },
    { name: 'arrays-100000-deep', kind: 'too-complex', bytes: buildPdf(onePage({ 3: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots ${nested('[', '0', ']', 100_000)} >>` })).bytes },
    { name: 'dicts-50000-deep', kind: 'too-complex', bytes: buildPdf(onePage({ 1: `<< /Type /Catalog /Pages 2 0 R /X ${nested('<< /A ', '0', ' >>', 50_000)} >>` })).bytes },
    { name: 'trailer-100000-deep', kind: 'too-complex', bytes: buildPdf(onePage(), `/X ${nested('[', '0', ']', 100_000)}`).bytes },
    { name: 'truncated', kind: 'damaged', bytes: simple.subarray(0, Math.floor(simple.length * 0.6)) },
    { name: 'garbage-after-header', kind: 'damaged', bytes: Buffer.concat([bin(HEADER), Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256))]) },
    { name: 'startxref-points-at-itself', kind: 'damaged', bytes: startxrefAtItself() },
    { name: 'startxref-past-the-end', kind: 'damaged', bytes: buildPdf(onePage(), '', () => 99_999_999_999).bytes },
    { name: 'length-past-the-end', kind: 'damaged', bytes: buildPdf(onePage({ 4: stream('/Filter /FlateDecode', deflateSync(Buffer.from('BT ET')), 999_999_999) })).bytes },
    { name: 'length-short', kind: 'damaged', bytes: buildPdf(onePage({ 4: stream('/Filter /FlateDecode', deflateSync(Buffer.from('BT ET')), 3) })).bytes },
    { name: 'length-refers-to-itself', kind: 'damaged', bytes: buildPdf(onePage({ 4: stream('/Filter /FlateDecode', deflateSync(Buffer.from('BT ET')), '4 0 R') })).bytes },
    { name: 'length-loop-of-two', kind: 'damaged', bytes: buildPdf(onePage({ 4: stream('', Buffer.from('BT ET'), '5 0 R'), 5: stream('', Buffer.from('0'), '4 0 R') })).bytes },
    { name: 'objects-600000', kind: 'too-complex', bytes: manyObjects(600_000) },
    {
      name: 'byte-ranges-1500',
      kind: 'too-complex',
      bytes: buildPdf(onePage({ 1: '<< /Type /Catalog /Pages 2 0 R /Sigs 5 0 R >>', 5: `[${Array.from({ length: 1500 }, (_, i) => `<< /Type /Sig /ByteRange [0 ${100 + i} ${200 + i} 10] /Contents <00> >>`).join('\n')}]` })).bytes,
    },
  ];
  return cases;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import type { Font, Glyph } from 'fontkit';

/**
 * The stamp's typeface: Noto Sans Regular, from the npm package of Google Fonts' files that Expo
 * maintains (OFL-1.1, updated with Google Fonts; the TTF is read from node_modules, so the Docker
 * image's production dependencies carry it). Noto Sans has every precomposed Vietnamese letter
 * (Latin Extended Additional), which the PDF standard fonts (WinAnsi) lack, so names like
 * "Nguyễn Văn An" appear on the stamp as written, and text extraction gets them back through the
 * ToUnicode map.
 */
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');

let loaded: Font | undefined;
/** Parsed once per thread that draws stamps, on first use. */
function font(): Font {
  if (!loaded) {
    const file = fontkit.create(readFileSync(FONT_FILE));
    if ('fonts' in file) throw new Error(`${FONT_FILE} is a font collection, not the one TrueType font the stamp needs`);
    loaded = file;
  }
  return loaded;
}

/** Refers to another object of the font by its index in `StampFont.objects`. */
export type RefOf = (index: number) => string;

export interface StampFont {
  /** PDF object bodies; the first is the Type0 font the stamp's resources name. */
  objects: Array<(ref: RefOf) => string>;
  /** Each line as a hex string of glyph ids, for `Tj` with this font. */
  lines: string[];
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0').toUpperCase();

const utf16Hex = (codePoint: number) => Buffer.from(String.fromCodePoint(codePoint), 'utf16le').swap16().toString('hex').toUpperCase();

/** A PDF stream object whose data is binary: bodies are written as latin1 text, byte for byte. */
const stream = (dict: string, data: Buffer) => `<< ${dict} /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;

/**
 * Always in the subset: the stamp's time and numbers change with every signature, its names
 * rarely, so with these the same signer's stamps share one subset (see `subsets`).
 */
const ALWAYS = '0123456789:+-/.,() ';

/** Encoded subsets by their glyphs: encoding one costs milliseconds, reusing it microseconds. */
const subsets = new Map<string, Omit<StampFont, 'lines'> & { ids: Map<number, number> }>();
const SUBSETS_KEPT = 64;

/**
 * The stamp font for `lines`: a subset holding just their glyphs (and `ALWAYS`), as a composite
 * (Type0, Identity-H) font, every glyph addressed by its id in the subset, with a ToUnicode map
 * so copied or extracted text is the original, and widths so viewers lay the text out as drawn
 * here. Text is NFC-normalised first, so a decomposed "ễ" finds its precomposed glyph.
 */
export function stampFont(lines: string[]): StampFont {
  const face = font();
  const normalised = lines.map((line) => [...line.normalize('NFC')].map((char) => char.codePointAt(0)!));
  const glyphs = new Map<number, { glyph: Glyph; codePoint: number }>();
  for (const codePoint of [...normalised.flat(), ...[...ALWAYS].map((c) => c.codePointAt(0)!)]) {
    const glyph = face.glyphForCodePoint(codePoint);
    if (!glyphs.has(glyph.id)) glyphs.set(glyph.id, { glyph, codePoint });
  }
  const key = [...glyphs.keys()].sort((a, b) => a - b).join(',');
  let made = subsets.get(key);
  if (!made) {
    made = encodeStampFont(face, key, [...glyphs.values()]);
    if (subsets.size >= SUBSETS_KEPT) subsets.delete(subsets.keys().next().value!);
    subsets.set(key, made);
  }
  const ids = made.ids;
  return {
    objects: made.objects,
    lines: normalised.map((codePoints) => `<${codePoints.map((c) => hex4(ids.get(face.glyphForCodePoint(c).id)!)).join('')}>`),
  };
}

/**
 * fontkit (foliojs), not pdf-lib's fork of it: the fork writes a subset of a font with a long
 * `loca` (such as Noto Sans, whose glyph records have odd lengths) with a short one, halving odd
 * offsets, so most glyphs point into their neighbours' bytes. Text extraction stays right while
 * poppler and pdf.js draw wrong or blank glyphs. fontkit keeps the font's own `loca` format.
 */
function encodeStampFont(face: Font, key: string, glyphs: Array<{ glyph: Glyph; codePoint: number }>) {
  const subset = face.createSubset();
  // Included in glyph order, so the same set always gets the same ids. includeGlyph returns the
  // glyph's id in the subset (@types/fontkit calls it a boolean).
  const entries = glyphs
    .sort((a, b) => a.glyph.id - b.glyph.id)
    .map((g) => ({ ...g, id: subset.includeGlyph(g.glyph) as unknown as number }));
  const ids = new Map(entries.map((e) => [e.glyph.id, e.id]));
  const file = Buffer.from(subset.encode());

  const scale = 1000 / face.unitsPerEm;
  const widths = entries.map((e) => `${e.id} [${Math.round(e.glyph.advanceWidth * scale)}]`).join(' ');
  // PDF 32000-1 9.6.4: a subset's name starts with a six-letter tag, here derived from its glyphs.
  const tag = [...createHash('sha256').update(key).digest().subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  const name = `/${tag}+${(face.postscriptName ?? 'NotoSans-Regular').replace(/[^A-Za-z0-9-]/g, '')}`;
  const box = face.bbox;
  const toUnicode = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    // At most 100 entries per block (PDF 32000-1 9.10.3).
    ...chunks(entries, 100).map((block) => `${block.length} beginbfchar\n${block.map((e) => `<${hex4(e.id)}> <${utf16Hex(e.codePoint)}>`).join('\n')}\nendbfchar`),
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const fontFile = stream(`/Filter /FlateDecode /Length1 ${file.length}`, deflateSync(file));
  const unicodeMap = stream('', Buffer.from(toUnicode, 'latin1'));

  const objects: StampFont['objects'] = [
    (ref) => `<< /Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [${ref(1)}] /ToUnicode ${ref(4)} >>`,
    (ref) =>
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont ${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
      `/FontDescriptor ${ref(2)} /CIDToGIDMap /Identity /DW 0 /W [${widths}] >>`,
    (ref) =>
      `<< /Type /FontDescriptor /FontName ${name} /Flags 32 /FontBBox [${[box.minX, box.minY, box.maxX, box.maxY].map((v) => Math.round(v * scale)).join(' ')}] ` +
      `/ItalicAngle 0 /Ascent ${Math.round(face.ascent * scale)} /Descent ${Math.round(face.descent * scale)} /CapHeight ${Math.round(face.capHeight * scale)} /StemV 80 /FontFile2 ${ref(3)} >>`,
    () => fontFile,
    () => unicodeMap,
  ];
  return { objects, ids };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

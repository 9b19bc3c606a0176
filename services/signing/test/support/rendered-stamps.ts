import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, rgb } from 'pdf-lib';

/**
 * Checks on the visible stamps as a viewer draws them, against outside references: poppler
 * (pdftoppm, pdftotext) draws and reads the signed page, and pdf-lib, embedding the whole Noto
 * Sans file without subsetting, draws the same text at the same places for comparison. Neither
 * reference shares the stamp's own font code, so a broken subset shows as different ink.
 */

/** Where a stamp sits on the page and where each of its lines starts, in page coordinates. */
export interface PlacedStamp {
  /** The widget's rectangle: x1 y1 x2 y2. */
  rect: [number, number, number, number];
  fontSize: number;
  /** The text origin of each line, in drawing order. */
  origins: Array<[number, number]>;
}

export interface StampedPage {
  /** 1-based, as poppler's -f/-l take it. */
  number: number;
  width: number;
  height: number;
  /** Signature widgets with an appearance, in the order of the page's annotations. */
  stamps: PlacedStamp[];
}

/**
 * The last page's signature stamps, read with pdf-lib from the widgets' appearance streams: the
 * rectangle, the font size (`Tf`) and each line's origin (the running sum of the `Td` moves).
 */
export async function stampedPage(pdf: Buffer): Promise<StampedPage> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const index = doc.getPageCount() - 1;
  const page = doc.getPage(index);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const stamps: PlacedStamp[] = [];
  for (let i = 0; i < (annots?.size() ?? 0); i += 1) {
    const widget = annots!.lookup(i, PDFDict);
    if (widget.get(PDFName.of('FT'))?.toString() !== '/Sig') continue;
    const appearance = widget.lookupMaybe(PDFName.of('AP'), PDFDict)?.lookup(PDFName.of('N'));
    if (!(appearance instanceof PDFRawStream)) continue;
    const content = Buffer.from(decodePDFRawStream(appearance).decode()).toString('latin1');
    const size = /([\d.]+) Tf/.exec(content);
    if (!size) continue;
    const { x, y, width, height } = widget.lookup(PDFName.of('Rect'), PDFArray).asRectangle();
    const origins: Array<[number, number]> = [];
    let at: [number, number] = [x, y];
    for (const move of content.matchAll(/(-?[\d.]+) (-?[\d.]+) Td/g)) {
      at = [at[0] + Number(move[1]), at[1] + Number(move[2])];
      origins.push(at);
    }
    stamps.push({ rect: [x, y, x + width, y + height], fontSize: Number(size[1]), origins });
  }
  const { width, height } = page.getSize();
  return { number: index + 1, width, height, stamps };
}

const NOTO_SANS = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');

/** A page of the same size with each stamp's `lines` drawn by pdf-lib in the whole Noto Sans, at the stamp's origins. */
export async function referenceDrawing(page: StampedPage, lines: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  // pdf-lib types fontkit by its own older declarations; a single TTF gives the one font they expect.
  doc.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await doc.embedFont(readFileSync(NOTO_SANS), { subset: false });
  const drawn = doc.addPage([page.width, page.height]);
  page.stamps.forEach((stamp, s) =>
    stamp.origins.forEach(([x, y], l) => drawn.drawText(lines[s]![l]!, { x, y, size: stamp.fontSize, font, color: rgb(0.1, 0.1, 0.5) })),
  );
  return Buffer.from(await doc.save());
}

/** Inside the stamp's border, which the reference does not draw. */
const inside = ([x1, y1, x2, y2]: PlacedStamp['rect']): PlacedStamp['rect'] => [x1 + 2, y1 + 2, x2 - 2, y2 - 2];

/** poppler's crop options for `box` (page coordinates, y up) at `dpi` (crops count pixels from the top left). */
function crop(page: StampedPage, box: PlacedStamp['rect'], dpi: number): string[] {
  const s = dpi / 72;
  const [x1, y1, x2, y2] = box;
  return ['-f', `${page.number}`, '-l', `${page.number}`, '-r', `${dpi}`, '-x', `${Math.round(x1 * s)}`, '-y', `${Math.round((page.height - y2) * s)}`, '-W', `${Math.round((x2 - x1) * s)}`, '-H', `${Math.round((y2 - y1) * s)}`];
}

/** The stamp's lines as pdftotext -layout reads them from the region, spaces collapsed. */
export function stampText(file: string, page: StampedPage, stamp: PlacedStamp): string[] {
  const text = execFileSync('pdftotext', ['-layout', ...crop(page, inside(stamp.rect), 72), file, '-'], { encoding: 'utf8' });
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Which pixels of the stamp pdftoppm inks (grey below the midpoint), at `dpi`. */
export function stampInk(file: string, page: StampedPage, stamp: PlacedStamp, dpi = 288): boolean[] {
  const pgm = execFileSync('pdftoppm', ['-gray', '-singlefile', ...crop(page, inside(stamp.rect), dpi), file], { maxBuffer: 64 * 1024 * 1024 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 32));
  if (!header) throw new Error('pdftoppm -gray did not write a PGM');
  return [...pgm.subarray(header[0].length)].map((grey) => grey < 128);
}

/** Intersection over union of two ink masks of the same region: 1 when they ink the same pixels. */
export function inkOverlap(a: boolean[], b: boolean[]): number {
  if (a.length !== b.length) throw new Error(`regions differ in size: ${a.length} and ${b.length} pixels`);
  let both = 0;
  let either = 0;
  a.forEach((inked, i) => {
    if (inked && b[i]) both += 1;
    if (inked || b[i]) either += 1;
  });
  return either === 0 ? 0 : both / either;
}

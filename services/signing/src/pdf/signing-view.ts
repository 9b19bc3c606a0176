import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';
import { isPdfRefused } from '@vanthu/shared/pdf';
import { pdfRefusal, refusals, SigningRefused } from '../errors';
import { PdfObjectLookup, UnreadableHere } from './object-lookup';

/** What adding a signature field needs to know about a PDF, however it was read. */
export interface SigningView {
  context: PDFContext;
  /** Follows a reference; direct objects come back as they are. */
  resolve(value: PDFObject | undefined): PDFObject | undefined;
  root: PDFRef;
  catalog: PDFDict;
  info?: PDFObject;
  id?: PDFObject;
  /** New objects are numbered from here. */
  nextObjectNumber: number;
  lastPage: { ref: PDFRef; node: PDFDict };
  lastPageWidth(): number;
  /** Which reader produced the view: the tests compare the two. */
  reader: 'lookup' | 'pdf-lib';
}

const MAX_DEPTH = 64;

/**
 * Reads only the objects signing touches, through the cross-reference sections. A PDF this cannot
 * read that way (damaged offsets, unusual filters) is loaded whole with pdf-lib, as before.
 */
export async function signingView(pdf: Buffer, startxref: number): Promise<SigningView> {
  try {
    return lookupView(pdf, startxref);
  } catch (error) {
    if (error instanceof SigningRefused) throw error;
    // Past a limit the full load would only do more of the same work.
    if (isPdfRefused(error) && error.kind !== 'damaged') throw pdfRefusal(error);
  }
  return fullView(pdf, startxref);
}

export function lookupView(pdf: Buffer, startxref: number): SigningView {
  const lookup = new PdfObjectLookup(pdf, startxref);
  const trailer = lookup.trailer();
  if (trailer.encrypt) throw refusals.notAPdf('Encrypted PDFs cannot be signed here.');
  const root = trailer.root;
  const catalog = lookup.resolve(root);
  if (!(root instanceof PDFRef) || !(catalog instanceof PDFDict)) throw new UnreadableHere('the trailer names no catalog');
  const resolve = (value: PDFObject | undefined) => lookup.resolve(value);
  const lastPage = lastLeaf(resolve, catalog.get(PDFName.of('Pages')), 0, new Set());
  // No page found may be a tree this walk does not follow; the full load decides.
  if (!lastPage) throw new UnreadableHere('no page found');
  return {
    context: lookup.context,
    resolve,
    root,
    catalog,
    ...(trailer.info && { info: trailer.info }),
    ...(trailer.id && { id: trailer.id }),
    nextObjectNumber: lookup.nextObjectNumber(),
    lastPage,
    lastPageWidth: () => mediaBoxWidth(resolve, lastPage.node),
    reader: 'lookup',
  };
}

/**
 * The last leaf of the page tree, in document order, as pdf-lib's page list would end. Each node
 * is entered once: a tree whose nodes share subtrees would otherwise be walked exponentially long.
 */
function lastLeaf(resolve: SigningView['resolve'], ref: PDFObject | undefined, depth: number, visited: Set<number>): SigningView['lastPage'] | undefined {
  if (!(ref instanceof PDFRef) || depth > MAX_DEPTH || visited.has(ref.objectNumber)) return undefined;
  visited.add(ref.objectNumber);
  const node = resolve(ref);
  if (!(node instanceof PDFDict)) return undefined;
  const type = node.get(PDFName.of('Type'));
  if (type === PDFName.of('Page')) return { ref, node };
  const kids = type === PDFName.of('Pages') ? resolve(node.get(PDFName.of('Kids'))) : undefined;
  if (!(kids instanceof PDFArray)) return undefined;
  for (let i = kids.size() - 1; i >= 0; i -= 1) {
    const found = lastLeaf(resolve, kids.get(i), depth + 1, visited);
    if (found) return found;
  }
  return undefined;
}

/** MediaBox is inheritable: the page's own, else the nearest ancestor's. */
function mediaBoxWidth(resolve: SigningView['resolve'], page: PDFDict): number {
  let node: PDFObject | undefined = page;
  for (let depth = 0; node instanceof PDFDict && depth <= MAX_DEPTH; depth += 1) {
    const box = resolve(node.get(PDFName.of('MediaBox')));
    if (box instanceof PDFArray && box.size() === 4) {
      const [x1, , x2] = box.asArray().map((v) => {
        const n = resolve(v);
        if (!(n instanceof PDFNumber)) throw new Error('the page MediaBox holds a non-number');
        return n.asNumber();
      });
      return x2! - x1!;
    }
    if (box !== undefined) throw new Error('the page MediaBox is not a rectangle');
    node = resolve(node.get(PDFName.of('Parent')));
  }
  throw new Error('the page has no MediaBox');
}

async function loadWhole(pdf: Buffer): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    if ((error as Error).name === 'EncryptedPDFError') throw refusals.notAPdf('Encrypted PDFs cannot be signed here.');
    throw refusals.notAPdf(`The PDF cannot be read: ${(error as Error).message}`);
  }
  if (doc.getPageCount() === 0) throw refusals.notAPdf('The PDF has no pages.');
  return doc;
}

export async function fullView(pdf: Buffer, startxref: number): Promise<SigningView> {
  const doc = await loadWhole(pdf);
  const context = doc.context;
  const root = context.trailerInfo.Root;
  if (!(root instanceof PDFRef)) throw refusals.notAPdf('The PDF trailer names no catalog.');
  // Object streams and xref streams are numbered too, though pdf-lib does not keep them: take the
  // larger of its count and the previous section's /Size, or a new object would overwrite one.
  const previousSize = Number(/\/Size\s+(\d+)/.exec(pdf.subarray(startxref, startxref + 4096).toString('latin1'))?.[1] ?? 0);
  const page = doc.getPages().at(-1)!;
  return {
    context,
    resolve: (value) => (value instanceof PDFRef ? context.lookup(value) : value),
    root,
    catalog: doc.catalog,
    ...(context.trailerInfo.Info && { info: context.trailerInfo.Info }),
    ...(context.trailerInfo.ID && { id: context.trailerInfo.ID }),
    nextObjectNumber: Math.max(context.largestObjectNumber + 1, previousSize),
    lastPage: { ref: page.ref, node: page.node },
    lastPageWidth: () => page.getSize().width,
    reader: 'pdf-lib',
  };
}

import { findByteRanges } from './byte-ranges';
import { DEFAULT_PDF_LIMITS, type PdfLimits } from './limits';
import { PdfObjects } from './pdf-objects';
import { damaged, PdfRefused, tooComplex } from './pdf-refusal';
import { Deadline, isDict, nameOf, PdfRef, type PdfValue } from './pdf-syntax';

/** What the inspection learnt about a PDF that passed it. */
export interface PdfStructure {
  pages: number;
  /** Objects the cross-reference sections declare. */
  objects: number;
  /** Cross-reference sections (one per revision, two for a hybrid file). */
  xrefSections: number;
  /** Distinct signature byte ranges. */
  signatures: number;
  /** Where the last cross-reference section starts. */
  startxref: number;
}

const TAIL = 4096;

/** The offset the file's last `startxref` names. */
export function startxrefOf(bytes: Buffer): number {
  const tail = bytes.toString('latin1', Math.max(0, bytes.length - TAIL));
  const at = tail.lastIndexOf('startxref');
  const m = at < 0 ? null : /^startxref\s+(\d{1,15})\b/.exec(tail.slice(at));
  if (!m) return damaged('the PDF has no startxref at its end (is it truncated?)');
  const offset = Number(m[1]);
  if (offset >= bytes.length) return damaged(`startxref (${offset}) points past the end of the file`);
  return offset;
}

/**
 * Checks that a PDF can be read in bounded work, the way a reader would read it: the header, the
 * whole cross-reference chain, the catalog and every node of the page tree, and the inflated size
 * of every page's content streams. Throws `PdfRefused`: `damaged` for a structure that cannot be
 * followed (a loop, a page node reached twice, an offset that points nowhere, a /Length past the
 * end), `too-complex` past a limit or the time budget, `encrypted` for an encrypted file. Runs
 * synchronously: call it in a worker thread (see `PdfInspector`), never on a thread that serves
 * requests.
 */
export function inspectPdf(bytes: Buffer, limits: PdfLimits = DEFAULT_PDF_LIMITS, deadline = Deadline.after(limits.budgetMs)): PdfStructure {
  if (!bytes.subarray(0, 1024).includes('%PDF-')) damaged('the file has no %PDF- header');
  const startxref = startxrefOf(bytes);
  const signatures = findByteRanges(bytes, limits.maxSignatures).length;
  const objects = new PdfObjects(bytes, startxref, limits, deadline);
  if (objects.trailer('Encrypt') !== undefined) throw new PdfRefused('encrypted', 'the PDF is encrypted');
  const catalog = objects.resolve(objects.trailer('Root'));
  if (!isDict(catalog)) return damaged('the trailer names no catalog');
  const pages = walkPageTree(objects, catalog.get('Pages'));
  if (pages === 0) damaged('the PDF has no pages');
  deadline.check();
  return { pages, objects: objects.declaredObjects, xrefSections: objects.sections.length, startxref, signatures };
}

/**
 * Every node once: a node reached a second time is a loop or a subtree shared by two parents,
 * both of which make naive readers walk forever or exponentially long.
 */
function walkPageTree(objects: PdfObjects, root: PdfValue | undefined): number {
  const { limits, deadline } = objects;
  const visited = new Set<number>();
  const contentsSeen = new Set<number>();
  const stack: Array<{ node: PdfValue | undefined; depth: number }> = [{ node: root, depth: 1 }];
  let pages = 0;
  while (stack.length > 0) {
    deadline.tick();
    const { node: entry, depth } = stack.pop()!;
    if (entry instanceof PdfRef) {
      if (visited.has(entry.num)) damaged(`the page tree reaches object ${entry.num} twice (a loop, or a subtree shared by two parents)`);
      visited.add(entry.num);
    }
    const node = objects.resolve(entry);
    if (!isDict(node)) return damaged('a page tree node is not a dictionary');
    const type = nameOf(node.get('Type'));
    const kids = objects.resolve(node.get('Kids'));
    if (type === 'Pages' || (type === undefined && kids !== undefined)) {
      if (!Array.isArray(kids)) return damaged('a page tree node has no /Kids array');
      if (depth >= limits.maxPageTreeDepth) tooComplex(`the page tree is more than ${limits.maxPageTreeDepth} levels deep`);
      if (stack.length + kids.length > limits.maxObjects) tooComplex(`the page tree has more than ${limits.maxObjects} nodes`);
      for (let i = kids.length - 1; i >= 0; i -= 1) stack.push({ node: kids[i], depth: depth + 1 });
    } else if (type === 'Page' || type === undefined) {
      pages += 1;
      if (pages > limits.maxPages) tooComplex(`the PDF has more than ${limits.maxPages} pages`);
      checkContents(objects, node.get('Contents'), contentsSeen);
    } else {
      return damaged(`a page tree node has /Type /${type}`);
    }
  }
  return pages;
}

/** Inflates each content stream once, within the limits, to refuse deflate bombs a renderer would open. */
function checkContents(objects: PdfObjects, contents: PdfValue | undefined, seen: Set<number>): void {
  const { limits } = objects;
  let refs: PdfValue[] = contents instanceof PdfRef ? [contents] : Array.isArray(contents) ? contents : [];
  // /Contents may name an array object that lists the streams; one level of that, no more.
  if (contents instanceof PdfRef && !seen.has(contents.num)) {
    const listed = objects.object(contents.num);
    if (!listed.stream && Array.isArray(listed.value)) {
      seen.add(contents.num);
      refs = listed.value;
    }
  }
  for (const ref of refs) {
    objects.deadline.tick();
    if (!(ref instanceof PdfRef) || seen.has(ref.num)) continue;
    seen.add(ref.num);
    const object = objects.object(ref.num);
    if (object.stream) objects.decoded(object, `the content stream ${ref.num}`, limits.maxStreamInflatedBytes, true);
  }
}

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEFAULT_PDF_LIMITS, inspectPdf, PdfInspector, PdfRefused, type PdfLimits } from '../../src/pdf';
import { craftedPdfs, deflateBomb, simplePdf } from '../support/crafted-pdfs';

async function pdfLibPdf(pages: number, useObjectStreams: boolean): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i += 1) doc.addPage([595, 842]).drawText(`Trang ${i + 1}`, { x: 60, y: 760, size: 16, font });
  return Buffer.from(await doc.save({ useObjectStreams }));
}

function refusal(run: () => unknown): PdfRefused {
  try {
    run();
  } catch (error) {
    if (error instanceof PdfRefused) return error;
    throw error;
  }
  throw new Error('expected the PDF to be refused');
}

describe('the bounded PDF inspector', () => {
  it.each([false, true])('reads ordinary PDFs (object streams: %s) and counts their pages', async (objectStreams) => {
    expect(inspectPdf(await pdfLibPdf(3, objectStreams))).toMatchObject({ pages: 3 });
    expect(inspectPdf(simplePdf())).toMatchObject({ pages: 1, xrefSections: 1, signatures: 0 });
  });

  const corpus = craftedPdfs();

  it('has a corpus of at least 20 crafted files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(20);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('refuses %s', (_name, crafted) => {
    const error = refusal(() => inspectPdf(crafted.bytes));
    expect({ kind: error.kind, message: error.message }).toMatchObject({ kind: crafted.kind });
  });

  it('stops at the time budget', () => {
    const limits: PdfLimits = { ...DEFAULT_PDF_LIMITS, budgetMs: 50, maxNesting: 10_000_000, maxStreamInflatedBytes: 4096 * 1024 * 1024, maxTotalInflatedBytes: 16 * 1024 * 1024 * 1024 };
    const deep = craftedPdfs().find((c) => c.name === 'same-kid-a-million-times')!;
    // With the loop check passed (a fresh node each time) the walk would still be long; the budget ends it either way.
    expect(refusal(() => inspectPdf(deep.bytes, limits)).kind).toMatch(/damaged|too-complex/);
    expect(deflateBomb(2).length).toBeLessThan(8 * 1024);
  });

  describe('off the calling thread', () => {
    let inspector: PdfInspector;
    beforeAll(() => {
      inspector = new PdfInspector({ limits: DEFAULT_PDF_LIMITS, threads: 1 });
    });
    afterAll(() => inspector.close());

    it('answers in a worker thread, with the same refusals', async () => {
      expect(await inspector.inspect(simplePdf())).toMatchObject({ pages: 1 });
      await expect(inspector.inspect(corpus.find((c) => c.name === 'kids-self')!.bytes)).rejects.toMatchObject({ kind: 'damaged' });
    });
  });
});

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEFAULT_PDF_LIMITS, inspectPdf, PdfInspector, PdfRefused, WorkersBusy, type PdfLimits } from '../../src/pdf';
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
    const inspectors: PdfInspector[] = [];
    const inspectorWith = (options: ConstructorParameters<typeof PdfInspector>[0]) => {
      const inspector = new PdfInspector({ threads: 1, ...options });
      inspectors.push(inspector);
      return inspector;
    };
    afterAll(() => Promise.all(inspectors.map((i) => i.close())));
    const linux = process.platform === 'linux' ? it : it.skip;
    // Two thousand pages: tens of milliseconds of CPU to inspect on an idle machine, far more than the 6 ms backstop below.
    let manyPages: Buffer;
    beforeAll(async () => {
      manyPages = await pdfLibPdf(2_000, false);
    }, 60_000);

    it('answers in a worker thread, with the same refusals', async () => {
      const inspector = inspectorWith({ limits: DEFAULT_PDF_LIMITS });
      expect(await inspector.inspect(simplePdf())).toMatchObject({ pages: 1 });
      await expect(inspector.inspect(corpus.find((c) => c.name === 'kids-self')!.bytes)).rejects.toMatchObject({ kind: 'damaged' });
    });

    linux("charges an inspection its own thread's CPU time, not the thread's start", async () => {
      const inspector = inspectorWith({ limits: DEFAULT_PDF_LIMITS });
      expect(await inspector.inspect(manyPages)).toMatchObject({ pages: 2_000 });
      const { lastJob, stopped } = inspector.stats();
      expect(lastJob).toEqual({ cpuMs: expect.any(Number), wallMs: expect.any(Number) });
      expect(stopped).toEqual({ cpu: 0, wall: 0, memory: 0, starved: 0 });
    });

    linux('refuses a file that needs more than its CPU budget as too complex (422 material)', async () => {
      const inspector = inspectorWith({ limits: { ...DEFAULT_PDF_LIMITS, budgetMs: 5 } });
      const refused = await inspector.inspect(manyPages).then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(PdfRefused);
      expect(refused).toMatchObject({ kind: 'too-complex', message: expect.stringMatching(/more than 5 ms of processor time/) });
    });

    linux('answers an inspection the machine starves past the wall-clock backstop WorkersBusy (503 material), not too complex', async () => {
      // A CPU budget of a minute, a backstop of 6 ms: only the backstop can end this inspection.
      const inspector = inspectorWith({ limits: { ...DEFAULT_PDF_LIMITS, budgetMs: 60_000 }, wallFactor: 0.0001 });
      const refused = await inspector.inspect(manyPages).then(() => undefined, (error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkersBusy);
      expect(refused).toMatchObject({ overload: 'starved', message: expect.stringMatching(/ms of processor time in \d+ ms/) });
      // Its thread was stopped; the next inspection starts a fresh one.
      expect(inspector.stats()).toMatchObject({ threads: 0, stopped: { starved: 1, cpu: 0 } });
    });

    it('refuses with WorkersBusy once every thread is taken and the queue is full', async () => {
      const inspector = inspectorWith({ limits: DEFAULT_PDF_LIMITS, maxQueue: 0 });
      const first = inspector.inspect(simplePdf());
      await expect(inspector.inspect(simplePdf())).rejects.toMatchObject({ name: 'WorkersBusy', overload: 'queue-full' });
      await expect(first).resolves.toMatchObject({ pages: 1 });
    });
  });
});

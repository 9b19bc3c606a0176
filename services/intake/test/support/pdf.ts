import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A small real PDF, as an office would upload, with `pages` pages of text. */
export async function makePdf(title: string, pages = 1): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([595, 842]);
    page.drawText(`${title} - page ${i + 1}`, { x: 60, y: 780, size: 14, font });
  }
  return Buffer.from(await pdf.save());
}

import { PDFHexString } from 'pdf-lib';

/** A text string for a PDF dictionary: UTF-16 with a BOM, so Vietnamese names survive. */
export const pdfTextString = (text: string) => PDFHexString.fromText(text).toString();

/**
 * The stamp draws with the standard Helvetica (WinAnsi), which has no Vietnamese letters; the
 * stamp shows them without tone marks, while the signature dictionary keeps the exact names.
 */
export function toWinAnsi(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?');
}

export const pdfLiteral = (text: string) => `(${toWinAnsi(text).replace(/[\\()]/g, (c) => `\\${c}`)})`;

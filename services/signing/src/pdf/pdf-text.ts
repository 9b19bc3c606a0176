import { PDFHexString } from 'pdf-lib';

/** A text string for a PDF dictionary: UTF-16 with a BOM, so Vietnamese names survive. */
export const pdfTextString = (text: string) => PDFHexString.fromText(text).toString();

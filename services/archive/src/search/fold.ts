/*
 * How search compares Vietnamese text: with and without diacritics alike. People type subjects
 * and notations both ways ("chuyen doi so", "QD" for "QĐ"), on keyboards and input methods that
 * may not produce them, so the index and the query are both reduced to bare letters.
 *
 * NFKD splits every accented letter into its base letter and combining marks (ể = e + ̂ + ̉,
 * ơ = o + ̛), which are then dropped; the compatibility forms (full-width digits and letters, ligatures)
 * fold to their plain ones on the way. Đ/đ is a letter of its own, not d with a mark, so no
 * normalisation touches it: it is mapped to d explicitly, and so is the look-alike Ð (U+00D0),
 * which fonts draw the same and some input methods produce for Đ.
 *
 * What is lost: "số" (number), "sở" (department) and "sơ" (preliminary) all fold to "so", so a
 * search for one finds the others too. Results are ordered by date, not by how well they match.
 */

const MARKS = /\p{M}+/gu;
const D_STROKE = /[đĐÐ]/g;

/** Text as search compares it: lower case, no diacritics, đ as d. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').replace(D_STROKE, 'd').toLowerCase();
}

/** What separates words once folded: anything that is neither a letter nor a digit (so `04-NQ/TU` is `04`, `nq`, `tu`). */
export const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** The words of a text, folded, in order (repeats kept). */
export function foldedWords(text: string): string[] {
  return foldText(text).split(WORD_SEPARATOR).filter((word) => word.length > 0);
}

/**
 * A notation as the exact filter compares it: folded, and without spaces, which people put around
 * its dashes and slashes at will (`04-NQ/TU`, `04 - NQ / TU`, `04-nq/tu` are one notation).
 */
export function notationKey(notation: string): string {
  return foldText(notation).replace(/\s+/g, '');
}

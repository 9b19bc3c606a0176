/**
 * Small binary values cross between threads as latin1 strings: posting a string is a copy, while
 * every typed array in a message costs several microseconds to clone.
 */
export type Wire = string;
export const toWire = (bytes: Buffer): Wire => bytes.toString('latin1');
export const fromWire = (wire: Wire): Buffer => Buffer.from(wire, 'latin1');

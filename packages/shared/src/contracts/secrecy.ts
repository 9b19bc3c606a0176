import { SECRECY_LEVELS, type Secrecy } from './documents';

/**
 * A person's clearance uses the levels of the Law on State Secrets: `none` reaches only
 * non-secret documents, `tuyet-mat` reaches all. Deterministic; safe in workflow code.
 */
export type Clearance = Secrecy;
export const CLEARANCES = SECRECY_LEVELS;

export const clearanceReaches = (clearance: Clearance | undefined, level: Secrecy): boolean =>
  SECRECY_LEVELS.indexOf(clearance ?? 'none') >= SECRECY_LEVELS.indexOf(level);

/** The levels a clearance reaches, for a query filter. */
export const levelsWithin = (clearance: Clearance | undefined): Secrecy[] =>
  SECRECY_LEVELS.filter((level) => clearanceReaches(clearance, level));

/**
 * How a secret document's data key travels: wrapped (JWE, RFC 7516) under a key-encryption key
 * whose id is in the JWE header. Safe to carry anywhere — it opens nothing without the KEK.
 */
export interface Sealing {
  wrappedKey: string;
}

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

/**
 * Need-to-know: who has a part in a secret document's flow. People by user id; a desk —
 * `desk:<org>:<role>` — stands for whoever holds that post at that organisation while the
 * document waits for them (the issuing clerk before issue, the registering clerk at a recipient).
 */
export const deskOf = (org: string, role: string) => `desk:${org}:${role}`;

/** What a principal answers to in a participants list. */
export const audienceOf = (principal: { userId: string; orgCode: string; role: string }) => [principal.userId, deskOf(principal.orgCode, principal.role)];

/** The issuer side: author, approvers, signer, and the clerk who issues (the desk until then). */
export function documentParticipants(document: { issuer: string; createdBy: string; approvers: string[]; signer: { userId: string } }, issuedBy?: string): string[] {
  const people = [document.createdBy, ...document.approvers, document.signer.userId, issuedBy ?? deskOf(document.issuer, 'clerk')];
  return [...new Set(people)];
}

/** A recipient's copy: its registering clerks, and the handler once assigned. */
export function copyParticipants(org: string, handler?: string): string[] {
  return [deskOf(org, 'clerk'), ...(handler ? [handler] : [])];
}

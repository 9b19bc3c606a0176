import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError, Problem, SIGNING_ERRORS, type Principal } from '@vanthu/shared';
import { SigningRefused } from '../errors';
import type { IntentAudit } from './intent-audit';
import { authorisationModel, authorisationUseModel, type AuthorisationDoc, type AuthorisationUseDoc } from './intent-records';
import type { SigningPins } from './signing-pins';

/** How long a confirmation stays usable: long enough to press "sign", short enough to be worthless later. */
export const AUTHORISATION_TTL_MS = 5 * 60_000;

/** 256 random bits, base64url: what the signer's client holds between the PIN and the signature. */
export const AUTHORISATION_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface AuthorisationRequest {
  pin: string;
  documentId?: string;
  sha256?: string;
}

export interface IssuedAuthorisation {
  authorisation: string;
  userId: string;
  documentId?: string;
  sha256?: string;
  expiresAt: string;
}

/** What the use must match: the signer the caller (or the workflow) decided on, and the document/content. */
export interface AuthorisationCheck {
  userId: string;
  documentId?: string;
  sha256: string;
  /** Direct signing has no document: the authorisation must name the file's SHA-256. */
  requireContentBinding?: boolean;
}

const storedIdOf = (authorisation: string) => createHash('sha256').update(authorisation).digest('hex');

const refused = (reason: string, message: string, field = 'signingAuthorisation') =>
  new SigningRefused(SIGNING_ERRORS.signerIntentMissing, 403, reason, message, field);

/**
 * Signature Activation Data, as the Cloud Signature Consortium API has it: a PIN check gives a
 * single-use authorisation bound to the user and to what they mean to sign; the signature
 * consumes it. The first insert into the uses collection spends it (its unique _id decides
 * between racing uses); a retried activity finds its own use and goes on.
 */
export class SigningAuthorisations {
  constructor(
    private readonly connection: Connection,
    private readonly pins: SigningPins,
    private readonly audit: IntentAudit,
    private readonly now: () => Date = () => new Date(),
    private readonly ttlMs = AUTHORISATION_TTL_MS,
  ) {}

  private get issued() {
    return authorisationModel(this.connection);
  }

  private get uses() {
    return authorisationUseModel(this.connection);
  }

  async ensureIndexes() {
    await Promise.all([this.issued.createIndexes(), this.uses.createIndexes()]);
  }

  async issue(principal: Principal, request: AuthorisationRequest): Promise<IssuedAuthorisation> {
    if (!request.documentId && !request.sha256) {
      throw new Problem(400, 'validation-failed', 'Say what the authorisation is for: documentId, sha256 or both.', { field: 'documentId' });
    }
    const bound = { ...(request.documentId && { documentId: request.documentId }), ...(request.sha256 && { sha256: request.sha256.toLowerCase() }) };
    await this.pins.check(principal.userId, request.pin, 'authorise', bound);
    const authorisation = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const doc: AuthorisationDoc = { _id: storedIdOf(authorisation), userId: principal.userId, ...bound, createdAt, expiresAt: new Date(createdAt.getTime() + this.ttlMs) };
    await this.issued.create(doc);
    await this.audit.record({ userId: principal.userId, action: 'authorise', outcome: 'granted', ...bound, authorisationRef: doc._id.slice(0, 12) });
    return { authorisation, userId: principal.userId, ...bound, expiresAt: doc.expiresAt.toISOString() };
  }

  /**
   * Spends the authorisation for `use`, or throws the refusal that says why it cannot be. Call it
   * after every other check and right before the key is used.
   */
  async consume(authorisation: string | undefined, check: AuthorisationCheck, use: string): Promise<void> {
    if (!authorisation) throw refused('signing-authorisation-required', `Signing as ${check.userId} needs the signer's confirmation: POST /v1/signing-authorisations with the PIN first.`);
    if (!AUTHORISATION_PATTERN.test(authorisation)) throw refused('signing-authorisation-unknown', 'This is not a signing authorisation.');
    const id = storedIdOf(authorisation);
    const log = (outcome: string) =>
      this.audit.record({ userId: check.userId, action: 'consume', outcome, ...(check.documentId && { documentId: check.documentId }), sha256: check.sha256, authorisationRef: id.slice(0, 12) });
    const doc = await this.issued.findById(id).lean<AuthorisationDoc>().exec();
    const fail = async (outcome: string, reason: string, message: string) => {
      await log(outcome);
      return refused(reason, message);
    };
    if (!doc) throw await fail('unknown', 'signing-authorisation-unknown', 'No such signing authorisation.');
    if (doc.userId !== check.userId) throw await fail('other-user', 'signing-authorisation-not-yours', `This authorisation was given by another user, not by ${check.userId}.`);
    if (doc.sha256 === undefined && check.requireContentBinding) {
      throw await fail('no-content-binding', 'signing-authorisation-not-for-this-file', 'For direct signing, obtain the authorisation with the sha256 of the file.');
    }
    if (doc.documentId !== undefined && doc.documentId !== check.documentId) {
      throw await fail('other-document', 'signing-authorisation-other-document', `This authorisation is for document ${doc.documentId}.`);
    }
    if (doc.sha256 !== undefined && doc.sha256 !== check.sha256) throw await fail('other-content', 'signing-authorisation-other-content', 'This authorisation is for other content (its SHA-256 differs).');
    // Who spent it, if anyone: a retry of the attempt that spent it goes on, any other use is refused.
    const spentBy = async () => (await this.uses.findById(id).lean<AuthorisationUseDoc>().exec())?.use;
    const usedAlready = () => fail('used', 'signing-authorisation-used', 'This authorisation has been used already; confirm again with the PIN.');
    if (this.now() > doc.expiresAt) {
      const by = await spentBy();
      if (by === use) return;
      throw by === undefined ? await fail('expired', 'signing-authorisation-expired', 'This authorisation has expired; confirm again with the PIN.') : await usedAlready();
    }
    // The unique _id decides between racing uses; the loser learns whether the winner was itself.
    try {
      await this.uses.create({ _id: id, userId: check.userId, use, at: this.now() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      if ((await spentBy()) === use) return;
      throw await usedAlready();
    }
    await log('consumed');
  }
}

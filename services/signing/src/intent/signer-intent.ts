import type { Connection } from 'mongoose';
import { IntentAudit } from './intent-audit';
import { PinTries, PIN_TRY_LIMITS, type PinTryLimits } from './pin-tries';
import { SigningAuthorisations } from './signing-authorisations';
import { SigningPins } from './signing-pins';

/** The signer's sole control of their key: PINs, the attempt limit, authorisations, and their log. */
export interface SignerIntent {
  pins: SigningPins;
  authorisations: SigningAuthorisations;
  audit: IntentAudit;
  ensureIndexes(): Promise<void>;
}

export function createSignerIntent(connection: Connection, now: () => Date = () => new Date(), limits: PinTryLimits = PIN_TRY_LIMITS): SignerIntent {
  const audit = new IntentAudit(connection, now);
  const tries = new PinTries(connection, limits, now);
  const pins = new SigningPins(connection, tries, audit, now);
  const authorisations = new SigningAuthorisations(connection, pins, audit, now);
  return {
    pins,
    authorisations,
    audit,
    async ensureIndexes() {
      await Promise.all([audit.ensureIndexes(), tries.ensureIndexes(), pins.ensureIndexes(), authorisations.ensureIndexes()]);
    },
  };
}

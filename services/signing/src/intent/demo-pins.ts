import { DEMO_USERS } from '@vanthu/shared';
import type { SigningPins } from './signing-pins';

/**
 * The demo leaders' signing PIN, published in docs/signing.md so that `npm run demo` and the
 * tests can confirm signatures. Set only outside production and only with the demo data.
 */
export const DEVELOPMENT_PIN = '123456';

export async function enrolDemoPins(pins: SigningPins): Promise<void> {
  for (const user of DEMO_USERS.filter((u) => u.role === 'leader')) {
    await pins.ensureDevelopmentPin(user.id, user.org, DEVELOPMENT_PIN);
  }
}

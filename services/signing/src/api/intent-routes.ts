import { z } from 'zod';
import { anyUser, principalOf, roles, secureRouter, type SecureRouter } from '@vanthu/shared';
import { PIN_PATTERN } from '../intent/signing-pins';
import type { SigningModule } from '../signing/signing-module';
import { route } from './uploads';

const pin = z.string().regex(PIN_PATTERN, 'a PIN is 6 to 12 digits');
const code = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/);

const setPinBody = z.object({ pin, currentPin: z.string().max(64).optional() }).strict();

const authorisationBody = z
  .object({
    // Checked against the stored hash only; the format is not told apart from a wrong PIN.
    pin: z.string().min(1).max(64),
    documentId: z.string().regex(/^[A-Za-z0-9._:@-]{1,100}$/).optional(),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  })
  .strict();

/**
 * The signer's confirmation: the caller's PIN (set, change; an admin of their organisation
 * resets it) and single-use signing authorisations obtained with it. Request bodies hold PINs:
 * the loggers redact `pin` and `currentPin`, and nothing here logs a body.
 */
export function intentRoutes(module: SigningModule): SecureRouter {
  const { pins, authorisations } = module.intent;
  const router = secureRouter();

  router.put(
    '/v1/me/signing-pin',
    anyUser(),
    route(async (req, res) => {
      const body = setPinBody.parse(req.body ?? {});
      const { changed } = await pins.set(principalOf(res), body.pin, body.currentPin);
      res.status(changed ? 200 : 201).json({ userId: principalOf(res).userId, pinSet: true });
    }),
  );

  router.delete(
    '/v1/users/:userId/signing-pin',
    roles('admin'),
    route(async (req, res) => {
      await pins.reset(principalOf(res), code.parse(req.params.userId));
      res.status(204).end();
    }),
  );

  router.post(
    '/v1/signing-authorisations',
    anyUser(),
    route(async (req, res) => {
      const body = authorisationBody.parse(req.body ?? {});
      const issued = await authorisations.issue(principalOf(res), {
        pin: body.pin,
        ...(body.documentId && { documentId: body.documentId }),
        ...(body.sha256 && { sha256: body.sha256 }),
      });
      res.status(201).setHeader('Cache-Control', 'no-store').json(issued);
    }),
  );

  return router;
}

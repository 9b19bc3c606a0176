import type { Organisation, User } from '../app/ports';
import { anyUser, principalOf, roles, secureRouter, type Clearance, type SecureRouter } from '@vanthu/shared';
import { respond } from '../http/reply';
import type { ApiDependencies } from './dependencies';
import { param, text } from './query';

/** Organisations and users: the directory every other call refers to by code and id. */
export function directoryRouter({ intake, idempotent }: ApiDependencies): SecureRouter {
  const router = secureRouter();

  router.get(
    '/v1/organisations',
    anyUser(),
    respond(async (_req, res) => ({ status: 200, body: { items: await intake.listOrganisations(principalOf(res)) } })),
  );
  router.post(
    '/v1/organisations',
    roles('admin'),
    idempotent(true, async (req, res) => ({
      status: 201,
      body: await intake.createOrganisation(principalOf(res), req.body as Organisation),
    })),
  );

  router.get(
    '/v1/users',
    anyUser(),
    respond(async (req, res) => ({ status: 200, body: { items: await intake.listUsers(principalOf(res), text(req, 'org')) } })),
  );
  router.post(
    '/v1/users',
    roles('admin'),
    idempotent(true, async (req, res) => ({ status: 201, body: await intake.createUser(principalOf(res), req.body as User) })),
  );

  router.put(
    '/v1/users/:id/clearance',
    roles('admin'),
    idempotent(false, async (req, res) => ({
      status: 200,
      body: await intake.setClearance(principalOf(res), param(req, 'id'), (req.body as { clearance: Clearance }).clearance),
    })),
  );

  return router;
}

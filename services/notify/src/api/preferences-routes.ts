import { principalOf, secureRouter, type SecureRouter, anyUser } from '@vanthu/shared';
import { CATEGORY_LABELS } from '../routing/categories';
import { preferencesInput, type PreferenceStore } from '../preferences/preferences';

export function preferencesRoutes(preferences: PreferenceStore): SecureRouter {
  const router = secureRouter();

  router.get('/v1/me/preferences', anyUser(), async (_req, res) => {
    res.json({ ...(await preferences.get(principalOf(res).userId)), categories: CATEGORY_LABELS });
  });

  router.put('/v1/me/preferences', anyUser(), async (req, res) => {
    const input = preferencesInput.parse(req.body);
    res.json(await preferences.put(principalOf(res).userId, input));
  });

  return router;
}

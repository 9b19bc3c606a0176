import { Router } from 'express';
import { principalOf } from '@vanthu/shared';
import { CATEGORY_LABELS } from '../routing/categories';
import { preferencesInput, type PreferenceStore } from '../preferences/preferences';

export function preferencesRoutes(preferences: PreferenceStore): Router {
  const router = Router();

  router.get('/me/preferences', async (_req, res) => {
    res.json({ ...(await preferences.get(principalOf(res).userId)), categories: CATEGORY_LABELS });
  });

  router.put('/me/preferences', async (req, res) => {
    const input = preferencesInput.parse(req.body);
    res.json(await preferences.put(principalOf(res).userId, input));
  });

  return router;
}

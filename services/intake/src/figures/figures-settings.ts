import { z } from 'zod';
import { loadConfig } from '@vanthu/shared';

const schema = z.object({
  /** How often an API process reads the projection's journal: how far the figures may lag the events. */
  INTAKE_FIGURES_REFRESH_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export interface FiguresSettings {
  refreshMs: number;
}

/** Read once when the API is built, so a bad value stops the process at start. */
export function loadFiguresSettings(env: NodeJS.ProcessEnv = process.env): FiguresSettings {
  return { refreshMs: loadConfig(schema, env).INTAKE_FIGURES_REFRESH_MS };
}

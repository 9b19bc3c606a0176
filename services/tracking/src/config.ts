import { z } from 'zod';
import { loadConfig } from '@vanthu/shared';

const MIB = 1024 * 1024;

const schema = z.object({
  /** Largest evidence file a lead organisation may attach to a report. */
  TRACKING_MAX_EVIDENCE_BYTES: z.coerce.number().int().min(1024).max(512 * MIB).default(20 * MIB),
  /** The figures projection's refresh interval: how far the figures may lag the task events. */
  TRACKING_FIGURES_REFRESH_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
});

export interface TrackingConfig {
  maxEvidenceBytes: number;
  figuresRefreshMs: number;
}

export function loadTrackingConfig(env: NodeJS.ProcessEnv = process.env): TrackingConfig {
  const parsed = loadConfig(schema, env);
  return { maxEvidenceBytes: parsed.TRACKING_MAX_EVIDENCE_BYTES, figuresRefreshMs: parsed.TRACKING_FIGURES_REFRESH_MS };
}

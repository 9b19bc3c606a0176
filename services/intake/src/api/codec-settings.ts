import { z } from 'zod';
import { ConfigError, loadConfig, port, type HttpAppOptions } from '@vanthu/shared';

export const CODEC_PATH_PREFIX = '/v1/codec';
/** The cookie a browser signed in to the endpoint sends (codec-routes.ts, cookie-token.ts). */
export const CODEC_COOKIE = 'vanthu_codec';
/** Payload batches of Temporal's codec protocol: payloads of up to 2 MB each, in base64 JSON. */
export const CODEC_JSON_LIMIT = '4mb';

const codecEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Origins of the Temporal Web UI that may call the codec endpoint: `https://temporal.example.org,…`. */
  CODEC_CORS_ORIGINS: z.string().optional(),
  /** The local stack's UI port (deploy/local/src/servers/stack-config.ts); the supervisor passes its environment on. */
  VANTHU_TEMPORAL_UI_PORT: port.default(8233),
});

export interface CodecSettings {
  corsOrigins: string[];
}

/**
 * Outside production the embedded Temporal UI's origins, so `npm start` decodes with no set-up;
 * in production none unless the operator names the UI's origin.
 */
export function loadCodecSettings(env: NodeJS.ProcessEnv = process.env): CodecSettings {
  const parsed = loadConfig(codecEnvSchema, env);
  if (parsed.CODEC_CORS_ORIGINS === undefined) {
    const ui = parsed.VANTHU_TEMPORAL_UI_PORT;
    return { corsOrigins: parsed.NODE_ENV === 'production' ? [] : [`http://localhost:${ui}`, `http://127.0.0.1:${ui}`] };
  }
  const origins = parsed.CODEC_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  // Compared byte for byte with the browser's Origin header, so a trailing slash or path would never match.
  const invalid = origins.filter((o) => !URL.canParse(o) || new URL(o).origin !== o);
  if (invalid.length > 0) throw new ConfigError(invalid.map((o) => `CODEC_CORS_ORIGINS: ${JSON.stringify(o)} is not an origin (scheme://host[:port], nothing after)`));
  return { corsOrigins: origins };
}

/** What the shared app needs for the codec routes: the UI's cross-origin calls and their larger bodies. */
export function codecHttpOptions(settings: CodecSettings = loadCodecSettings()): Pick<HttpAppOptions, 'cors' | 'jsonLimitByPrefix' | 'cookieToken'> {
  return {
    cors: {
      pathPrefix: CODEC_PATH_PREFIX,
      origins: settings.corsOrigins,
      methods: ['POST'],
      headers: ['Authorization', 'Content-Type', 'X-Namespace'],
    },
    jsonLimitByPrefix: { [CODEC_PATH_PREFIX]: CODEC_JSON_LIMIT },
    cookieToken: { pathPrefix: CODEC_PATH_PREFIX, cookie: CODEC_COOKIE },
  };
}

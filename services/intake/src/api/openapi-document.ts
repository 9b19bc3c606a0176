import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PUBLIC, secureRouter, type SecureRouter } from '@vanthu/shared';
import { parse } from 'yaml';

/**
 * The YAML is the one source: tsc does not copy it, so it is read from the source folder, which
 * this resolves to from both src/api (ts-jest) and dist/api (node). An image must ship that file.
 */
export const OPENAPI_PATH = path.resolve(__dirname, '../../src/api/openapi.yaml');

export interface OpenApiDocument {
  yaml: string;
  json: Record<string, unknown>;
}

export function loadOpenApiDocument(file = OPENAPI_PATH): OpenApiDocument {
  let yaml: string;
  try {
    yaml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`the OpenAPI document is missing at ${file}; the intake API cannot start without it`, {
      cause: error,
    });
  }
  return { yaml, json: parse(yaml) as Record<string, unknown> };
}

/** Public: portals and code generators read it before they hold a token. */
export function openApiRouter(document: OpenApiDocument): SecureRouter {
  const router = secureRouter();
  router.get('/v1/openapi.yaml', PUBLIC, (_req, res) => {
    res.type('application/yaml').send(document.yaml);
  });
  router.get('/v1/openapi.json', PUBLIC, (_req, res) => {
    res.json(document.json);
  });
  return router;
}

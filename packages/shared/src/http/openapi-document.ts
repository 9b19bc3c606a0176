import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PUBLIC } from '../auth/policy';
import { secureRouter, type SecureRouter } from '../auth/secure-router';

export interface OpenApiDocument {
  yaml: string;
  json: Record<string, unknown>;
}

/**
 * The YAML is each service's one source of its contract; tsc does not copy it, so a service
 * points here at the file in its source folder, and an image must ship that file.
 */
export function loadOpenApiDocument(file: string, service: string): OpenApiDocument {
  let yaml: string;
  try {
    yaml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`the OpenAPI document is missing at ${file}; the ${service} API cannot start without it`, {
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

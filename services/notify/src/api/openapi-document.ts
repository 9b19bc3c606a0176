import path from 'node:path';
import { loadOpenApiDocument, type OpenApiDocument } from '@vanthu/shared/openapi';

/** Resolves to the source folder from both src/api (ts-jest) and dist/api (node); an image ships the YAML. */
export const OPENAPI_PATH = path.resolve(__dirname, '../../src/api/openapi.yaml');

export const loadNotifyOpenApi = (file = OPENAPI_PATH): OpenApiDocument => loadOpenApiDocument(file, 'notify');

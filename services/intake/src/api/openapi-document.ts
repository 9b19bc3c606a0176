import path from 'node:path';
import { loadOpenApiDocument as loadDocument, type OpenApiDocument } from '@vanthu/shared/openapi';

export { openApiRouter, type OpenApiDocument } from '@vanthu/shared/openapi';

/** Resolves to the source folder from both src/api (ts-jest) and dist/api (node). */
export const OPENAPI_PATH = path.resolve(__dirname, '../../src/api/openapi.yaml');

export const loadOpenApiDocument = (file = OPENAPI_PATH): OpenApiDocument => loadDocument(file, 'intake');

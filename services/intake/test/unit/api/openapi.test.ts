import { parse } from 'yaml';
import {
  AUTHORITY_FORMS,
  DOCUMENT_STATUSES,
  DOCUMENT_TYPE_CODES,
  ORG_LEVELS,
  RECIPIENT_STATUSES,
  ROLES,
  SECRECY_LEVELS,
  URGENCIES,
} from '@vanthu/shared';
import { loadOpenApiDocument } from '../../../src/api/openapi-document';
import { fieldOf } from '@vanthu/shared/openapi';
import { FakeIntake } from './support/fake-intake';
import { startApi, type TestApi } from './support/api-server';

type Spec = { openapi: string; paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>; components: { schemas: Record<string, { enum?: string[] }> } };

describe('the OpenAPI document', () => {
  let api: TestApi;
  const spec = loadOpenApiDocument().json as Spec;

  beforeAll(async () => {
    api = await startApi(new FakeIntake());
  });
  afterAll(() => api.close());

  it('is served as YAML and as JSON, the same document, without a token', async () => {
    const yaml = await fetch(`${api.url}/v1/openapi.yaml`);
    expect(yaml.headers.get('content-type')).toMatch(/^application\/yaml/);
    const fromYaml = parse(await yaml.text()) as Spec;
    const fromJson = (await (await fetch(`${api.url}/v1/openapi.json`)).json()) as Spec;
    expect(fromJson).toEqual(fromYaml);
    expect(fromYaml.openapi).toBe('3.1.0');
  });

  it('describes every route the brief lists, each with an operation id', () => {
    const routes = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
        .map(([method, op]) => {
          expect(op.operationId).toBeTruthy();
          return `${method.toUpperCase()} ${path}`;
        }),
    );
    const expected = [
      'GET /v1/organisations', 'POST /v1/organisations', 'GET /v1/users', 'POST /v1/users', 'PUT /v1/users/{id}/clearance',
      'GET /v1/documents', 'POST /v1/documents', 'GET /v1/documents/{id}', 'PATCH /v1/documents/{id}',
      ...['submit', 'approve', 'return', 'reject', 'sign', 'issue', 'recall'].map((a) => `POST /v1/documents/{id}/${a}`),
      'GET /v1/documents/{id}/blobs/{sha256}',
      'GET /v1/incoming', 'GET /v1/incoming/{id}', 'GET /v1/incoming/{id}/blobs/{sha256}',
      ...['assign', 'start', 'complete', 'refuse'].map((a) => `POST /v1/incoming/{id}/${a}`),
      'GET /v1/registers/outgoing', 'GET /v1/registers/incoming',
      'GET /v1/access-log', 'GET /v1/access-log/verify',
      'GET /v1/figures/documents', 'GET /v1/figures/processing', 'GET /v1/figures/deadlines',
      'GET /v1/openapi.yaml', 'GET /v1/openapi.json', 'GET /v1/system/probe',
    ];
    expect(routes.sort()).toEqual(expected.sort());
  });

  // An unquoted description with a comma in a flow mapping ({ description: a, b. }) silently
  // becomes an extra key "b." with a null value; walking the whole document catches every such line.
  it('has no null values and no keys that read like prose', () => {
    const suspicious: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        const at = `${path}/${key}`;
        if (value === null) suspicious.push(`${at}: null`);
        if (/\s/.test(key) && key.endsWith('.')) suspicious.push(`${at}: prose as a key`);
        walk(value, at);
      }
    };
    walk(loadOpenApiDocument().json, '');
    expect(suspicious).toEqual([]);
  });

  it("keeps its enums equal to the domain's tables", () => {
    const enumOf = (name: string) => spec.components.schemas[name]?.enum;
    expect(enumOf('DocumentType')).toEqual(DOCUMENT_TYPE_CODES);
    expect(enumOf('Urgency')).toEqual([...URGENCIES]);
    expect(enumOf('Secrecy')).toEqual([...SECRECY_LEVELS]);
    expect(enumOf('AuthorityForm')).toEqual([...AUTHORITY_FORMS]);
    expect(enumOf('Role')).toEqual([...ROLES]);
    expect(enumOf('OrgLevel')).toEqual([...ORG_LEVELS]);
    expect(enumOf('DocumentStatus')).toEqual([...DOCUMENT_STATUSES]);
    expect(enumOf('RecipientStatus')).toEqual(Object.keys(RECIPIENT_STATUSES));
  });
});

describe('field names in validation problems', () => {
  it.each([
    ['/body/subject', 'subject'],
    ['.body.subject', 'subject'],
    ['/body/metadata/signer/authority', 'signer.authority'],
    ['/body/metadata', 'metadata'],
    ['/body', '(body)'],
    ['/query/pageSize', 'pageSize'],
    ['/params/sha256', 'sha256'],
    ['/headers/idempotency-key', 'Idempotency-Key'],
    [undefined, '(request)'],
  ])('%s is %s', (path, field) => {
    expect(fieldOf(path)).toBe(field);
  });
});

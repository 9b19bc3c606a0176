import type { AddressInfo } from 'node:net';
import express from 'express';
import { AUTHORITY_FORMS, createLogger, problemHandler, routeTableOf } from '@vanthu/shared';
import { mountSigningApi } from '../../src/api/routes';
import { loadSigningOpenApi } from '../../src/api/openapi-document';
import { AUTHORISATION_PATTERN } from '../../src/intent/signing-authorisations';
import { PIN_PATTERN } from '../../src/intent/signing-pins';
import type { CertificateKind } from '../../src/pki/certificate-builder';
import type { CertificateStatus } from '../../src/pki/certificate-records';
import { REVOCATION_REASONS } from '../../src/pki/crl';
import type { SigningModule } from '../../src/signing/signing-module';
import { answersHeldTo, contractGaps, servedDocument, serveApi, suspiciousNodes, validatorVerdict, type OpenApiSpec } from '../../../../test/support/openapi-contract';

const spec = loadSigningOpenApi().json as unknown as OpenApiSpec;
const schemas = spec.components.schemas;

/** Only what the routers read while they are built: no request reaches them here. */
const signingModule = { config: { SIGNING_MAX_UPLOAD_BYTES: 1024 * 1024 }, intent: {} } as unknown as SigningModule;

/** Every kind and status the records have: the compiler refuses a key missing or extra. */
const KINDS: Record<CertificateKind, true> = { 'root-ca': true, 'issuing-ca': true, organisation: true, person: true, tsa: true };
const STATUSES: Record<CertificateStatus, true> = { active: true, superseded: true, revoked: true };

function mountedRoutes() {
  const app = express();
  mountSigningApi(app, signingModule);
  return routeTableOf(app).list();
}

describe('the signing OpenAPI document', () => {
  let api: Awaited<ReturnType<typeof serveApi>>;
  let url: string;

  beforeAll(async () => {
    api = await serveApi('signing', (app) => mountSigningApi(app, signingModule));
    url = api.url;
  });
  afterAll(() => api.close());

  it('is served as YAML and as JSON, the same document, without a token', async () => {
    const served = await servedDocument(url);
    expect(served.status).toEqual([200, 200]);
    expect(served.yamlType).toMatch(/^application\/yaml/);
    expect(served.fromJson).toEqual(served.fromYaml);
    expect((served.fromYaml as OpenApiSpec).openapi).toBe('3.1.0');
  });

  it('describes every mounted route with its policy, and mounts every route it describes', () => {
    expect(contractGaps(spec, mountedRoutes())).toEqual({ undocumented: [], notMounted: [], wrongPolicy: [], wrongSecurity: [], withoutOperationId: [], repeatedOperationIds: [] });
  });

  it('lists the routes of docs/signing.md', () => {
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/v1/openapi.yaml',
        '/v1/openapi.json',
        '/v1/verify',
        '/v1/sign/cms',
        '/v1/sign/pdf',
        '/v1/me/signing-pin',
        '/v1/users/{userId}/signing-pin',
        '/v1/signing-authorisations',
        '/v1/certificates',
        '/v1/certificates/import',
        '/v1/certificates/{serial}',
        '/v1/certificates/{serial}/renew',
        '/v1/certificates/{serial}/revoke',
        '/v1/ca/{file}',
        '/v1/crl/{file}',
        '/v1/tsa',
      ].sort(),
    );
  });

  it('has no null values and no keys that read like prose', () => {
    expect(suspiciousNodes(spec)).toEqual([]);
  });

  it("keeps its enums and patterns equal to the code's", () => {
    expect(schemas.AuthorityForm?.enum).toEqual([...AUTHORITY_FORMS]);
    expect(schemas.RevocationReason?.enum).toEqual(REVOCATION_REASONS);
    expect(schemas.CertificateKind?.enum?.slice().sort()).toEqual(Object.keys(KINDS).sort());
    expect(schemas.CertificateStatus?.enum?.slice().sort()).toEqual(Object.keys(STATUSES).sort());
    expect(schemas.SigningPinChange?.properties?.pin?.pattern).toBe(PIN_PATTERN.source);
    expect(schemas.AuthorisationToken?.pattern).toBe(AUTHORISATION_PATTERN.source);
  });

  it('compiles in the request validator, whose verdicts match the routes', async () => {
    expect(await validatorVerdict(spec, { method: 'POST', path: '/v1/signing-authorisations', body: { pin: '123456', sha256: 'a'.repeat(64) } })).toEqual({ status: 204 });
    expect(await validatorVerdict(spec, { method: 'PUT', path: '/v1/me/signing-pin', body: { pin: '12ab' } })).toEqual({ status: 400, field: 'pin' });
    expect(await validatorVerdict(spec, { method: 'POST', path: '/v1/certificates', body: { kind: 'organisation', orgCode: 'BS-TU', orgName: 'Tỉnh ủy' } })).toEqual({ status: 204 });
    expect(await validatorVerdict(spec, { method: 'GET', path: '/v1/certificates?kind=ca' })).toEqual({ status: 400, field: 'kind' });
  });

  // The integration harnesses hold every JSON answer to the document this way (test/support/openapi-contract.ts).
  it('turns an answer that breaks the document into a 500 naming what broke, and lets a true one through', async () => {
    const logger = createLogger({ test: 'signing-openapi' }, 'silent');
    const contract = answersHeldTo(loadSigningOpenApi());
    const app = express();
    app.use(...contract.check);
    app.get('/v1/certificates/:serial', (req, res) => {
      // Dates as the records hold them: the client reads them as strings, and so does the check.
      const view = { serial: req.params.serial, kind: 'person', subjectKey: 'person:u1', commonName: 'A', notBefore: new Date(), notAfter: new Date(), status: 'active', imported: false, certificatePem: '-----BEGIN CERTIFICATE-----' };
      res.json(req.params.serial === 'broken' ? { ...view, status: 'lost' } : view);
    });
    app.use(contract.report);
    app.use(problemHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/v1/certificates/0a1b`)).status).toBe(200);
      const broken = await fetch(`${base}/v1/certificates/broken`);
      expect(broken.status).toBe(500);
      expect(await broken.json()).toMatchObject({ reason: 'response-invalid', detail: expect.stringContaining('status') });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

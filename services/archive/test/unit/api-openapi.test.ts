import {
  ACCESS_ACTIONS,
  ACCESS_OUTCOMES,
  createLogger,
  DOCUMENT_TYPE_CODES,
  mountSecure,
  SECRECY_LEVELS,
  URGENCIES,
  type SecureRouter,
} from '@vanthu/shared';
import type { Archive } from '../../src/archive';
import { archiveApi, type TemporalAccess } from '../../src/api/routes';
import { loadArchiveOpenApi } from '../../src/api/openapi-document';
import { searchQuery } from '../../src/packages/search';
import type { FixityMismatch, WorkFileState } from '../../src/store/collections';
import { isWorkFileCode } from '../../src/workfiles/work-file-code';
import type { DispositionOutcome, DispositionPhase } from '../../src/workflows/types';
import { contractGaps, servedDocument, serveApi, suspiciousNodes, validatorVerdict, type OpenApiSpec } from '../../../../test/support/openapi-contract';

const spec = loadArchiveOpenApi().json as unknown as OpenApiSpec;
const schemas = spec.components.schemas;
const logger = createLogger({ test: 'archive-openapi' }, 'silent');

/** The whole API on fakes: only what the routers read while they are built; no request reaches them here. */
const routers = (): SecureRouter[] => archiveApi({} as Archive, {} as TemporalAccess, logger, { list: jest.fn(), verify: jest.fn() });

/** Every value each record's type allows: the compiler refuses a key missing or extra. */
const STATES: Record<WorkFileState, true> = { open: true, closed: true, transferred: true, destroyed: true };
const PHASES: Record<DispositionPhase, true> = { planning: true, 'waiting-for-notice': true, 'waiting-for-due-date': true, 'awaiting-approval': true, executing: true, done: true };
const OUTCOMES: Record<DispositionOutcome['outcome'], true> = { transferred: true, destroyed: true, held: true, rejected: true, expired: true };
const MISMATCHES: Record<FixityMismatch['kind'], true> = {
  'blob-altered': true,
  'blob-missing': true,
  'record-altered': true,
  'manifest-altered': true,
  'package-missing': true,
  'leaf-altered': true,
  'log-root-mismatch': true,
  'tree-head-invalid': true,
};
const sorted = (values: string[] | undefined) => values?.slice().sort();

describe('the archive OpenAPI document', () => {
  let api: Awaited<ReturnType<typeof serveApi>>;
  let url: string;

  beforeAll(async () => {
    api = await serveApi('archive', (app) => mountSecure(app, ...routers()));
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
    expect(contractGaps(spec, routers().flatMap((r) => r.routes))).toEqual({
      undocumented: [],
      notMounted: [],
      wrongPolicy: [],
      wrongSecurity: [],
      withoutOperationId: [],
      repeatedOperationIds: [],
    });
  });

  it('lists the routes of docs/archive.md', () => {
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/v1/openapi.yaml',
        '/v1/openapi.json',
        '/v1/packages',
        '/v1/packages/{id}',
        '/v1/retention-policy',
        '/v1/log/public-key',
        '/v1/log/tree-head',
        '/v1/log/tree-heads/{treeSize}',
        '/v1/log/proofs/inclusion',
        '/v1/log/proofs/consistency',
        '/v1/work-files',
        '/v1/work-files/{id}',
        '/v1/work-files/{id}/documents',
        '/v1/work-files/{id}/close',
        '/v1/work-files/{id}/retention',
        '/v1/work-files/{id}/export',
        '/v1/work-files/{id}/holds',
        '/v1/holds/{holdId}/release',
        '/v1/work-files/{id}/disposition',
        '/v1/dispositions/{id}',
        '/v1/dispositions/{id}/approve',
        '/v1/dispositions/{id}/reject',
        '/v1/fixity-audits',
        '/v1/fixity-audits/{id}',
        '/v1/access-log',
        '/v1/access-log/verify',
      ].sort(),
    );
  });

  it('has no null values and no keys that read like prose', () => {
    expect(suspiciousNodes(spec)).toEqual([]);
  });

  it("keeps its enums equal to the domain's tables and the records' types", () => {
    expect(schemas.DocumentType?.enum).toEqual(DOCUMENT_TYPE_CODES);
    expect(schemas.Urgency?.enum).toEqual([...URGENCIES]);
    expect(schemas.Secrecy?.enum).toEqual([...SECRECY_LEVELS]);
    expect(schemas.AccessRecord?.properties?.action?.enum).toEqual([...ACCESS_ACTIONS]);
    expect(schemas.AccessRecord?.properties?.outcome?.enum).toEqual([...ACCESS_OUTCOMES]);
    expect(sorted(schemas.WorkFileState?.enum)).toEqual(Object.keys(STATES).sort());
    expect(sorted(schemas.DispositionPhase?.enum)).toEqual(Object.keys(PHASES).sort());
    expect(sorted(schemas.DispositionOutcomeKind?.enum)).toEqual(Object.keys(OUTCOMES).sort());
    expect(sorted(schemas.FixityMismatch?.properties?.kind?.enum)).toEqual(Object.keys(MISMATCHES).sort());
  });

  it('accepts the work file codes the archive accepts, and no others', () => {
    const pattern = new RegExp(schemas.WorkFileCode!.pattern!, 'u');
    for (const code of ['A1', 'hs.2026_01-TU', 'a'.repeat(64), 'a'.repeat(65), '..', 'a..b', '-a', '.a', 'x y', 'a/b', 'mục-1', '']) {
      expect({ code, accepted: pattern.test(code) }).toEqual({ code, accepted: isWorkFileCode(code) });
    }
  });

  // The route parses its query with zod; the document accepts and refuses the same searches.
  it.each([
    ['a notation', '?notation=04-NQ%2FTU', true],
    ['every filter', '?number=4&type=NQ&issuer=BS-TU&issuedFrom=2026-01-01&issuedTo=2026-12-31&q=ng%C3%A2n%20s%C3%A1ch&page=2&pageSize=50', true],
    ['a number of 0', '?number=0', false],
    ['an unknown type', '?type=XX', false],
    ['a date written the Vietnamese way', '?issuedFrom=31%2F12%2F2026', false],
    ['a page too large', '?pageSize=101', false],
    ['a notation too long', `?notation=${'N'.repeat(65)}`, false],
  ])('agrees with the search on %s', async (_name, query, accepted) => {
    expect(searchQuery.safeParse(Object.fromEntries(new URLSearchParams(query))).success).toBe(accepted);
    expect((await validatorVerdict(spec, { method: 'GET', path: `/v1/packages${query}` })).status).toBe(accepted ? 204 : 400);
  });
});

import { z } from 'zod';
import { anyUser, DOCUMENT_TYPE_CODES, principalOf, Problem, VIETNAM_UTC_OFFSET, type SecureRouter, type ServiceContext } from '@vanthu/shared';
import type { DirectoryReader } from '../directory/directory-view';
import { FIGURE_GROUPINGS, type FiguresQuery, type FiguresResult } from '../figures/figure-item';
import { figuresCsv } from '../figures/figures-csv';

export interface FiguresRouteDeps {
  /** The items in memory (figures/live-figures.ts), started by the API process. */
  figures: { query(query: FiguresQuery, directory: Awaited<ReturnType<DirectoryReader['view']>>): FiguresResult };
  directory: DirectoryReader;
}

const instant = z.iso.datetime({ offset: true });
const dateOrInstant = z.union([z.iso.date(), instant]);
const isDate = (value: string) => value.length === 10;

const DAY_MS = 86_400_000;
const startOfVietnamDay = (date: string) => new Date(`${date}T00:00:00${VIETNAM_UTC_OFFSET}`);
/** A period's bound: a date is the whole day in Vietnam, from its first to its last millisecond. */
const periodStart = (value: string) => (isDate(value) ? startOfVietnamDay(value) : new Date(value)).toISOString();
const periodEnd = (value: string) => (isDate(value) ? new Date(startOfVietnamDay(value).getTime() + DAY_MS - 1) : new Date(value)).toISOString();
const code = z.string().min(1).max(200);

const figuresQuery = z
  .object({
    org: code,
    scope: z.enum(['own', 'subtree']).default('own'),
    from: dateOrInstant.optional(),
    to: dateOrInstant.optional(),
    asOf: instant.optional(),
    groupBy: z.enum(FIGURE_GROUPINGS).default('leadOrg'),
    sourceDocumentId: code.optional(),
    leadOrg: code.optional(),
    documentType: z.enum(DOCUMENT_TYPE_CODES).optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || periodStart(q.from) <= periodEnd(q.to), { message: 'must not be before from', path: ['to'] });

/** `format=csv`, or an Accept that prefers CSV to JSON; JSON otherwise. */
function wantsCsv(format: 'json' | 'csv' | undefined, accepts: (types: string[]) => string | false): boolean {
  if (format !== undefined) return format === 'csv';
  return accepts(['application/json', 'text/csv']) === 'text/csv';
}

/**
 * `GET /v1/figures` (docs/tracking.md, "Figures"): members of the organisation, or of one above
 * it, read its figures. An organisation the directory does not know is 422, not 403: the caller
 * named something that does not exist.
 */
export function mountFiguresRoutes(router: SecureRouter, _ctx: Pick<ServiceContext, 'logger'>, deps: FiguresRouteDeps): void {
  router.get('/v1/figures', anyUser(), async (req, res) => {
    const parsed = figuresQuery.parse(req.query);
    const caller = principalOf(res);
    const directory = await deps.directory.view();
    if (!directory.organisation(parsed.org)) throw new Problem(422, 'unknown-organisation', `No organisation ${parsed.org} in the directory.`, { field: 'org' });
    if (parsed.leadOrg !== undefined && !directory.organisation(parsed.leadOrg)) {
      throw new Problem(422, 'unknown-organisation', `No organisation ${parsed.leadOrg} in the directory.`, { field: 'leadOrg' });
    }
    if (caller.orgCode !== parsed.org && !directory.ancestors(parsed.org).includes(caller.orgCode)) {
      throw new Problem(403, 'outside-hierarchy', `The figures of ${parsed.org} are for its members and the organisations above it.`, { field: 'org' });
    }
    const query: FiguresQuery = {
      org: parsed.org,
      scope: parsed.scope,
      ...(parsed.from !== undefined && { from: periodStart(parsed.from) }),
      ...(parsed.to !== undefined && { to: periodEnd(parsed.to) }),
      asOf: parsed.asOf === undefined ? new Date().toISOString() : new Date(parsed.asOf).toISOString(),
      groupBy: parsed.groupBy,
      ...(parsed.sourceDocumentId !== undefined && { sourceDocumentId: parsed.sourceDocumentId }),
      ...(parsed.leadOrg !== undefined && { leadOrg: parsed.leadOrg }),
      ...(parsed.documentType !== undefined && { documentType: parsed.documentType }),
    };
    const result = deps.figures.query(query, directory);
    res.setHeader('Cache-Control', 'private, no-store');
    if (wantsCsv(parsed.format, (types) => req.accepts(types))) {
      const name = `figures-${query.org}-${query.asOf.slice(0, 10)}`.replace(/[^A-Za-z0-9_-]/g, '_');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      res.type('text/csv; charset=utf-8').send(figuresCsv(result));
      return;
    }
    res.json(result);
  });
}

import type { Request, Response } from 'express';
import { badRequest, principalOf, Problem, roles, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { FiguresScope } from '../figures/compute-figures';
import type { DayPeriod } from '../figures/figure-item';
import type { FiguresQueries } from '../figures/live-figures';
import type { OrgTree } from '../figures/org-tree';
import { addDays, daysBetween, vietnamDay, vietnamDayStart } from '../figures/vietnam-days';
import { integer, text } from './query';

export interface FiguresRouteDeps {
  /** The items in memory (figures/live-figures.ts), started by the API process. */
  figures: FiguresQueries;
  directory: { view(): Promise<OrgTree> };
}

/**
 * The operations centre's figures are for those who steer: the leaders, and the administrators
 * who run the system for their organisation. Clerks and specialists have the registers of their
 * own organisation; the figures reach across the organisations below.
 */
const FIGURES_READERS = roles('leader', 'admin');

/** A chart of a year, day by day, is the longest an office asks for; longer is refused, not truncated. */
export const MAX_PERIOD_DAYS = 366;
const DEFAULT_PERIOD_DAYS = 30;
const DEFAULT_WITHIN_DAYS = 2;

/**
 * The organisation asked for (the caller's own when absent) and those below it. A leader or an
 * administrator sees their own organisation and every one below it, nothing beside or above: the
 * directory's tree decides, as it does the drill-down from a province to its communes.
 */
async function scopeOf(req: Request, res: Response, deps: FiguresRouteDeps): Promise<FiguresScope> {
  const caller = principalOf(res);
  const org = text(req, 'org') ?? caller.orgCode;
  const tree = await deps.directory.view();
  if (!tree.organisation(org)) throw new Problem(422, 'unknown-organisation', `There is no organisation with code ${org}.`, { field: 'org' });
  if (!tree.isWithin(org, caller.orgCode)) {
    throw new Problem(403, 'outside-hierarchy', `The figures of ${org} are for its own leaders and those of the organisations above it, not ${caller.orgCode}.`, { field: 'org' });
  }
  return { org, organisations: tree.subtree(org) };
}

/** The contract checks the form YYYY-MM-DD; a day that does not exist (31 February) is refused here, not rolled over. */
function day(req: Request, name: 'from' | 'to'): string | undefined {
  const value = text(req, name);
  if (value !== undefined && !(Number.isFinite(vietnamDayStart(value)) && vietnamDay(vietnamDayStart(value)) === value)) throw badRequest('invalid-date', `${name} must be a day that exists (YYYY-MM-DD), not ${value}.`, name);
  return value;
}

/** Whole Vietnam days, both included: the last 30 days to today by default. */
function periodOf(req: Request): DayPeriod {
  const from = day(req, 'from');
  const to = day(req, 'to') ?? (from === undefined ? vietnamDay(Date.now()) : addDays(from, DEFAULT_PERIOD_DAYS - 1));
  const period = { from: from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1)), to };
  if (period.to < period.from) throw badRequest('invalid-period', `to (${period.to}) is before from (${period.from}).`, 'to');
  if (daysBetween(period.from, period.to) > MAX_PERIOD_DAYS) throw badRequest('period-too-long', `A period of at most ${MAX_PERIOD_DAYS} days, from ${period.from}.`, 'to');
  return period;
}

function send(res: Response, body: unknown): void {
  // Figures of one's organisation, as of now: neither shared caches nor stale copies.
  res.setHeader('Cache-Control', 'private, no-store');
  res.json(body);
}

/** `/v1/figures/*`: the operations centre's figures of documents issued and received, processing times and deadlines. */
export function figuresRouter(deps: FiguresRouteDeps): SecureRouter {
  const router = secureRouter();

  router.get('/v1/figures/documents', FIGURES_READERS, async (req, res) => {
    const period = periodOf(req);
    send(res, deps.figures.documents(await scopeOf(req, res, deps), period));
  });

  router.get('/v1/figures/processing', FIGURES_READERS, async (req, res) => {
    const period = periodOf(req);
    send(res, deps.figures.processing(await scopeOf(req, res, deps), period));
  });

  router.get('/v1/figures/deadlines', FIGURES_READERS, async (req, res) => {
    const asOf = text(req, 'asOf');
    const withinDays = integer(req, 'withinDays') ?? DEFAULT_WITHIN_DAYS;
    send(res, deps.figures.deadlines(await scopeOf(req, res, deps), asOf === undefined ? Date.now() : Date.parse(asOf), withinDays));
  });

  return router;
}

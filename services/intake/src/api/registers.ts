import type { Request, Response } from 'express';
import type { Principal } from '../app/ports';
import { principalOf, roles, secureRouter, type SecureRouter } from '@vanthu/shared';
import type { ApiDependencies } from './dependencies';
import { integer, paging, text } from './query';
import { incomingCsv, outgoingCsv, VIETNAM_OFFSET_MS } from './register-csv';

/** Registers are kept per calendar year, so by default: this year so far, in Vietnam. */
function period(req: Request, principal: Principal) {
  const today = new Date(Date.now() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
  return {
    org: text(req, 'org') ?? principal.orgCode,
    from: text(req, 'from') ?? `${today.slice(0, 4)}-01-01`,
    to: text(req, 'to') ?? today,
  };
}

const wantsCsv = (req: Request) =>
  text(req, 'format') === 'csv' || (text(req, 'format') === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');

function sendCsv(res: Response, name: string, scope: { org: string; from: string; to: string }, csv: string) {
  const filename = `${name}_${scope.org}_${scope.from}_${scope.to}.csv`.replace(/[^A-Za-z0-9_.-]/g, '-');
  res.type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${filename}"`).send(csv);
}

/**
 * A screen shows the register a page at a time (`page`, `pageSize`), with the period's `total`;
 * asked for no page, the JSON holds the whole period, as the CSV always does.
 */
const wantsPage = (req: Request) => !wantsCsv(req) && (integer(req, 'page') !== undefined || integer(req, 'pageSize') !== undefined);

/** The outgoing and incoming registers, for screens as JSON and for spreadsheets as CSV. */
/** As the application decides (queries.ts): the clerks and leaders of the organisation, or an admin. */
const REGISTER_READERS = roles('clerk', 'leader', 'admin');

export function registersRouter({ intake }: ApiDependencies): SecureRouter {
  const router = secureRouter();

  router.get('/v1/registers/outgoing', REGISTER_READERS, async (req, res) => {
    const principal = principalOf(res);
    const scope = period(req, principal);
    if (wantsPage(req)) {
      res.json({ ...scope, ...(await intake.outgoingRegisterPage(principal, scope.org, scope.from, scope.to, paging(req), { from: req.ip })) });
      return;
    }
    const rows = await intake.outgoingRegister(principal, scope.org, scope.from, scope.to, { from: req.ip });
    if (wantsCsv(req)) sendCsv(res, 'so-van-ban-di', scope, outgoingCsv(rows));
    else res.json({ ...scope, items: rows, total: rows.length });
  });

  router.get('/v1/registers/incoming', REGISTER_READERS, async (req, res) => {
    const principal = principalOf(res);
    const scope = period(req, principal);
    if (wantsPage(req)) {
      res.json({ ...scope, ...(await intake.incomingRegisterPage(principal, scope.org, scope.from, scope.to, paging(req), { from: req.ip })) });
      return;
    }
    const rows = await intake.incomingRegister(principal, scope.org, scope.from, scope.to, { from: req.ip });
    if (wantsCsv(req)) sendCsv(res, 'so-van-ban-den', scope, incomingCsv(rows));
    else res.json({ ...scope, items: rows, total: rows.length });
  });

  return router;
}

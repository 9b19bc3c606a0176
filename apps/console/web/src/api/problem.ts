import type { TFunction } from 'i18next';

/** The body every service answers an error with (RFC 9457, packages/shared/src/errors/problem.ts). */
interface ProblemBody {
  status?: number;
  reason?: string;
  detail?: string;
  field?: string;
  errors?: Array<{ field: string; reason: string; detail: string }>;
}

/**
 * A refused or failed call, as the console shows it: the service's stable `reason` and the
 * `field` at fault, which the texts (problems.* in the i18n files) turn into plain words; the
 * service's own `detail` goes beside them for whoever reports the problem.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly detail: string,
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }

  static async from(response: Response): Promise<ApiProblem> {
    const retry = Number(response.headers.get('retry-after'));
    const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      const body = (await response.clone().json().catch(() => ({}))) as ProblemBody;
      if (body.reason) return new ApiProblem(response.status, body.reason, body.detail ?? '', body.field ?? body.errors?.[0]?.field, retryAfter);
    }
    return new ApiProblem(response.status, `http-${response.status}`, response.statusText, undefined, retryAfter);
  }

  static network(error: unknown): ApiProblem {
    return new ApiProblem(0, 'network', error instanceof Error ? error.message : String(error));
  }
}

/** The problem in plain words: what happened (by reason, else by status), and the field at fault. */
export function describeProblem(error: unknown, t: TFunction): { message: string; field?: string; detail?: string } {
  if (!(error instanceof ApiProblem)) return { message: t('problems.unexpected'), detail: error instanceof Error ? error.message : String(error) };
  const byStatus = t(`problems.status.${error.status}`, { defaultValue: t('problems.unexpected') });
  const message = t(`problems.reasons.${error.reason}`, { defaultValue: byStatus, seconds: error.retryAfterSeconds ?? 1 });
  // A list's item (`recipients[2]`) is named as its list when the texts do not name the item.
  const field = error.field ? t(`fields.${error.field}`, { defaultValue: t(`fields.${error.field.replace(/\[\d+\]/g, '')}`, { defaultValue: error.field }) }) : undefined;
  return { message, ...(field && { field }), ...(error.detail && { detail: error.detail }) };
}

import type { Request } from 'express';

/** The validator has checked and converted the query already; these only give it types. */
export function text(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function integer(req: Request, name: string): number | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : undefined;
}

/** A boolean parameter, as the validator converted it (or as the query string wrote it). */
export function flag(req: Request, name: string): boolean | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

export function paging(req: Request): { page: number; pageSize: number } {
  return {
    page: Math.max(1, integer(req, 'page') ?? 1),
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, integer(req, 'pageSize') ?? DEFAULT_PAGE_SIZE)),
  };
}

/** Copies only the keys that are set, so an absent filter stays absent rather than `undefined`. */
export function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export const param = (req: Request, name: string): string => String(req.params[name]);

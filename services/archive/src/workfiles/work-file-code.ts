import { z } from 'zod';
import { badRequest } from '@vanthu/shared';

/*
 * A work file's code names it in the bag it is exported as (the bag's top directory, every tar
 * entry, bag-info.txt), so it must be safe there: a letter or digit first, then letters, digits,
 * dots, underscores and hyphens, at most 64 characters, and never `..`, which would climb out
 * of the bag's directory when the receiver extracts it. No spaces or line breaks either, which
 * would forge lines of bag-info.txt.
 */
export const WORK_FILE_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const isWorkFileCode = (code: unknown): code is string => typeof code === 'string' && WORK_FILE_CODE.test(code) && !code.includes('..');

const RULE = 'a letter or digit, then up to 63 letters, digits, ".", "_" or "-", without ".."';

export const workFileCodeSchema = z.string().refine(isWorkFileCode, `must be ${RULE}`);

/** For entry points outside HTTP validation (the domain, the bag writer): a 400 naming the field. */
export function assertWorkFileCode(code: unknown, field = 'code'): asserts code is string {
  if (!isWorkFileCode(code)) throw badRequest('invalid-work-file-code', `The work file code ${JSON.stringify(code)} is not valid: it must be ${RULE}.`, field);
}

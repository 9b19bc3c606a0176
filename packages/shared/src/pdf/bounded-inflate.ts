import { inflateSync } from 'node:zlib';
import { damaged, tooComplex } from './pdf-refusal';

/**
 * Inflates at most `max` bytes: zlib stops there instead of growing the output (a 260 KB deflate
 * bomb otherwise takes half a gigabyte). A stream whose end is missing still yields what it holds,
 * as PDF readers accept truncated Flate data.
 */
export function inflateBounded(data: Uint8Array, max: number, what: string): Buffer;
/** `lenient`: data that is not Flate gives undefined rather than a refusal (a page's content is the renderer's business). */
export function inflateBounded(data: Uint8Array, max: number, what: string, lenient: true): Buffer | undefined;
export function inflateBounded(data: Uint8Array, max: number, what: string, lenient = false): Buffer | undefined {
  try {
    return inflateSync(data, { maxOutputLength: max, finishFlush: 2 /* Z_SYNC_FLUSH */ });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      return tooComplex(`${what} inflates to more than ${max} bytes`);
    }
    if (lenient) return undefined;
    return damaged(`${what} is not valid Flate data: ${(error as Error).message}`);
  }
}

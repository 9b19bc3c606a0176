import type { Request } from 'express';
import { Problem } from '@vanthu/shared';

const tooLarge = (limit: number) =>
  new Problem(413, 'content-too-large', `An evidence file is at most ${limit} bytes.`, { field: '(body)' });

/**
 * The request's body, read into memory up to `limit` bytes. A declared length over the limit is
 * refused before a byte is read; a body that turns out longer is refused as soon as it passes the
 * limit, and the rest is discarded rather than held.
 */
export function readBoundedBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.get('Content-Length'));
  if (Number.isFinite(declared) && declared > limit) {
    // Nothing of it will be read: the connection closes after the answer rather than carry the rest.
    req.res?.setHeader('Connection', 'close');
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) {
        // Keep reading to discard: the client then hears the answer instead of a reset connection.
        req.resume();
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', (error) => finish(new Problem(400, 'body-unreadable', 'The request body could not be read.', { cause: error })));
  });
}

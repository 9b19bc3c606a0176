import { Writable } from 'node:stream';
import pino from 'pino';
import { createLogger, REDACTED_PATHS } from '../../src';

/** A destination that keeps what the logger wrote, as the bytes a log file would get. */
function buffer() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('log redaction', () => {
  it('never writes credentials or content in clear', () => {
    const out = buffer();
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, out.stream);
    logger.info({ req: { headers: { authorization: 'Bearer abc.def' } }, doc: { content: 'TUYET MAT', status: 'ok' } }, 'x');
    expect(out.text()).not.toMatch(/abc\.def|TUYET MAT/);
    expect(out.text()).toMatch(/"status":"ok"/);
  });

  it('leaves out free text and secrets at the top level and nested, wherever a whole event or request lands in a log', () => {
    const out = buffer();
    const logger = createLogger({ service: 'test' }, 'info', {}, out.stream);
    const marker = (field: string) => `MARKER-${field}-7f3a`;
    const fields = ['subject', 'note', 'reason', 'report', 'comment', 'pin', 'signingAuthorisation', 'wrappedKey'];
    const all = (prefix: string) => Object.fromEntries(fields.map((f) => [f, marker(`${prefix}${f}`)]));
    logger.info(all('top-'), 'top level');
    logger.info({ data: all('data-'), body: all('body-') }, 'one level down');
    logger.info({ event: { id: 'doc-1:4', type: 'document.returned', data: { documentId: 'doc-1', secrecy: 'tuyet-mat', ...all('event-') } } }, 'an event');
    logger.info({ req: { method: 'POST', url: '/v1/documents/doc-1/return', body: { note: marker('req-body'), anything: marker('req-any') }, query: { subject: marker('req-query') } } }, 'a request');
    logger.warn({ delivery: { event: { data: all('deep-') } }, keys: [{ wrappedKey: marker('array') }] }, 'three levels down, and in an array');

    const text = out.text();
    expect(text.split('\n').filter(Boolean)).toHaveLength(5);
    expect(text).not.toContain('MARKER-');
    expect(text).toContain('"note":"[redacted]"');
    // What makes a log line useful stays: ids, types, levels, the message.
    expect(text).toContain('"documentId":"doc-1"');
    expect(text).toContain('"secrecy":"tuyet-mat"');
    expect(text).toContain('"type":"document.returned"');
    expect(text).toContain('"url":"/v1/documents/doc-1/return"');
    expect(text).toContain('"msg":"an event"');
  });

  it('keeps the redactions of bearer tokens in headers and in a live stream’s query', () => {
    const out = buffer();
    const logger = createLogger({ service: 'test' }, 'info', {}, out.stream);
    logger.info({ req: { headers: { authorization: 'Bearer TOKEN-1', cookie: 'sid=TOKEN-2' }, query: { access_token: 'TOKEN-3' } } }, 'request completed');
    expect(out.text()).not.toContain('TOKEN-');
  });
});

import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_PATHS } from '../../src';

describe('log redaction', () => {
  it('never writes credentials or content in clear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    logger.info({ req: { headers: { authorization: 'Bearer abc.def' } }, doc: { content: 'TUYET MAT', subject: 'ok' } }, 'x');
    expect(lines.join('')).not.toMatch(/abc\.def|TUYET MAT/);
    expect(lines.join('')).toMatch(/"subject":"ok"/);
  });
});

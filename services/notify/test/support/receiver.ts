import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';

export interface ReceivedCall {
  /** The path and query the delivery was posted to. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A webhook receiver over real HTTP that answers 503 to its first `failFirst` calls. */
export async function startReceiver(failFirst: number): Promise<{ url: string; calls: ReceivedCall[]; close: () => Promise<void> }> {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answered = calls.length < failFirst ? 503 : 204;
      calls.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.statusCode = answered;
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/vanthu`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

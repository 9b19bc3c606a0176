import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';

export interface StartedServer {
  server: Server;
  url: string;
  close: () => Promise<void>;
}

/** Listens, and returns a close that lets in-flight requests finish before idle sockets drop. */
export async function listen(app: Express, host: string, port: number): Promise<StartedServer> {
  const server = createServer(app);
  // Slightly above common proxy idle timeouts, so the proxy closes first and never hits a dead socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;
  server.listen(port, host);
  await once(server, 'listening');
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://${host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget, ResolvedAddress } from './webhook-target';

export interface PostOutcome {
  ok: boolean;
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/**
 * A `lookup` that answers with the address already checked, whatever is asked: the socket
 * connects there and nowhere else. (Node asks with `all: true` when it races IPv4 and IPv6.)
 */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

/**
 * One POST to a receiver, over a connection of its own to the checked address (no agent, so no
 * pooled socket from an earlier answer is reused). Only a 2xx counts as delivered; redirects are
 * not followed (a receiver that moved must be re-registered, not followed to wherever it points).
 * TLS still verifies the certificate against the URL's host name.
 */
export async function postWebhook(target: CheckedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const { url } = target;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  try {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({
        method: 'POST',
        protocol: url.protocol,
        hostname: target.hostname,
        port: target.port,
        path: `${url.pathname}${url.search}`,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'vanthu-notify/1',
          ...headers,
        },
        lookup: pinnedLookup(target.address),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      });
      req.on('response', (res) => {
        // Drained, not kept: the receiver's answer is not ours to store; the abort signal bounds it.
        res.on('error', reject);
        res.on('end', () => resolve(res));
        res.resume();
      });
      req.on('error', reject);
      req.end(body);
    });
    const status = response.statusCode ?? 0;
    const ok = status >= 200 && status < 300;
    return { ok, statusCode: status, durationMs: elapsed(), ...(!ok && { error: `HTTP ${status}` }) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), durationMs: elapsed() };
  }
}

export interface PostOutcome {
  ok: boolean;
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/**
 * One POST to a receiver. Only a 2xx counts as delivered; redirects are not followed (a
 * receiver that moved must be re-registered, not silently followed to wherever it points).
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'vanthu-notify/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // Drain so the connection can be reused; the receiver's answer is not ours to keep.
    await response.arrayBuffer().catch(() => undefined);
    const durationMs = Math.round(performance.now() - started);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, durationMs, ...(!ok && { error: `HTTP ${response.status}` }) };
  } catch (error) {
    const durationMs = Math.round(performance.now() - started);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { ok: false, error: error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error), durationMs };
  }
}

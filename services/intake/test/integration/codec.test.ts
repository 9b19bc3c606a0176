import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import {
  createApiApp,
  createLogger,
  DEVELOPMENT_JWT_SECRET,
  ENCRYPTED_ENCODING,
  issueToken,
  Lifecycle,
  listen,
  loadEdgeSettings,
  WORKFLOW_ID_METADATA,
  type StartedServer,
} from '@vanthu/shared';
import { stackPaths } from '../../../../deploy/local/src/paths';
import { which } from '../../../../deploy/local/src/run-command';
import { temporalCliPath } from '../../../../deploy/local/src/servers/temporal';
import { loadCodecSettings } from '../../src/api/codec-settings';
import type { DocumentView, Principal } from '../../src/app/ports';
import { intakeService } from '../../src/service';
import { as, startIntakeHarness, type IntakeHarness } from '../support/harness';
import { makePdf } from '../support/pdf';

/**
 * A document's workflow, started and driven through intake's API as a portal does, run by the
 * real intake worker on the real Temporal: what Temporal stores is ciphertext, and intake's codec
 * endpoint gives the clear payloads back to whoever may read the document, and to nobody else.
 */

const SUBJECT = `Nghị quyết mật về nhân sự ${randomUUID().slice(0, 8)}`;
const ADMIN: Principal = { userId: 'bs-admin', orgCode: 'BS-TU', role: 'admin' };

interface WirePayload {
  metadata: Record<string, string>;
  data: string;
}

/** Every payload in a history event, with where it was found; search attributes stay clear by design (the server indexes them). */
function payloadsIn(value: unknown, path: string, found: Array<{ path: string; payload: Payload }>): void {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
  if (path.endsWith('searchAttributes')) return;
  const record = value as Record<string, unknown>;
  if (record.data instanceof Uint8Array && record.metadata !== null && typeof record.metadata === 'object') {
    found.push({ path, payload: record as Payload });
    return;
  }
  for (const [key, child] of Object.entries(record)) payloadsIn(child, `${path}.${key}`, found);
}

const toWire = (p: Payload): WirePayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('payloads encrypted in Temporal history, decoded by the codec endpoint for those who may read (real API, Temporal, MongoDB)', () => {
  let h: IntakeHarness;
  let lifecycle: Lifecycle;
  let server: StartedServer;
  let document: DocumentView;
  let history: temporal.api.history.v1.IHistoryEvent[];
  const uiOrigin = loadCodecSettings().corsOrigins.find((o) => o.startsWith('http://127.0.0.1'))!;

  const call = (path: string, init: RequestInit & { as?: Principal } = {}) => {
    const { as: who, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (who) headers.set('authorization', `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, who, 300)}`);
    return fetch(`${server.url}${path}`, { ...rest, headers });
  };
  const decode = (payloads: WirePayload[], who?: Principal) =>
    call(`/v1/codec/${h.ctx.config.TEMPORAL_NAMESPACE}/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': h.ctx.config.TEMPORAL_NAMESPACE, origin: uiOrigin },
      body: JSON.stringify({ payloads }),
      ...(who && { as: who }),
    });

  beforeAll(async () => {
    h = await startIntakeHarness();
    const logger = createLogger({ test: 'codec' }, 'silent');
    lifecycle = new Lifecycle(logger);
    // The API exactly as intake's process builds it: the codec routes, their CORS and body limit.
    const app = await createApiApp(intakeService, h.ctx, lifecycle, { ...loadEdgeSettings('intake', {}), ratePerSecond: 1000, rateBurst: 1000 });
    server = await listen(app, '127.0.0.1', 0);

    const form = new FormData();
    const metadata = { type: 'NQ', subject: SUBJECT, signer: { userId: 'bs-secretary', authority: 'T/M' }, approvers: ['bs-deputy'], recipients: ['BS-TL-DU'], urgency: 'khan' };
    form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
    form.append('content', new Blob([await makePdf('codec')], { type: 'application/pdf' }), 'nq.pdf');
    const created = await call('/v1/documents', { method: 'POST', as: as.specialist, headers: { 'idempotency-key': randomUUID() }, body: form });
    expect(created.status).toBe(201);
    document = (await created.json()) as DocumentView;
    const submitted = await call(`/v1/documents/${document.id}/submit`, { method: 'POST', as: as.specialist, headers: { 'idempotency-key': randomUUID() } });
    expect(submitted.status).toBe(200);

    // A client without the codec sees what Temporal stores.
    const bare = new Client({ connection: h.ctx.temporalConnection, namespace: h.ctx.config.TEMPORAL_NAMESPACE });
    const raw = await bare.workflowService.getWorkflowExecutionHistory({
      namespace: h.ctx.config.TEMPORAL_NAMESPACE,
      execution: { workflowId: document.workflowId },
    });
    history = raw.history?.events ?? [];
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await lifecycle?.stop();
    await h?.stop();
  }, 60_000);

  it('stores no payload in the clear: input, Update arguments and results, activity results', () => {
    const found: Array<{ path: string; payload: Payload }> = [];
    history.forEach((event, i) => payloadsIn(event, `events.${i}`, found));
    // A marker's `data` and `patch-data` details are the SDK's own bookkeeping (a local activity's
    // type, sequence and times; a patch's id), written by its core outside the data converter:
    // nothing of ours is in them, which the byte search below proves. A local activity's result
    // is ours, and goes through the codec like every other payload.
    const sdkBookkeeping = /\.markerRecordedEventAttributes\.details\.(data|patch-data)\./;
    const ours = found.filter((f) => !sdkBookkeeping.test(f.path));
    const kinds = new Set(ours.map((f) => f.path.split('.').slice(2, f.path.includes('marker') ? 5 : 3).join('.')));
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'workflowExecutionStartedEventAttributes',
        'workflowExecutionUpdateAcceptedEventAttributes',
        'workflowExecutionUpdateCompletedEventAttributes',
        'markerRecordedEventAttributes.details.result',
      ]),
    );
    const clear = ours.filter((f) => text(f.payload.metadata?.encoding) !== ENCRYPTED_ENCODING).map((f) => `${f.path}: ${text(f.payload.metadata?.encoding)}`);
    expect(clear).toEqual([]);
    expect(new Set(ours.map((f) => text(f.payload.metadata?.[WORKFLOW_ID_METADATA])))).toEqual(new Set([document.workflowId]));

    const stored = Buffer.concat(history.map((e) => temporal.api.history.v1.HistoryEvent.encode(e).finish())).toString('utf8');
    for (const secret of [SUBJECT, 'bs-deputy', 'bs-secretary', 'nq.pdf']) expect({ secret, found: stored.includes(secret) }).toEqual({ secret, found: false });
  });

  describe('the codec endpoint', () => {
    const started = () => {
      const payloads = history.find((e) => e.workflowExecutionStartedEventAttributes)!.workflowExecutionStartedEventAttributes!.input!.payloads!;
      return payloads.map((p) => toWire(p as Payload));
    };

    it('needs a token', async () => {
      expect((await decode(started())).status).toBe(401);
    });

    it('refuses someone who may not read the document, decoding nothing', async () => {
      const res = await decode(started(), as.hbClerk);
      expect(res.status).toBe(403);
      const body = await res.text();
      expect(body).toContain('payloads-forbidden');
      expect(body).not.toContain(SUBJECT);
    });

    it('gives the clear payloads to the author, and to the approver whose turn it is', async () => {
      for (const who of [as.specialist, as.deputy]) {
        const res = await decode(started(), who);
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe(uiOrigin);
        const { payloads } = (await res.json()) as { payloads: WirePayload[] };
        expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
        expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString())).toMatchObject({ documentId: document.id, approvers: ['bs-deputy'], signer: { userId: 'bs-secretary' } });
      }
    });

    it('decodes every payload of the history for an allowed reader', async () => {
      const found: Array<{ path: string; payload: Payload }> = [];
      history.forEach((event, i) => payloadsIn(event, `events.${i}`, found));
      const res = await decode(found.map((f) => toWire(f.payload)), as.specialist);
      expect(res.status).toBe(200);
      const { payloads } = (await res.json()) as { payloads: WirePayload[] };
      expect(payloads).toHaveLength(found.length);
      expect(payloads.every((p) => Buffer.from(p.metadata.encoding!, 'base64').toString() !== ENCRYPTED_ENCODING)).toBe(true);
    });

    it('answers an admin as the document API does', async () => {
      const read = await call(`/v1/documents/${document.id}`, { as: ADMIN });
      expect((await decode(started(), ADMIN)).status).toBe(read.ok ? 200 : 403);
    });

    it("serves Temporal's own codec client: the CLI shows the history decoded, given a reader's token", async () => {
      // The binary the local stack runs the Temporal server with (deploy/local/src/servers/temporal.ts).
      const cached = temporalCliPath(stackPaths());
      const cli = (await which('temporal')) ?? (existsSync(cached) ? cached : undefined);
      if (!cli) throw new Error(`no Temporal CLI on PATH or at ${cached}; the local stack installs it`);
      const show = (who: Principal) =>
        promisify(execFile)(cli, [
          'workflow', 'show', '--workflow-id', document.workflowId, '--output', 'json',
          '--address', h.ctx.config.TEMPORAL_ADDRESS, '--namespace', h.ctx.config.TEMPORAL_NAMESPACE,
          '--codec-endpoint', `${server.url}/v1/codec`, '--codec-auth', `Bearer ${issueToken(DEVELOPMENT_JWT_SECRET, who, 300)}`,
        ], { timeout: 30_000 });
      const { stdout } = await show(as.specialist);
      // It prints protobuf JSON: metadata and data stay base64, now of the clear payloads.
      const b64 = (s: string) => Buffer.from(s).toString('base64');
      expect(stdout).toContain(b64('json/plain'));
      expect(stdout).not.toContain(b64(ENCRYPTED_ENCODING));
      const data = [...stdout.matchAll(/"data":\s*"([^"]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8'));
      expect(data.join('\n')).toContain('"currentApprover":"bs-deputy"');
      // Refused, the CLI retries until its own deadline (10 s), then fails having shown nothing.
      const refused = await show(as.hbClerk).then(
        () => undefined,
        (error: { stdout?: string }) => error,
      );
      expect(refused).toBeDefined();
      expect(refused?.stdout ?? '').not.toContain(b64('json/plain'));
    }, 60_000);

    it("answers the Temporal UI's preflight without credentials, and another origin's with no CORS headers", async () => {
      const preflight = (origin: string) =>
        fetch(`${server.url}/v1/codec/${h.ctx.config.TEMPORAL_NAMESPACE}/decode`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
        });
      const ui = await preflight(uiOrigin);
      expect(ui.status).toBe(204);
      expect(ui.headers.get('access-control-allow-origin')).toBe(uiOrigin);
      expect(ui.headers.get('access-control-allow-credentials')).toBe('true');
      expect(ui.headers.get('access-control-allow-headers')?.toLowerCase().split(', ').sort()).toEqual(['authorization', 'content-type', 'x-namespace']);
      const other = await preflight('https://elsewhere.example');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });
});

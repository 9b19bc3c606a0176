import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';
import mongoose from 'mongoose';
import { SMTPServer } from 'smtp-server';

/*
 * The leak scan of the secret-documents acceptance test (test/e2e/secret-leak.test.ts): a marker
 * put into everything a user writes about a secret document is looked for in every place the
 * system keeps or sends bytes — Kafka, Temporal histories read without the codec, every MongoDB
 * collection (GridFS files reassembled), log files, webhook bodies and e-mails — in every form an
 * encoder on the way could have given it.
 */

/** A unique, ASCII-only marker (it survives JSON, URL, quoted-printable and PDF literal encoding unchanged). */
export function newMarker(prefix: string): string {
  return `${prefix}${randomBytes(10).toString('hex').toUpperCase()}`;
}

export interface Needle {
  marker: string;
  /** How the marker is written: `utf8`, `utf16le`, `base64@1`, `hex-utf16be`… */
  form: string;
  bytes: Buffer;
}

/**
 * The part of base64 (of `bytes` preceded by `shift` other bytes) that depends on `bytes` alone:
 * wherever the marker sits in an encoded text, one of the three shifts shows up verbatim.
 */
function base64Core(bytes: Buffer, shift: number, url: boolean): string {
  const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString(url ? 'base64url' : 'base64');
  const start = shift === 0 ? 0 : 4;
  const end = Math.floor((shift + bytes.length) / 3) * 4;
  return encoded.slice(start, end);
}

/**
 * Every form of `marker` looked for: UTF-8 (as written, lower and upper case), UTF-16 LE and BE,
 * base64 and base64url of the UTF-8 and UTF-16LE bytes at the three alignments, and hex of the
 * UTF-8 and UTF-16BE bytes (a PDF's hex strings) in both cases.
 */
export function needles(marker: string): Needle[] {
  const utf8 = Buffer.from(marker, 'utf8');
  const utf16le = Buffer.from(marker, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const forms: Array<[string, Buffer | string]> = [
    ['utf8', utf8],
    ['utf8-lower', marker.toLowerCase()],
    ['utf8-upper', marker.toUpperCase()],
    ['utf16le', utf16le],
    ['utf16be', utf16be],
    ['hex', utf8.toString('hex')],
    ['HEX', utf8.toString('hex').toUpperCase()],
    ['hex-utf16be', utf16be.toString('hex')],
    ['HEX-utf16be', utf16be.toString('hex').toUpperCase()],
  ];
  for (const [name, bytes] of [['', utf8], ['-utf16le', utf16le]] as const) {
    for (const shift of [0, 1, 2]) {
      forms.push([`base64${name}@${shift}`, base64Core(bytes, shift, false)]);
      forms.push([`base64url${name}@${shift}`, base64Core(bytes, shift, true)]);
    }
  }
  // base64 and base64url agree when neither '+' nor '/' occurs: one needle is enough then.
  const seen = new Set<string>();
  const result: Needle[] = [];
  for (const [form, value] of forms) {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    const key = bytes.toString('hex');
    if (seen.has(key) || bytes.length < 12) continue;
    seen.add(key);
    result.push({ marker, form, bytes });
  }
  return result;
}

export type Scanner = 'kafka' | 'temporal' | 'mongo' | 'logs' | 'webhooks' | 'email';

export interface Hit {
  scanner: Scanner;
  marker: string;
  form: string;
  /** Topic/partition/offset, workflow/run/event, db.collection/_id, file:line, webhook #n, e-mail #n. */
  where: string;
  /** A few printable bytes around the hit. */
  context: string;
}

export interface ScanReport {
  scanner: Scanner;
  hits: Hit[];
  /** What was read: items (messages, events, documents, files, bodies) and bytes. */
  items: number;
  bytes: number;
  /** Everything read, one line per place (topics, workflows, collections, files). */
  places: string[];
}

const printable = (bytes: Buffer) => bytes.toString('latin1').replace(/[^\x20-\x7e]/g, '.');

/** Every occurrence of every needle in `haystack`. */
export function findNeedles(haystack: Buffer, all: Needle[]): Array<{ needle: Needle; offset: number }> {
  const found: Array<{ needle: Needle; offset: number }> = [];
  for (const needle of all) {
    for (let at = haystack.indexOf(needle.bytes); at >= 0; at = haystack.indexOf(needle.bytes, at + 1)) found.push({ needle, offset: at });
  }
  return found;
}

function hitsIn(scanner: Scanner, haystack: Buffer, all: Needle[], where: (offset: number) => string): Hit[] {
  return findNeedles(haystack, all).map(({ needle, offset }) => ({
    scanner,
    marker: needle.marker,
    form: needle.form,
    where: where(offset),
    context: printable(haystack.subarray(Math.max(0, offset - 24), offset + needle.bytes.length + 24)),
  }));
}

/** The hits of a list of reports, one line each, for a failure message. */
export function describeHits(hits: Hit[]): string {
  return hits.map((h) => `${h.scanner}: ${h.where} [${h.form}] …${h.context}…`).join('\n');
}

// --- Kafka ---------------------------------------------------------------------------------

/**
 * Every message of every topic on the broker, from the earliest offset to the high-water mark
 * the scan found when it began: value, key and every header value, as the bytes on the broker
 * (decompressed). One consumer of its own group for all topics, removed afterwards.
 */
export async function scanKafka(brokers: string[], all: Needle[], timeoutMs = 60_000): Promise<ScanReport> {
  const kafka = new Kafka({ clientId: 'e2e-leak-scan', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `e2e-leak-scan-${randomUUID()}`;
  const report: ScanReport = { scanner: 'kafka', hits: [], items: 0, bytes: 0, places: [] };
  try {
    const topics = (await admin.listTopics()).sort();
    // What is left to read, per partition: up to the high-water mark (exclusive) as of now.
    const remaining = new Map<string, number>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      let messages = 0;
      for (const p of offsets) {
        const high = Number(p.high);
        const low = Number(p.low);
        messages += high - low;
        if (high > low) remaining.set(`${topic}|${p.partition}`, high);
      }
      report.places.push(`${topic}: ${offsets.length} partitions, ${messages} messages`);
    }
    if (remaining.size === 0) return report;
    const consumer = kafka.consumer({ groupId, maxBytes: 50 * 1024 * 1024, sessionTimeout: 30_000 });
    await consumer.connect();
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.subscribe({ topics: topics.filter((t) => [...remaining.keys()].some((k) => k.startsWith(`${t}|`))), fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Kafka scan incomplete after ${timeoutMs} ms; partitions not read to their end: ${[...remaining.keys()].join(', ')}`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch }) => {
              const key = `${batch.topic}|${batch.partition}`;
              for (const message of batch.messages) {
                const at = `${batch.topic}/${batch.partition}@${message.offset}`;
                report.items += 1;
                const parts: Array<[string, Buffer]> = [];
                if (message.value) parts.push(['value', message.value]);
                if (message.key) parts.push(['key', message.key]);
                for (const [name, value] of Object.entries(message.headers ?? ({} as IHeaders))) {
                  for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) parts.push([`header ${name}`, Buffer.isBuffer(v) ? v : Buffer.from(v)]);
                }
                for (const [part, bytes] of parts) {
                  report.bytes += bytes.length;
                  report.hits.push(...hitsIn('kafka', bytes, all, (offset) => `${at} ${part} +${offset}`));
                }
                const target = remaining.get(key);
                if (target !== undefined && Number(message.offset) >= target - 1) remaining.delete(key);
              }
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return report;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Writes `marker` into a scratch topic's value (UTF-8), key (UTF-16LE) and a header (base64): the scanner must find all three. */
export async function plantKafkaControl(brokers: string[], topic: string, marker: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'e2e-leak-scan-control', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: [
        {
          key: Buffer.from(`control ${marker}`, 'utf16le'),
          value: JSON.stringify({ note: `the control marker ${marker} in clear` }),
          headers: { 'x-control': Buffer.from(`a header holding ${marker}`).toString('base64') },
        },
      ],
    });
  } finally {
    await producer.disconnect();
  }
}

// --- Temporal ------------------------------------------------------------------------------

export interface WorkflowRef {
  workflowId: string;
  runId?: string;
  type?: string;
}

/**
 * The workflows of `namespace` that started at or after `since`, as visibility lists them;
 * waits (visibility is eventually consistent) until each of `expected` is listed.
 */
export async function workflowsSince(connection: Connection, namespace: string, since: Date, expected: string[] = [], timeoutMs = 30_000): Promise<WorkflowRef[]> {
  const query = `StartTime >= "${since.toISOString()}"`;
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const found: WorkflowRef[] = [];
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.listWorkflowExecutions({ namespace, query, pageSize: 1000, ...(nextPageToken && { nextPageToken }) });
      for (const e of page.executions ?? []) {
        found.push({ workflowId: e.execution?.workflowId ?? '', runId: e.execution?.runId ?? '', type: e.type?.name ?? '' });
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    const missing = expected.filter((id) => !found.some((f) => f.workflowId === id));
    if (missing.length === 0) return found;
    if (Date.now() > deadline) throw new Error(`Temporal visibility does not list ${missing.join(', ')} (query ${query})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The workflows of `namespace` started at or after `since` that are still running. */
export async function runningSince(connection: Connection, namespace: string, since: Date): Promise<WorkflowRef[]> {
  const page = await connection.workflowService.listWorkflowExecutions({ namespace, query: `StartTime >= "${since.toISOString()}" AND ExecutionStatus = "Running"`, pageSize: 1000 });
  return (page.executions ?? []).map((e) => ({ workflowId: e.execution?.workflowId ?? '', runId: e.execution?.runId ?? '', type: e.type?.name ?? '' }));
}

const eventTypeName = (type: temporal.api.enums.v1.EventType | null | undefined) => (type !== null && type !== undefined ? (temporal.api.enums.v1.EventType[type] ?? String(type)) : '?');

/**
 * The raw history of each workflow, page by page, straight from the frontend service: no data
 * converter, no codec. Each event is scanned as its protobuf encoding, payload bytes included.
 */
export async function scanTemporal(connection: Connection, namespace: string, workflows: WorkflowRef[], all: Needle[]): Promise<ScanReport> {
  const report: ScanReport = { scanner: 'temporal', hits: [], items: 0, bytes: 0, places: [] };
  for (const wf of workflows) {
    let events = 0;
    let nextPageToken: Uint8Array | undefined;
    do {
      const page = await connection.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId: wf.workflowId, ...(wf.runId && { runId: wf.runId }) },
        maximumPageSize: 1000,
        ...(nextPageToken && { nextPageToken }),
      });
      for (const event of page.history?.events ?? []) {
        const bytes = Buffer.from(temporal.api.history.v1.HistoryEvent.encode(event).finish());
        events += 1;
        report.items += 1;
        report.bytes += bytes.length;
        const where = `${wf.workflowId} run ${wf.runId || '(latest)'} event ${String(event.eventId)} ${eventTypeName(event.eventType)}`;
        report.hits.push(...hitsIn('temporal', bytes, all, (offset) => `${where} +${offset}`));
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    report.places.push(`${wf.workflowId} (${wf.type ?? ''}): ${events} events`);
  }
  return report;
}

// --- MongoDB -------------------------------------------------------------------------------

/**
 * Every document of every collection of every database on the server, as the BSON bytes the
 * server returns (`raw`), and every GridFS file (`<bucket>.chunks`) reassembled in chunk order,
 * so a marker cut by a chunk boundary is found as well.
 */
export async function scanMongo(url: string, all: Needle[]): Promise<ScanReport & { errors: string[] }> {
  const report: ScanReport & { errors: string[] } = { scanner: 'mongo', hits: [], items: 0, bytes: 0, places: [], errors: [] };
  const client = await new mongoose.mongo.MongoClient(url).connect();
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name: dbName } of databases) {
      const db = client.db(dbName);
      const collections = await db.listCollections({}, { nameOnly: false }).toArray();
      for (const info of collections) {
        const name = info.name;
        if ((info as { type?: string }).type === 'view') {
          report.places.push(`${dbName}.${name}: a view, skipped (its collections are scanned)`);
          continue;
        }
        const files = new Map<string, Array<{ n: number; data: Buffer }>>();
        let count = 0;
        try {
          const cursor = db.collection(name).find({}, { raw: true, batchSize: 1000 });
          for await (const doc of cursor as unknown as AsyncIterable<Buffer>) {
            const bytes = Buffer.from(doc);
            count += 1;
            report.items += 1;
            report.bytes += bytes.length;
            const found = findNeedles(bytes, all);
            if (found.length > 0) {
              const id = idOf(bytes);
              report.hits.push(...hitsIn('mongo', bytes, all, (offset) => `${dbName}.${name} _id=${id} +${offset}`));
            }
            if (name.endsWith('.chunks')) {
              const chunk = mongoose.mongo.BSON.deserialize(bytes, { promoteBuffers: true }) as { files_id: unknown; n: number; data: Buffer };
              const key = String(chunk.files_id);
              files.set(key, [...(files.get(key) ?? []), { n: chunk.n, data: Buffer.from(chunk.data) }]);
            }
          }
        } catch (error) {
          report.errors.push(`${dbName}.${name}: ${(error as Error).message}`);
          continue;
        }
        for (const [fileId, chunks] of files) {
          const file = Buffer.concat(chunks.sort((a, b) => a.n - b.n).map((c) => c.data));
          report.hits.push(...hitsIn('mongo', file, all, (offset) => `${dbName}.${name.replace(/\.chunks$/, '')} file ${fileId} (reassembled) +${offset}`));
        }
        report.places.push(`${dbName}.${name}: ${count} documents${files.size > 0 ? `, ${files.size} GridFS files` : ''}`);
      }
    }
  } finally {
    await client.close();
  }
  return report;
}

function idOf(bson: Buffer): string {
  try {
    const { _id } = mongoose.mongo.BSON.deserialize(bson) as { _id?: unknown };
    return typeof _id === 'object' && _id !== null ? JSON.stringify(_id) : String(_id);
  } catch {
    return '?';
  }
}

/**
 * Plants `marker` in a scratch database: base64url inside a string, UTF-16LE in a binary field,
 * and UTF-8 in a GridFS file whose chunks are shorter than the marker (only reassembly finds it).
 */
export async function plantMongoControl(url: string, database: string, marker: string): Promise<void> {
  const client = await new mongoose.mongo.MongoClient(url).connect();
  try {
    const db = client.db(database);
    await db.collection('control').insertOne({
      _id: randomUUID() as never,
      text: `before ${Buffer.from(`xx${marker}`).toString('base64url')} after`,
      binary: new mongoose.mongo.Binary(Buffer.from(marker, 'utf16le')),
    });
    const bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: 'control', chunkSizeBytes: 7 });
    const upload = bucket.openUploadStream('control.txt');
    upload.end(Buffer.from(`a file holding ${marker} across chunks`));
    await once(upload, 'finish');
  } finally {
    await client.close();
  }
}

// --- Log files -----------------------------------------------------------------------------

/** The size of each file in `dir` now: what a later scan of the files that only grow may skip. */
export function logSizes(dir: string): Map<string, number> {
  const sizes = new Map<string, number>();
  if (!existsSync(dir)) return sizes;
  for (const name of readdirSync(dir)) {
    const stat = statSync(join(dir, name));
    if (stat.isFile()) sizes.set(name, stat.size);
  }
  return sizes;
}

/**
 * Every file in `dir`: those named in `wholeFiles` (written afresh by this run) whole, the others
 * (servers' logs that only grow) from their size in `before` on — all of a file new since then or
 * shorter than it was. A hit is reported as file:line.
 */
export function scanLogs(dir: string, all: Needle[], before: Map<string, number>, wholeFiles: string[]): ScanReport {
  const report: ScanReport = { scanner: 'logs', hits: [], items: 0, bytes: 0, places: [] };
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const data = readFileSync(path);
    const previous = before.get(name);
    const from = wholeFiles.includes(name) || previous === undefined || previous > data.length ? 0 : previous;
    const scanned = data.subarray(from);
    report.items += 1;
    report.bytes += scanned.length;
    report.places.push(`${name}: ${scanned.length} bytes${from > 0 ? ` (from byte ${from})` : ''}`);
    const lineAt = (offset: number) => {
      let line = 1;
      for (let i = data.indexOf(10); i >= 0 && i < from + offset; i = data.indexOf(10, i + 1)) line += 1;
      return line;
    };
    report.hits.push(...hitsIn('logs', scanned, all, (offset) => `${name}:${lineAt(offset)}`));
  }
  return report;
}

// --- Webhooks and e-mail -------------------------------------------------------------------

export interface ReceivedCall {
  at: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A webhook receiver on loopback that keeps every call's raw body and answers 204. */
export async function startWebhookReceiver(): Promise<{ url: string; calls: ReceivedCall[]; close: () => Promise<void> }> {
  const calls: ReceivedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ at: new Date().toISOString(), url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = 204;
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

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
}

/** An SMTP server on loopback (no TLS, no auth) that keeps every message's raw DATA. */
export async function startMailServer(): Promise<{ url: string; mails: ReceivedMail[]; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Quoted-printable (RFC 2045), soft line breaks included, to bytes. */
function decodeQuotedPrintable(text: string): Buffer {
  const input = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i += 1) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?B|Q?…?=), adjacent ones joined: a header as a reader sees it. */
function decodeEncodedWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_m, _charset: string, encoding: string, value: string) =>
      encoding.toUpperCase() === 'B' ? Buffer.from(value, 'base64').toString('utf8') : decodeQuotedPrintable(value.replace(/_/g, ' ')).toString('utf8'),
    );
}

/**
 * An e-mail as sent and as read: the raw DATA, with quoted-printable decoded, with line breaks
 * removed (base64 bodies are wrapped at 76 characters, which could cut an encoded marker) and with
 * header encoded words decoded.
 */
export function mailViews(raw: Buffer): Array<[string, Buffer]> {
  const text = raw.toString('latin1');
  const [head = '', ...rest] = text.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const base64Bodies = [...body.matchAll(/(?:^|\n)((?:[A-Za-z0-9+/=]{4,}\r?\n)+)/g)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
  return [
    ['raw', raw],
    ['quoted-printable decoded', decodeQuotedPrintable(text)],
    ['unwrapped', Buffer.from(text.replace(/\r?\n/g, ''), 'latin1')],
    ['headers decoded', Buffer.from(decodeEncodedWords(Buffer.from(head, 'latin1').toString('utf8').replace(/\r?\n[ \t]+/g, ' ')), 'utf8')],
    ...base64Bodies.map((b, i) => [`base64 part ${i + 1} decoded`, b] as [string, Buffer]),
  ];
}

export function scanWebhooks(calls: ReceivedCall[], all: Needle[]): ScanReport {
  const report: ScanReport = { scanner: 'webhooks', hits: [], items: calls.length, bytes: 0, places: [] };
  calls.forEach((call, i) => {
    const headers = Buffer.from(JSON.stringify(call.headers));
    report.bytes += call.body.length + headers.length;
    report.hits.push(...hitsIn('webhooks', call.body, all, (offset) => `webhook #${i + 1} (${call.url}) body +${offset}`));
    report.hits.push(...hitsIn('webhooks', headers, all, (offset) => `webhook #${i + 1} (${call.url}) headers +${offset}`));
  });
  report.places.push(`${calls.length} webhook calls`);
  return report;
}

export function scanMails(mails: ReceivedMail[], all: Needle[]): ScanReport {
  const report: ScanReport = { scanner: 'email', hits: [], items: mails.length, bytes: 0, places: [] };
  mails.forEach((mail, i) => {
    report.bytes += mail.raw.length;
    const seen = new Set<string>();
    for (const [view, bytes] of mailViews(mail.raw)) {
      for (const hit of hitsIn('email', bytes, all, (offset) => `e-mail #${i + 1} to ${mail.to.join(', ')} (${view}) +${offset}`)) {
        // One line per form and marker per e-mail: the views overlap.
        const key = `${hit.marker}|${hit.form}|${view === 'raw' ? 'raw' : 'decoded'}`;
        if (!seen.has(key)) report.hits.push(hit);
        seen.add(key);
      }
    }
  });
  report.places.push(`${mails.length} e-mails`);
  return report;
}

/** The text of an e-mail as read (quoted-printable and encoded words decoded), for checks on what it says. */
export function mailText(mail: ReceivedMail): string {
  return mailViews(mail.raw)
    .filter(([view]) => view !== 'raw' && view !== 'unwrapped')
    .map(([, bytes]) => bytes.toString('utf8'))
    .join('\n');
}

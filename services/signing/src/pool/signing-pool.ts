import { hash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MadeSignedData, SignedDataRequest } from '../cms/signed-data';
import { SigningRefused } from '../errors';
import { CONTENTS_BYTES, type PdfSignatureRequest, type PreparedPdf } from '../pdf/incremental-signature';
import { asBuffer, fromWire, ownMemory, toWire, type JobFailure, type KeyMaterial, type PoolJob, type Wire } from './pool-jobs';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  inflight: number;
  completed: number;
  pending: Map<number, Pending>;
  /** Serials whose key this worker has been sent. */
  loaded: Set<string>;
}

/**
 * Sent along with a PDF so the worker can append its update in the same memory: the signature
 * dictionary with its reserved /Contents, the widget, the changed page and form objects, the xref.
 */
const PDF_UPDATE_ROOM = 2 * CONTENTS_BYTES + 32 * 1024;

/** Below this, hashing costs less than posting the bytes to another thread. */
const INLINE_HASH_BYTES = 256 * 1024;

function workerScript(): string {
  // Threads run JavaScript: under ts-jest this module is TypeScript in src/, so the built dist/ copy runs.
  const dir = __filename.endsWith('.ts') ? join(__dirname, '..', '..', 'dist', 'pool') : __dirname;
  const script = join(dir, 'signing-worker.js');
  if (!existsSync(script)) throw new Error(`${script} is missing: build the signing service first (npx tsc -b)`);
  return script;
}

function failure(error: JobFailure): Error {
  const r = error.refusal;
  return r ? new SigningRefused(r.type, r.status, r.reason, error.message, r.field) : new Error(error.message);
}

/** Database documents' buffers can be views into a larger read buffer; send only their bytes. */
const own = (b: Buffer) => asBuffer(ownMemory(b));
const packed = (m: KeyMaterial): KeyMaterial => ({
  serial: m.serial,
  sealed: { iv: own(m.sealed.iv), tag: own(m.sealed.tag), data: own(m.sealed.data) },
  certificate: own(m.certificate),
  chain: m.chain.map(own),
});

/**
 * Worker threads, one per core, that make signatures: the CMS structure, the RSA operation and
 * the PDF update all run there, so the event loop only hands work out and signing uses every core.
 * Each thread opens a sealed key the first time it is given it and keeps it for later signatures.
 * Idle threads do not keep the process alive.
 */
export class SigningPool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly kek: Buffer,
    readonly size = availableParallelism(),
  ) {}

  private spawn(): Slot {
    const worker = new Worker(workerScript(), { workerData: { kek: new Uint8Array(this.kek) } });
    const slot: Slot = { worker, inflight: 0, completed: 0, pending: new Map(), loaded: new Set() };
    worker.on('message', (results: Array<{ id: number; ok: boolean; result?: unknown; error?: JobFailure }>) => {
      for (const message of results) this.settle(slot, message);
    });
    worker.on('error', (error) => this.lose(slot, error));
    worker.on('exit', (code) => this.lose(slot, new Error(`a signing worker stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the port again.
    worker.unref();
    return slot;
  }

  /** A thread that died takes its in-flight jobs with it; the next job starts a fresh one. */
  private lose(slot: Slot, error: Error): void {
    this.slots = this.slots.filter((s) => s !== slot);
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }

  private settle(slot: Slot, message: { id: number; ok: boolean; result?: unknown; error?: JobFailure }): void {
    const pending = slot.pending.get(message.id);
    if (!pending) return;
    slot.pending.delete(message.id);
    slot.inflight -= 1;
    slot.completed += 1;
    if (slot.inflight === 0) slot.worker.unref();
    if (message.ok) pending.resolve(message.result);
    else pending.reject(failure(message.error ?? { message: 'signing worker failed' }));
  }

  private pick(): Slot {
    if (this.closed) throw new Error('the signing pool is closed');
    while (this.slots.length < this.size) this.slots.push(this.spawn());
    let best = this.slots[0]!;
    for (const slot of this.slots) if (slot.inflight < best.inflight) best = slot;
    return best;
  }

  private send<T>(job: PoolJob, transfer: ArrayBuffer[] = [], slot: Slot = this.pick()): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.inflight += 1;
      if (slot.inflight === 1) slot.worker.ref();
      slot.worker.postMessage({ id, job }, transfer);
    });
  }

  /** Runs a job that needs a key, sending the sealed key along the first time that thread sees it. */
  private async withKey<T>(material: KeyMaterial, job: (load?: KeyMaterial) => PoolJob): Promise<T> {
    const slot = this.pick();
    const load = slot.loaded.has(material.serial) ? undefined : packed(material);
    slot.loaded.add(material.serial);
    try {
      return await this.send<T>(job(load), [], slot);
    } catch (error) {
      if (load) slot.loaded.delete(material.serial);
      throw error;
    }
  }

  async signedData(material: KeyMaterial, request: SignedDataRequest): Promise<MadeSignedData> {
    const { digest, content, ...rest } = request;
    const sent = { ...rest, digest: toWire(digest), ...(content && { content: toWire(content) }) };
    const made = await this.withKey<{ der: Wire; signatureValue: Wire }>(material, (load) => ({
      kind: 'signed-data',
      serial: material.serial,
      ...(load && { load }),
      request: sent,
    }));
    return { der: fromWire(made.der), signatureValue: fromWire(made.signatureValue) };
  }

  /** RSA over `data` with SHA-256, for callers that build their own structure. */
  async sign(material: KeyMaterial, data: Buffer): Promise<Buffer> {
    const signature = await this.withKey<Wire>(material, (load) => ({ kind: 'sign', serial: material.serial, ...(load && { load }), data: toWire(data) }));
    return fromWire(signature);
  }

  /** The PDF with its signature field appended; the caller's buffer is copied, not taken. */
  async preparePdf(pdf: Buffer, request: PdfSignatureRequest): Promise<PreparedPdf> {
    const room = Buffer.allocUnsafeSlow(pdf.length + PDF_UPDATE_ROOM);
    pdf.copy(room);
    const prepared = await this.send<Omit<PreparedPdf, 'digest'> & { digest: Wire }>({ kind: 'prepare-pdf', room, length: pdf.length, request }, [room.buffer as ArrayBuffer]);
    return { ...prepared, bytes: asBuffer(prepared.bytes), digest: fromWire(prepared.digest) };
  }

  async sha256(data: Buffer): Promise<Buffer> {
    if (data.length < INLINE_HASH_BYTES) return hash('sha256', data, 'buffer');
    const copy = new Uint8Array(data);
    return fromWire(await this.send<Wire>({ kind: 'sha256', data: copy }, [copy.buffer]));
  }

  /** Jobs each running thread has finished: shows whether work is spread over the cores. */
  stats(): { threads: number; completedPerThread: number[] } {
    return { threads: this.slots.length, completedPerThread: this.slots.map((s) => s.completed) };
  }

  /** After a revocation: threads that hold the key drop it. */
  forget(serial: string): void {
    for (const slot of this.slots) {
      if (slot.loaded.delete(serial)) this.send({ kind: 'forget', serial }, [], slot).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

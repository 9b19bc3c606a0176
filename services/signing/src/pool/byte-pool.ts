import { hash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { refusals } from '../errors';
import { CONTENTS_BYTES, preparePdfSignature, previousXref, type PdfSignatureRequest, type PreparedPdf } from '../pdf/incremental-signature';
import { asBuffer, fromWire, type ByteJob, type InspectedPdf, type JobFailure, type Wire } from './byte-jobs';
import { guardLane, type GuardLane } from './guard-lane';
import { pdfLimits } from './limits';
import { failure, workerScript } from './worker-script';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  inflight: number;
  completed: number;
  pending: Map<number, Pending>;
}

/**
 * Room after the PDF so the update is appended in the same memory: the signature dictionary with
 * its reserved /Contents, the widget, the stamp and its font subset (~10 KB), the changed page and
 * form objects, the xref. A larger update still works, in a copy.
 */
const PDF_UPDATE_ROOM = 2 * CONTENTS_BYTES + 64 * 1024;

/**
 * Below this, the work costs less than posting the bytes to another thread and back (~70 µs on
 * these VMs), and blocks the event loop for well under a millisecond.
 */
export const INLINE_BYTES = 256 * 1024;

/** What pdf-lib's full load reads per millisecond, roughly, granted beyond the budget for a large honest file. */
const FULL_LOAD_BYTES_PER_MS = 64 * 1024;

/**
 * Worker threads for the work that grows with the document: reading a PDF and appending the
 * signature field, and SHA-256 over large contents. A 50 MB PDF costs tens of milliseconds of
 * hashing, which would otherwise stall every other request of the process. Small documents are
 * handled on the calling thread. No key ever comes here: signatures are made by `KeyRing` on the
 * calling thread. Threads start on first use; idle ones do not keep the process alive.
 */
export class BytePool {
  private slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size = availableParallelism(),
    /** Where untrusted structure is read, one job per thread under a hard budget. */
    readonly guard: GuardLane = guardLane(),
  ) {}

  private spawn(): Slot {
    const worker = new Worker(workerScript());
    const slot: Slot = { worker, inflight: 0, completed: 0, pending: new Map() };
    worker.on('message', (results: Array<{ id: number; ok: boolean; result?: unknown; error?: JobFailure }>) => {
      for (const message of results) this.settle(slot, message);
    });
    worker.on('error', (error) => this.lose(slot, error));
    worker.on('exit', (code) => this.lose(slot, new Error(`a byte-pool worker stopped (exit code ${code})`)));
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
    else pending.reject(failure(message.error ?? { message: 'byte-pool worker failed' }));
  }

  private pick(): Slot {
    if (this.closed) throw new Error('the byte pool is closed');
    while (this.slots.length < this.size) this.slots.push(this.spawn());
    let best = this.slots[0]!;
    for (const slot of this.slots) if (slot.inflight < best.inflight) best = slot;
    return best;
  }

  private send<T>(job: ByteJob, transfer: ArrayBuffer[] = []): Promise<T> {
    const slot = this.pick();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.inflight += 1;
      if (slot.inflight === 1) slot.worker.ref();
      slot.worker.postMessage({ id, job }, transfer);
    });
  }

  /**
   * The PDF with its signature field appended; the caller's buffer is copied, not taken. The
   * structure is checked first, in the guard lane (any size: a 2 KB page tree can take minutes);
   * a file only pdf-lib can read is then prepared there too, under the same budget.
   */
  async preparePdf(pdf: Buffer, request: PdfSignatureRequest): Promise<PreparedPdf> {
    if (!pdf.subarray(0, 1024).includes('%PDF-')) throw refusals.notAPdf('The file is not a PDF: it has no %PDF- header.');
    const startxref = previousXref(pdf);
    const copy = new Uint8Array(pdf);
    const inspected = await this.guard.run<InspectedPdf>({ kind: 'inspect-pdf', data: copy, startxref, limits: pdfLimits() }, [copy.buffer]);
    const room = Buffer.allocUnsafeSlow(pdf.length + PDF_UPDATE_ROOM);
    pdf.copy(room);
    const job: ByteJob = { kind: 'prepare-pdf', room, length: pdf.length, request };
    type Posted = Omit<PreparedPdf, 'digest'> & { digest: Wire };
    let prepared: Posted;
    if (!inspected.lookup) prepared = await this.guard.run<Posted>(job, [room.buffer as ArrayBuffer], pdf.length / FULL_LOAD_BYTES_PER_MS);
    else if (pdf.length < INLINE_BYTES) return preparePdfSignature(room.subarray(0, pdf.length), request, room);
    else prepared = await this.send<Posted>(job, [room.buffer as ArrayBuffer]);
    return { ...prepared, bytes: asBuffer(prepared.bytes), digest: fromWire(prepared.digest) };
  }

  async sha256(data: Buffer): Promise<Buffer> {
    if (data.length < INLINE_BYTES) return hash('sha256', data, 'buffer');
    const copy = new Uint8Array(data);
    return fromWire(await this.send<Wire>({ kind: 'sha256', data: copy }, [copy.buffer]));
  }

  /** Jobs each running thread has finished: shows whether work is spread over the threads. */
  stats(): { threads: number; completedPerThread: number[] } {
    return { threads: this.slots.length, completedPerThread: this.slots.map((s) => s.completed) };
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

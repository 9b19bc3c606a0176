import { ApplicationFailure } from '@temporalio/common';
import {
  checkEvent,
  TASK_QUEUES,
  type ArchiveActivities,
  type BlobRef,
  type IntakeActivities,
  type ProbeActivities,
  type ServiceName,
  type SignatureSummary,
  type SigningActivities,
  type TransitionInput,
} from '@vanthu/shared';
// The event exactly as intake's activity builds it from what the workflow asked to record.
import { transitionEvent } from '../../../services/intake/src/records/transitions';

/*
 * The services' activities as the document workflows see them, in memory: each answers as its
 * service would (a number per document, the content replaced by each signature, a package per
 * archive), records what it was asked, and checks every transition's event against the published
 * catalogue. A test may hold one call until it lets it go (to race Updates against it) or give
 * one its own answer (a failed signature, a copy that does not verify). Only the workflows'
 * decisions are under test.
 */

export const ref = (n: number): BlobRef => ({ sha256: n.toString(16).padStart(64, '0'), size: 1000 + n, contentType: 'application/pdf' });
const summary = (signerName: string, n: number): SignatureSummary => ({ signatureId: `sig-${n}`, signerName, certificateSerial: '01', signedAt: '2026-12-03T09:00:00+07:00', timestamped: true });
/** A blob the fakes mint: a signature's output, told apart from the inputs tests give by its range. */
const minted = (n: number) => ref(0x10000 + n);

type DocumentActivities = IntakeActivities & SigningActivities & ArchiveActivities;

export interface ActivityCall {
  activity: string;
  args: unknown[];
}

interface Override {
  activity: string;
  match: (...args: never[]) => boolean;
  /** `fallback` is the answer the call would have had. */
  answer: (args: unknown[], fallback: () => Promise<unknown>) => Promise<unknown>;
  remaining: number;
}

/** A held call: `reached` once the workflow made it, `release()` lets it answer. */
export interface Hold {
  reached: Promise<void>;
  release(): void;
}

export class ServiceFakes {
  readonly calls: ActivityCall[] = [];
  /** Each transition once (a retried activity records once, as intake's does: the seq decides). */
  readonly transitions: TransitionInput[] = [];
  /** Events that broke their contract: a test asserts this stays empty. */
  readonly contractErrors: string[] = [];
  private readonly overrides: Override[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly arrivals = new Map<string, number>();
  private blobs = 0;
  private archived = 0;

  readonly intake: IntakeActivities = {
    recordTransition: (input) =>
      this.run('recordTransition', [input], async () => {
        const check = checkEvent(transitionEvent(input));
        if (!check.ok) this.contractErrors.push(`${input.aggregateId}#${input.seq} ${input.action}: ${check.errors.join('; ')}`);
        if (!this.transitions.some((t) => t.aggregateId === input.aggregateId && t.seq === input.seq)) this.transitions.push(input);
      }),
    recordRecipients: (documentId, recipients) => this.run('recordRecipients', [documentId, recipients], async () => undefined),
    // As intake's allocator: a document asking again (a retried issue) gets its number back.
    allocateDocumentNumber: (input) =>
      this.run('allocateDocumentNumber', [input], async () => {
        const number = this.numbers.get(input.documentId) ?? this.numbers.size + 1;
        this.numbers.set(input.documentId, number);
        return { number, notation: `${String(number).padStart(2, '0')}-${input.type}/TU` };
      }),
    registerIncoming: (input) =>
      this.run('registerIncoming', [input], async () => {
        const arrivalNumber = (this.arrivals.get(input.org) ?? 0) + 1;
        this.arrivals.set(input.org, arrivalNumber);
        return { arrivalNumber };
      }),
    loadArchivalRecord: (documentId) =>
      this.run('loadArchivalRecord', [documentId], async () => ({
        documentId,
        type: 'NQ',
        number: this.numbers.get(documentId) ?? 0,
        notation: `${this.numbers.get(documentId) ?? 0}-NQ/TU`,
        issuedAt: '2026-12-03T09:00:00+07:00',
        issuerCode: 'BS-TU',
        issuerName: 'Tỉnh ủy Bắc Sơn',
        subject: 'Nghị quyết',
        language: 'vi',
        pageCount: 1,
        signer: { fullName: 'Hoàng Văn Sơn', position: 'Bí thư', authority: 'T/M' },
        recipients: [],
        urgency: 'khan',
        secrecy: 'none',
        copies: 2,
        finalStatus: 'distributed',
        history: [{ seq: 1, at: '2026-12-03T09:00:00+07:00', action: 'created', status: 'draft' }],
      })),
    signingParties: (documentId) =>
      this.run('signingParties', [documentId], async () => ({
        signer: { userId: 'bs-secretary', fullName: 'Hoàng Văn Sơn', position: 'Bí thư', orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' },
        organisation: { orgCode: 'BS-TU', orgName: 'Tỉnh ủy Bắc Sơn' },
      })),
  };

  readonly signing: SigningActivities = {
    signAsPerson: (input) => this.run('signAsPerson', [input], async () => ({ content: minted(++this.blobs), signature: summary('Hoàng Văn Sơn', this.blobs) })),
    signAsOrganisation: (input) =>
      this.run('signAsOrganisation', [input], async () => ({
        content: minted(++this.blobs),
        signature: summary('Tỉnh ủy Bắc Sơn', this.blobs),
        attachments: input.attachments.map((attachment) => ({ attachment, signature: minted(++this.blobs), summary: summary('Tỉnh ủy Bắc Sơn', this.blobs) })),
      })),
    verifyDocument: (input) =>
      this.run('verifyDocument', [input], async () => ({
        valid: true,
        signatures: [],
        ...(input.keepMaterial && { material: { certificates: [minted(++this.blobs)], crls: [] } }),
      })),
  };

  readonly archive: ArchiveActivities = {
    archiveDocument: (input) =>
      this.run('archiveDocument', [input], async () => ({ packageId: `pkg-${input.workflowId}`, manifestSha256: 'f'.repeat(64), logIndex: this.archived, treeSize: ++this.archived })),
  };

  /** The probe each service's worker answers: its own queue, no dependencies of its own here. */
  probe(service: ServiceName): ProbeActivities {
    return {
      probe: () => this.run('probe', [service], async () => ({ service, taskQueue: TASK_QUEUES[service], mongoMs: 1, kafkaMs: 1, pid: process.pid, checkedAt: new Date().toISOString() })),
    };
  }

  /** Gives the next `times` calls of `activity` that `match` their own answer. */
  answer<A extends unknown[]>(activity: string, match: (...args: A) => boolean, answer: (...args: A) => Promise<unknown>, times = 1): void {
    this.overrides.push({ activity, match: match as unknown as Override['match'], answer: (args) => answer(...(args as A)), remaining: times });
  }

  /** Fails the next matching call with a non-retryable failure of `type`, as a service refuses. */
  refuse<A extends unknown[]>(activity: string, match: (...args: A) => boolean, type: string, message: string): void {
    this.answer(activity, match, async () => {
      throw ApplicationFailure.create({ type, message, nonRetryable: true });
    });
  }

  /** Holds the next matching call until released; it then answers as it would have. */
  hold<A extends unknown[]>(activity: string, match: (...args: A) => boolean): Hold {
    let reached!: () => void;
    let release!: () => void;
    const reachedP = new Promise<void>((r) => (reached = r));
    const released = new Promise<void>((r) => (release = r));
    this.overrides.push({
      activity,
      match: match as unknown as Override['match'],
      remaining: 1,
      answer: async (_args, fallback) => {
        reached();
        await released;
        return fallback();
      },
    });
    return { reached: reachedP, release };
  }

  of(aggregateId: string): TransitionInput[] {
    return this.transitions.filter((t) => t.aggregateId === aggregateId).sort((a, b) => a.seq - b.seq);
  }

  actions(aggregateId: string): string[] {
    return this.of(aggregateId).map((t) => t.action);
  }

  /** The arguments of each call of `activity` whose first argument concerns `documentId`, in order. */
  callsOf<K extends keyof DocumentActivities>(activity: K, documentId: string): Parameters<DocumentActivities[K]>[] {
    return this.calls.filter((c) => c.activity === activity && concerns(c.args[0], documentId)).map((c) => c.args as Parameters<DocumentActivities[K]>);
  }

  private run<T>(activity: string, args: unknown[], fallback: () => Promise<T>): Promise<T> {
    this.calls.push({ activity, args });
    const override = this.overrides.find((o) => o.activity === activity && o.remaining > 0 && (o.match as (...a: unknown[]) => boolean)(...args));
    if (!override) return fallback();
    override.remaining -= 1;
    return override.answer(args, fallback) as Promise<T>;
  }
}

/** A call concerns a document by its id, given as is, as a field, or in an archive's metadata. */
function concerns(arg: unknown, documentId: string): boolean {
  if (typeof arg === 'string') return arg === documentId;
  const input = arg as { documentId?: string; metadata?: { documentId?: string } } | null;
  return input?.documentId === documentId || input?.metadata?.documentId === documentId;
}


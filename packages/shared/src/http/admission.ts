import type { RequestHandler, Response } from 'express';
import { Problem } from '../errors/problem';
import { isLongLived } from './in-flight-limit';

export interface AdmissionOptions {
  /** The latency this process should keep its requests under, at `percentile`. */
  targetMs: number;
  /** Which quantile of the window's latencies is held to the target (0.5, the median, by default). */
  percentile?: number;
  /** How long a window of observations is; the admitted rate changes at most once per window. */
  windowMs?: number;
  /** The admitted rate never falls below this, so new work always trickles in and the signal stays alive. */
  minPerSecond?: number;
  maxPerSecond?: number;
  /** A window with fewer finished requests than this says nothing about latency. */
  minSamples?: number;
  now?: () => number;
}

export interface AdmissionState {
  /** New work admitted per second now; `maxPerSecond` while the process keeps its target. */
  ratePerSecond: number;
  /** The last full window's latency at the percentile, when it had enough requests. */
  latencyMs?: number;
  admitted: number;
  refused: number;
}

export type AdmissionDecision = { admitted: true } | { admitted: false; retryAfterSeconds: number };

// Enough for a window of a busy process.
const MAX_SAMPLES = 4_096;

function quantile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * Admission control for new work (a new document), driven by the latency of the work already
 * admitted. A request that starts something (workflows, signatures, deliveries, an archive
 * package) costs the system far more later than it costs the API now, so a fixed in-flight cap
 * on the API never sees the overload coming: the cores fill with the background work of
 * documents accepted seconds ago, and every request slows. Here every request the process
 * finishes is timed; when a window's latency at the percentile (the services hold the 99th,
 * edge-settings.ts: what the slowest accepted requests wait is what overload costs) exceeds the target, the rate of
 * new work admitted falls below what was let in during that window (×0.7), and while the target
 * holds it climbs back (+10 % per window while refusing, doubling once nothing is refused).
 * Requests acting on work already admitted are never refused here: finishing accepted work is
 * what brings latency back. New work past the rate gets 429 with Retry-After.
 */
export class AdmissionControl {
  private readonly targetMs: number;
  private readonly percentile: number;
  private readonly windowMs: number;
  private readonly minPerSecond: number;
  private readonly maxPerSecond: number;
  private readonly minSamples: number;
  private readonly now: () => number;
  private rate: number;
  private tokens: number;
  private tokensAt: number;
  private windowStart: number;
  private samples: number[] = [];
  private admittedInWindow = 0;
  private refusedInWindow = 0;
  private lastLatency: number | undefined;
  private admittedTotal = 0;
  private refusedTotal = 0;

  constructor(options: AdmissionOptions) {
    this.targetMs = options.targetMs;
    this.percentile = options.percentile ?? 0.5;
    this.windowMs = options.windowMs ?? 3_000;
    this.minPerSecond = options.minPerSecond ?? 0.05;
    this.maxPerSecond = options.maxPerSecond ?? 1_000;
    this.minSamples = options.minSamples ?? 5;
    this.now = options.now ?? (() => performance.now());
    this.rate = this.maxPerSecond;
    this.tokens = this.burst();
    this.tokensAt = this.now();
    this.windowStart = this.tokensAt;
  }

  /** A finished request's latency (anything that did work; not the refusals of the edge). */
  observe(ms: number): void {
    this.roll(this.now());
    if (this.samples.length < MAX_SAMPLES) this.samples.push(ms);
    // Past the cap, a random one is replaced: the quantile stays about right, the memory bounded.
    else this.samples[Math.floor(Math.random() * MAX_SAMPLES)] = ms;
  }

  /** Whether one more piece of new work may start now. */
  admit(): AdmissionDecision {
    const t = this.now();
    this.roll(t);
    this.refill(t);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.admittedInWindow += 1;
      this.admittedTotal += 1;
      return { admitted: true };
    }
    this.refusedInWindow += 1;
    this.refusedTotal += 1;
    return { admitted: false, retryAfterSeconds: Math.min(60, Math.max(1, Math.ceil((1 - this.tokens) / this.rate))) };
  }

  state(): AdmissionState {
    this.roll(this.now());
    return {
      ratePerSecond: this.rate,
      ...(this.lastLatency !== undefined && { latencyMs: this.lastLatency }),
      admitted: this.admittedTotal,
      refused: this.refusedTotal,
    };
  }

  private burst(): number {
    return Math.max(1, this.rate);
  }

  private refill(t: number): void {
    this.tokens = Math.min(this.burst(), this.tokens + ((t - this.tokensAt) / 1000) * this.rate);
    this.tokensAt = t;
  }

  private clamp(rate: number): number {
    return Math.min(this.maxPerSecond, Math.max(this.minPerSecond, rate));
  }

  private roll(t: number): void {
    if (t - this.windowStart < this.windowMs) return;
    this.refill(t);
    const seconds = (t - this.windowStart) / 1000;
    const latency = this.samples.length >= this.minSamples ? quantile(this.samples, this.percentile) : undefined;
    if (latency !== undefined && latency > this.targetMs) {
      // Below what was let in while latency grew: that is the work now loading the system.
      this.rate = this.clamp(Math.min(this.rate, this.admittedInWindow / seconds) * 0.7);
    } else if (this.refusedInWindow > 0) {
      this.rate = this.clamp(this.rate + Math.max(this.minPerSecond, this.rate * 0.1));
    } else {
      this.rate = this.clamp(this.rate * 2);
    }
    this.tokens = Math.min(this.tokens, this.burst());
    this.lastLatency = latency;
    this.samples = [];
    this.admittedInWindow = 0;
    this.refusedInWindow = 0;
    // A long idle gap counts as one window, not many.
    this.windowStart = t;
  }
}

const ADMISSION = 'vanthuAdmission';

/**
 * Times every request that passed the edge, for the process's admission control, and makes the
 * control reachable by `admitNewWork` on the routes that start new work. Refusals (429, 503)
 * are not timed: they cost nothing and would only hide the latency of the work done.
 */
export function admissionTiming(admission: AdmissionControl): RequestHandler {
  return (_req, res, next) => {
    res.locals[ADMISSION] = admission;
    const started = performance.now();
    res.once('finish', () => {
      if (isLongLived(res) || res.statusCode === 429 || res.statusCode === 503) return;
      admission.observe(performance.now() - started);
    });
    next();
  };
}

export function admissionOf(res: Response): AdmissionControl | undefined {
  return res.locals[ADMISSION] as AdmissionControl | undefined;
}

/**
 * On a route that starts new work (a new document): admitted at the rate the process's latency
 * allows, else 429 with Retry-After, before its body is read. `what` names the work in the answer.
 */
export function admitNewWork(what: string): RequestHandler {
  return (_req, res, next) => {
    const decision = admissionOf(res)?.admit() ?? { admitted: true };
    if (decision.admitted) return next();
    next(
      new Problem(429, 'system-busy', `The system is working through the ${what} it has accepted; try again in ${decision.retryAfterSeconds} s.`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      }),
    );
  };
}

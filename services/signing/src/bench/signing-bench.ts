#!/usr/bin/env node
import cluster from 'node:cluster';
import { createHash } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { startSigningProcesses, serveAsSigningProcess } from './bench-processes';
import { benchSetup, benchSigner } from './bench-signer';
import { median, opensslSpeed, rate, syncSignRate } from './measure';

/**
 * Signing throughput against OpenSSL's raw RSA-2048 rate. Engine only: the service's own signing
 * path (DocumentSigner, KeyRing signing on the calling thread, the CMS and PDF code, the byte pool
 * for the PDF), in one process and in one process per core as the service runs, without database
 * writes or timestamps. The machine is shared and its load changes within seconds, so each of our
 * figures is measured right after its OpenSSL baseline, round after round: a figure's value is the
 * median of its rounds, its `baseline` the median of the OpenSSL runs paired with it, and the
 * table shows each round's paired ratio too.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.8;

interface Figure {
  name: string;
  unit?: string;
  rounds: number[];
  /** The figure it is compared with, measured just before each of its rounds, and the target ratio when there is one. */
  baseline?: string;
  paired: number[];
  target?: number;
  measure: () => Promise<number> | number;
}

const pct = (r: number) => `${(r * 100).toFixed(0)}%`;
const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function main(): Promise<void> {
  const cores = availableParallelism();
  const setup = await benchSetup(1024 * 1024);
  const own = benchSigner(setup);
  const processes = await startSigningProcesses(cores, setup);
  const digest = createHash('sha256').update(setup.content).digest();
  // In flight per process: one, and four (requests queue behind the one being signed).
  const deep = 4;

  await rate(deep, own.cms, 0.5);
  await rate(deep, own.pades, 0.5);
  await rate(deep, own.padesSealed, 0.5);

  const one = 'openssl_speed_rsa2048_sign_1core';
  const all = `openssl_speed_rsa2048_sign_${cores}cores`;
  const figures: Figure[] = [
    { name: one, rounds: [], paired: [], measure: () => opensslSpeed(SECONDS, 1) },
    { name: all, rounds: [], paired: [], measure: () => opensslSpeed(SECONDS, cores) },
    { name: 'node_crypto_rsa2048_sign_sync_1thread', rounds: [], paired: [], baseline: one, measure: () => syncSignRate(setup.privateKey, digest, SECONDS) },
    { name: 'cms_sign_1process_concurrency1', rounds: [], paired: [], baseline: one, target: TARGET, measure: () => rate(1, own.cms, SECONDS) },
    { name: 'cms_sign_1process_concurrency4', rounds: [], paired: [], baseline: one, measure: () => rate(deep, own.cms, SECONDS) },
    { name: `cms_sign_${cores}processes_concurrency${cores}`, rounds: [], paired: [], baseline: all, target: TARGET, measure: () => processes.run('cms', 1, SECONDS) },
    { name: `cms_sign_${cores}processes_concurrency${cores * deep}`, rounds: [], paired: [], baseline: all, target: TARGET, measure: () => processes.run('cms', deep, SECONDS) },
    { name: 'pades_sign_1MB_1process_concurrency1', rounds: [], paired: [], baseline: one, measure: () => rate(1, own.pades, SECONDS) },
    { name: 'pades_sign_sealed_1MB_1process_concurrency1', rounds: [], paired: [], baseline: one, measure: () => rate(1, own.padesSealed, SECONDS) },
    { name: `pades_sign_1MB_${cores}processes_concurrency${cores * deep}`, rounds: [], paired: [], baseline: all, measure: () => processes.run('pades', deep, SECONDS) },
  ];
  const byName = new Map(figures.map((f) => [f.name, f]));
  const loadBefore = loadavg()[0]!;
  for (let r = 0; r < ROUNDS; r += 1) {
    for (const figure of figures) {
      const base = figure.baseline ? byName.get(figure.baseline)! : undefined;
      if (!base) continue;
      const baseline = await base.measure();
      base.rounds.push(baseline);
      figure.paired.push(baseline);
      figure.rounds.push(await figure.measure());
    }
  }
  const loadAfter = loadavg()[0]!;
  processes.close();
  await own.pool.close();

  const rows = figures.map((f) => {
    const value = median(f.rounds);
    const baseline = f.baseline ? median(f.paired) : undefined;
    const ratio = baseline ? value / baseline : undefined;
    const ratios = f.paired.map((b, i) => f.rounds[i]! / b);
    return { ...f, value, baselineValue: baseline, ratio, ratios };
  });

  console.log(
    `signing benchmark: ${cores} cores, 1 process and ${cores} processes (node:cluster), signing on the calling thread, ` +
      `${ROUNDS} rounds of ${SECONDS}s per figure, RSA-2048 SHA-256, PDF ${setup.pdf.length} bytes, no timestamp; ` +
      `node ${process.versions.node}, OpenSSL ${process.versions.openssl}; load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`,
  );
  const head = ['figure (signatures/s)'.padEnd(44), 'median'.padStart(8), ...Array.from({ length: ROUNDS }, (_, i) => `round${i + 1}`.padStart(8)), 'openssl'.padStart(8), 'vs openssl'.padStart(11), 'per round'.padStart(11), '  target'];
  console.log(head.join(' '));
  for (const row of rows) {
    const target = row.target === undefined ? '' : `  >=${pct(row.target)}: ${row.ratio! >= row.target ? 'MET' : 'NOT MET'}`;
    const spread = row.ratios.length ? `${pct(Math.min(...row.ratios))}-${pct(Math.max(...row.ratios))}` : '';
    // A baseline is run once per round of each figure paired with it: its columns show the median and the count.
    const rounds = row.baseline ? row.rounds.map((v) => v.toFixed(0).padStart(8)) : [`(${row.rounds.length} runs)`.padStart(8 * ROUNDS + ROUNDS - 1)];
    console.log(
      [
        `${row.name}${row.unit ? ` (${row.unit})` : ''}`.padEnd(44),
        row.value.toFixed(0).padStart(8),
        ...rounds,
        (row.baselineValue === undefined ? '' : row.baselineValue.toFixed(0)).padStart(8),
        (row.ratio === undefined ? '' : pct(row.ratio)).padStart(11),
        spread.padStart(11),
      ].join(' ') + target,
    );
  }
  for (const row of rows) {
    console.log(
      JSON.stringify({
        name: row.name,
        value: round3(row.value),
        unit: row.unit ?? 'signatures/s',
        rounds: row.rounds.map(round3),
        ...(row.baselineValue !== undefined && { baseline: round3(row.baselineValue), baseline_name: row.baseline, baseline_rounds: row.paired.map(round3), ratio: round3(row.ratio!) }),
        ...(row.target !== undefined && { target: row.target, met: row.ratio! >= row.target }),
      }),
    );
  }
}

if (cluster.isWorker) {
  serveAsSigningProcess();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

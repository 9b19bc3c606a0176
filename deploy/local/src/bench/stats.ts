/** Percentile by nearest rank over sorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs `total` jobs with at most `concurrency` in flight; returns each job's duration in ms. */
export async function runConcurrently(total: number, concurrency: number, job: (i: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        const started = performance.now();
        await job(i);
        durations.push(performance.now() - started);
      }
    }),
  );
  return durations;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

/** A readable table, then one JSON object per line per figure, as every benchmark here prints. */
export function report(title: string, figures: Figure[]): void {
  console.log(`\n${title}`);
  console.table(
    figures.map((f) => ({ figure: f.name, value: round(f.value), unit: f.unit, baseline: f.baseline === undefined ? '' : round(f.baseline), ratio: f.ratio === undefined ? '' : round(f.ratio) })),
  );
  for (const f of figures) console.log(JSON.stringify({ ...f, value: round(f.value), ...(f.baseline !== undefined && { baseline: round(f.baseline) }), ...(f.ratio !== undefined && { ratio: round(f.ratio) }) }));
}

const round = (n: number) => Math.round(n * 1000) / 1000;

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

type Totals = Record<string, { count: number; ms: number }>;

/**
 * `BENCH_PROFILE=1`: every service process writes the database commands it sent, by shape, to a
 * directory (MONGO_COMMAND_PROFILE, see connectMongo); the bench reads them around a phase.
 */
export function commandProfiles(enabled: boolean) {
  const dir = enabled ? mkdtempSync(join(tmpdir(), 'vanthu-profile-')) : undefined;
  const read = async (): Promise<Totals> => {
    if (!dir) return {};
    // The processes write once a second.
    await sleep(1_200);
    const sum: Totals = {};
    for (const file of readdirSync(dir)) {
      const totals = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Totals;
      for (const [key, t] of Object.entries(totals)) {
        const s = (sum[key] ??= { count: 0, ms: 0 });
        s.count += t.count;
        s.ms += t.ms;
      }
    }
    return sum;
  };
  return {
    env: (dir ? { MONGO_COMMAND_PROFILE: dir } : {}) as Record<string, string>,
    snapshot: read,
    /** Commands per unit of work between two snapshots, the most frequent first. */
    print(before: Totals, after: Totals, units: number, unit: string) {
      if (!dir) return;
      const rows = Object.entries(after)
        .map(([key, t]) => ({ key, count: t.count - (before[key]?.count ?? 0), ms: t.ms - (before[key]?.ms ?? 0) }))
        .filter((r) => r.count > 0)
        .sort((a, b) => b.count - a.count);
      const total = rows.reduce((n, r) => n + r.count, 0);
      console.log(`\nDatabase commands per ${unit}: ${(total / units).toFixed(1)} in all`);
      console.table(rows.map((r) => ({ 'database command collection {filter}': r.key, [`per ${unit}`]: Math.round((r.count / units) * 10) / 10, 'mean ms': Math.round((r.ms / r.count) * 10) / 10 })));
    },
  };
}

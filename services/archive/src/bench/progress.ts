/**
 * A line on stderr every few seconds while a long phase runs: done, total, rate and time left.
 * Plain lines rather than a redrawn bar, so they read the same in a terminal and in a log file.
 */
export function progress(label: string, total: number, everyMs = 5_000) {
  const started = performance.now();
  let done = 0;
  let shownAt = started;
  const line = (now: number) => {
    const seconds = (now - started) / 1000;
    const rate = done / Math.max(seconds, 1e-9);
    const left = rate > 0 ? Math.round((total - done) / rate) : NaN;
    const eta = Number.isFinite(left) ? `, ${Math.floor(left / 60)}m${String(left % 60).padStart(2, '0')}s left` : '';
    process.stderr.write(`${label}: ${done}/${total} (${Math.round((done / total) * 100)}%) in ${seconds.toFixed(1)} s, ${rate.toFixed(1)}/s${eta}\n`);
  };
  return {
    tick(count = 1) {
      done += count;
      const now = performance.now();
      if (now - shownAt >= everyMs) {
        shownAt = now;
        line(now);
      }
    },
    done() {
      line(performance.now());
    },
  };
}

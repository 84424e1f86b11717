// Medians and spreads of repeated measurements. Benchmarks report a median over repeats, never one run.
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/** Runs `operation` `iterations` times per repeat after a warm-up; returns microseconds per operation, per repeat. */
export function timeLoop(operation: () => unknown, iterations: number, repeats: number): number[] {
  let sink: unknown;
  for (let i = 0; i < Math.min(iterations, 2_000); i += 1) sink = operation();
  const perOperation: number[] = [];
  for (let r = 0; r < repeats; r += 1) {
    const started = performance.now();
    for (let i = 0; i < iterations; i += 1) sink = operation();
    perOperation.push(((performance.now() - started) * 1000) / iterations);
  }
  if (sink === Symbol.for('never')) console.log(sink); // keeps the loop's result alive
  return perOperation;
}

export function formatSpread(summary: Summary, digits = 2): string {
  return `${summary.median.toFixed(digits)} (${summary.min.toFixed(digits)}–${summary.max.toFixed(digits)})`;
}

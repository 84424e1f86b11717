// A closed-loop load generator: `concurrency` workers each send the next call as soon as the previous answers,
// until `total` calls are done. Records every call's latency.
import { summarize, type Summary } from './stats.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

export async function runLoad(call: (index: number) => Promise<boolean>, total: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const callStarted = performance.now();
        const ok = await call(index).catch(() => false);
        latencies.push(performance.now() - callStarted);
        if (!ok) failures += 1;
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requestsPerSecond: (total / elapsed) * 1000, p50Ms: at(0.5), p99Ms: at(0.99), failures };
}

export interface LoadSummary {
  requestsPerSecond: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  failures: number;
}

export function summarizeLoads(results: LoadResult[]): LoadSummary {
  return {
    requestsPerSecond: summarize(results.map((r) => r.requestsPerSecond)),
    p50Ms: summarize(results.map((r) => r.p50Ms)),
    p99Ms: summarize(results.map((r) => r.p99Ms)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  };
}

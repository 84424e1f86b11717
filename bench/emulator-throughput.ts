// Emulator throughput with signature verification: autocannon drives signed DELETEs (each signed afresh, each
// deleting a different record, so every one is verified and applied) against the built emulator in its own process.
import autocannon from 'autocannon';
import { signRequest } from '../dist/src/index.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { formatSpread, summarize, type Summary } from './lib/stats.js';

const TENANT = { ak: 'BENCHACCESSKEY000001', sk: 'bench-secret-key-000000000000000000000001', projectId: '0123456789abcdef0123456789abcdef' };

export interface EmulatorThroughputResult {
  requestsPerSecond: Summary;
  p99Ms: Summary;
  connections: number;
  seconds: number;
  non2xx: number;
}

export async function runEmulatorThroughputBench({ smoke = false } = {}): Promise<EmulatorThroughputResult> {
  const runs = smoke ? 1 : 5;
  const seconds = smoke ? 1 : 4;
  const connections = 32;
  const records = smoke ? 20_000 : 400_000;
  const emulator = await startEmulatorProcess({
    tenants: [TENANT],
    mpcTasks: Array.from({ length: records }, (_, index) => ({ projectId: TENANT.projectId, taskId: index + 1, status: 'SUCCEEDED' as const })),
    rateLimitPerMinute: 1_000_000_000,
  });
  const rps: number[] = [];
  const p99: number[] = [];
  let next = 1;
  let non2xx = 0;
  try {
    // One unmeasured run first, so the medians compare warmed-up code.
    for (let run = smoke ? 0 : -1; run < runs; run += 1) {
      const result = await autocannon({
        url: emulator.url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'DELETE',
            setupRequest: (request) => {
              const path = `/v1/${TENANT.projectId}/transcodings/task?task_id=${next++}`;
              const headers = signRequest({ method: 'DELETE', url: `${emulator.url}${path}` }, TENANT);
              return { ...request, path, headers: { ...headers } };
            },
          },
        ],
      });
      non2xx += result.non2xx + result.errors;
      if (run < 0) continue;
      rps.push(result.requests.average);
      p99.push(result.latency.p99);
    }
  } finally {
    await emulator.stop();
  }
  return { requestsPerSecond: summarize(rps), p99Ms: summarize(p99), connections, seconds, non2xx };
}

export function emulatorTable(result: EmulatorThroughputResult): string[][] {
  return [
    ['measure', 'median (min–max)'],
    ['signed DELETEs verified and applied per second', formatSpread(result.requestsPerSecond, 0)],
    ['p99 latency, ms', formatSpread(result.p99Ms, 1)],
  ];
}

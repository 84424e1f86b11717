// End-to-end calls on loopback against the emulator (built, in its own process, verifying every signature):
// raw fetch with headers signed in advance (the floor), our VOD client (validation, signing, middleware,
// error handling), and the official SDK's VOD client. Every call cancels a different queued asset and must
// answer 204. Runs are interleaved so that noise hits all three alike.
import { createRequire } from 'node:module';
import { akskAuth, createVodClient, signRequest } from '../dist/src/index.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { runLoad, summarizeLoads, type LoadResult, type LoadSummary } from './lib/load.js';
import { formatSpread } from './lib/stats.js';

const require = createRequire(import.meta.url);
const TENANT = { ak: 'BENCHACCESSKEY000002', sk: 'bench-secret-key-000000000000000000000002', projectId: '0123456789abcdef0123456789abcdef' };

type ClientName = 'raw fetch (pre-signed)' | 'hwcloud-media createVodClient' | 'official SDK VodClient';
export const CLIENTS: ClientName[] = ['raw fetch (pre-signed)', 'hwcloud-media createVodClient', 'official SDK VodClient'];

export interface EndToEndResult {
  concurrencies: number[];
  runs: number;
  calls: Record<number, number>;
  results: Record<ClientName, Record<number, LoadSummary>>;
}

export async function runEndToEndBench({ smoke = false } = {}): Promise<EndToEndResult> {
  const runs = smoke ? 1 : 5;
  const calls: Record<number, number> = smoke ? { 1: 20, 32: 64 } : { 1: 400, 32: 3_000 };
  const concurrencies = [1, 32];
  const perRound = concurrencies.reduce((sum, c) => sum + calls[c]!, 0);
  const assets = perRound * CLIENTS.length * (runs + 1);
  const emulator = await startEmulatorProcess({
    tenants: [TENANT],
    vodAssets: Array.from({ length: assets }, (_, index) => ({ projectId: TENANT.projectId, assetId: `asset${index}`, transcodeStatus: 'WAITING_TRANSCODE' as const })),
    rateLimitPerMinute: 1_000_000_000,
  });
  let nextAsset = 0;
  const path = (assetId: string) => `/v1.0/${TENANT.projectId}/asset/process?asset_id=${assetId}`;

  const ours = createVodClient({ endpoint: emulator.url, projectId: TENANT.projectId, auth: akskAuth(TENANT) });
  const core = require('@huaweicloud/huaweicloud-sdk-core') as { BasicCredentials: new () => { withAk(v: string): any } };
  const vod = require('@huaweicloud/huaweicloud-sdk-vod') as {
    VodClient: { newBuilder(): any };
    CancelAssetTranscodeTaskRequest: new () => { assetId?: string };
  };
  const credentials = new core.BasicCredentials().withAk(TENANT.ak).withSk(TENANT.sk).withProjectId(TENANT.projectId);
  const official = vod.VodClient.newBuilder().withCredential(credentials).withEndpoint(emulator.url).build() as {
    cancelAssetTranscodeTask(request: object): Promise<{ httpStatusCode?: number }>;
  };

  const makeCall: Record<ClientName, (total: number) => (index: number) => Promise<boolean>> = {
    'raw fetch (pre-signed)': (total) => {
      // Signed before the clock starts: this row is the cost of the HTTP round trip alone.
      const prepared = Array.from({ length: total }, () => {
        const url = `${emulator.url}${path(`asset${nextAsset++}`)}`;
        return { url, headers: { ...signRequest({ method: 'DELETE', url }, TENANT) } };
      });
      return async (index) => {
        const { url, headers } = prepared[index]!;
        const response = await fetch(url, { method: 'DELETE', headers });
        await response.arrayBuffer();
        return response.status === 204;
      };
    },
    'hwcloud-media createVodClient': () => async () => {
      await ours.cancelAssetTranscodeTask(`asset${nextAsset++}`);
      return true;
    },
    'official SDK VodClient': () => async () => {
      const request = new vod.CancelAssetTranscodeTaskRequest();
      request.assetId = `asset${nextAsset++}`;
      const answer = await official.cancelAssetTranscodeTask(request);
      return answer.httpStatusCode === 204;
    },
  };

  const samples = Object.fromEntries(CLIENTS.map((client) => [client, Object.fromEntries(concurrencies.map((c) => [c, [] as LoadResult[]]))])) as Record<
    ClientName,
    Record<number, LoadResult[]>
  >;
  try {
    for (let run = smoke ? 0 : -1; run < runs; run += 1) {
      for (const concurrency of concurrencies) {
        for (const client of CLIENTS) {
          const total = calls[concurrency]!;
          const result = await runLoad(makeCall[client](total), total, concurrency);
          if (run >= 0) samples[client][concurrency]!.push(result); // run -1 warms every path up
        }
      }
    }
  } finally {
    await emulator.stop();
  }
  const results = Object.fromEntries(
    CLIENTS.map((client) => [client, Object.fromEntries(concurrencies.map((c) => [c, summarizeLoads(samples[client][c]!)]))]),
  ) as Record<ClientName, Record<number, LoadSummary>>;
  return { concurrencies, runs, calls, results };
}

export function endToEndTable(result: EndToEndResult): string[][] {
  const rows = [['client', 'concurrency', 'requests/s', 'p50 ms', 'p99 ms', 'throughput vs raw fetch', 'failed calls']];
  for (const concurrency of result.concurrencies) {
    const floor = result.results['raw fetch (pre-signed)'][concurrency]!.requestsPerSecond.median;
    for (const client of CLIENTS) {
      const summary = result.results[client][concurrency]!;
      rows.push([
        client,
        String(concurrency),
        formatSpread(summary.requestsPerSecond, 0),
        formatSpread(summary.p50Ms, 2),
        formatSpread(summary.p99Ms, 2),
        `${(summary.requestsPerSecond.median / floor).toFixed(2)}×`,
        String(summary.failures),
      ]);
    }
  }
  return rows;
}

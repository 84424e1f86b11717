// 10,000 operations through the clients at concurrency 64 against the emulator, with 5% of requests answered
// 503, 1% reset after the operation was applied (the answer is lost) and 0.5% reset before. Every call must
// settle, and the books must balance exactly: what the emulator applied is what the clients report done (or
// report as a lost answer), every deletable record is deleted once, every queued asset canceled once, and
// nothing else is touched. The figures go to test-results/reliability/load.json and the test's output.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seededRandom } from '../../src/emulator/prng.js';
import { startEmulator, type MpcTaskSeed, type MpcTaskStatus, type VodAssetSeed, type VodTranscodeStatus } from '../../src/emulator/index.js';
import { akskAuth, createMpcClient, createVodClient, HuaweiCloudError, NetworkError, TimeoutError, type OperationResult } from '../../src/index.js';
import { TENANT } from '../helpers/emulator.js';
import { processWatch, recordFigures, settleTicks } from './support.js';

const OPERATIONS = 10_000;
const CONCURRENCY = 64;
const SEED = 20_240_901;
const RETRY = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50 };
// Generous per attempt: it never fires on loopback; it is there so that nothing can wait forever.
const TIMEOUT_MS = 15_000;
// The whole run must end well inside this, or every call still running is aborted and the test fails.
const DEADLINE_MS = 90_000;
const FAULTS = [
  { probability: 0.05, action: { type: 'status', status: 503 } },
  { probability: 0.01, action: { type: 'reset', when: 'after-apply' } },
  { probability: 0.005, action: { type: 'reset', when: 'before-headers' } },
] as const;

// 4,000 MPC records in a final state (deletable) and 1,000 not; 4,000 VOD assets queued and 1,000 not.
const FINAL: MpcTaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED'];
const NOT_FINAL: MpcTaskStatus[] = ['WAITING', 'TRANSCODING', 'NEED_TO_BE_AUDIT'];
const NOT_QUEUED: VodTranscodeStatus[] = ['UN_TRANSCODE', 'TRANSCODING', 'TRANSCODE_SUCCEED', 'TRANSCODE_FAILED'];
const mpcTasks: MpcTaskSeed[] = Array.from({ length: 5_000 }, (_, index) => ({
  projectId: TENANT.projectId,
  taskId: 700_000 + index,
  status: index % 5 === 4 ? NOT_FINAL[index % 3]! : FINAL[index % 3]!,
}));
const vodAssets: VodAssetSeed[] = Array.from({ length: 5_000 }, (_, index) => ({
  projectId: TENANT.projectId,
  assetId: `asset-${String(index).padStart(5, '0')}-${(index * 2_654_435_761 >>> 0).toString(16)}`,
  transcodeStatus: index % 5 === 2 ? NOT_QUEUED[index % 4]! : 'WAITING_TRANSCODE',
}));

const seededTaskStatus = new Map(mpcTasks.map((task) => [task.taskId, task.status]));
const seededAssetStatus = new Map(vodAssets.map((asset) => [asset.assetId, asset.transcodeStatus]));

type Operation = { api: 'mpc'; id: number; applicable: boolean } | { api: 'vod'; id: string; applicable: boolean };
interface Settled {
  operation: Operation;
  result?: OperationResult;
  error?: unknown;
}

const key = (api: string, id: string | number) => `${api}:${id}`;
const watch = processWatch();
beforeAll(() => watch.start());
afterAll(() => watch.stop());

test(`${OPERATIONS} operations at concurrency ${CONCURRENCY} under 503s and resets: every call settles and the books balance exactly`, async () => {
  const emulator = await startEmulator({
    tenants: [TENANT],
    mpcTasks,
    vodAssets,
    rateLimitPerMinute: 1_000_000_000,
    faults: { seed: SEED, rules: FAULTS.map((rule) => ({ ...rule, action: { ...rule.action } })) },
  });
  try {
    // Every attempt's fate as the client side saw it, to balance against the emulator's own counts.
    const seen = { byStatus: {} as Record<string, number>, networkFailures: 0 };
    const countingFetch = async (request: Request) => {
      try {
        const response = await fetch(request);
        seen.byStatus[response.status] = (seen.byStatus[response.status] ?? 0) + 1;
        return response;
      } catch (error) {
        seen.networkFailures += 1;
        throw error;
      }
    };
    const options = {
      endpoint: emulator.url,
      projectId: TENANT.projectId,
      auth: akskAuth({ ak: TENANT.ak, sk: TENANT.sk, projectId: TENANT.projectId }),
      retry: RETRY,
      timeoutMs: TIMEOUT_MS,
      fetch: countingFetch,
    };
    const mpc = createMpcClient(options);
    const vod = createVodClient(options);

    const operations: Operation[] = [
      ...mpcTasks.map((task): Operation => ({ api: 'mpc', id: task.taskId, applicable: FINAL.includes(task.status) })),
      ...vodAssets.map((asset): Operation => ({ api: 'vod', id: asset.assetId, applicable: asset.transcodeStatus === 'WAITING_TRANSCODE' })),
    ];
    shuffle(operations, seededRandom(SEED));
    expect(operations).toHaveLength(OPERATIONS);

    const deadline = AbortSignal.timeout(DEADLINE_MS);
    const settled: Settled[] = [];
    let next = 0;
    let inFlight = 0;
    let peakInFlight = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < operations.length) {
          const operation = operations[next]!;
          next += 1;
          inFlight += 1;
          peakInFlight = Math.max(peakInFlight, inFlight);
          try {
            const result =
              operation.api === 'mpc'
                ? await mpc.deleteTranscodingTaskRecord(operation.id, { signal: deadline })
                : await vod.cancelAssetTranscodeTask(operation.id, { signal: deadline });
            settled.push({ operation, result });
          } catch (error) {
            settled.push({ operation, error });
          } finally {
            inFlight -= 1;
          }
        }
      }),
    );
    const wallMs = performance.now() - started;
    await settleTicks();
    const state = emulator.state();

    // Every call settled, once, with a result or one of our typed errors.
    expect(settled).toHaveLength(OPERATIONS);
    expect(new Set(settled.map((entry) => key(entry.operation.api, entry.operation.id))).size).toBe(OPERATIONS);
    const untyped = settled.filter((entry) => entry.error !== undefined && !(entry.error instanceof HuaweiCloudError || entry.error instanceof NetworkError || entry.error instanceof TimeoutError));
    expect(untyped.map((entry) => String(entry.error))).toEqual([]);
    expect(deadline.aborted).toBe(false);
    expect(peakInFlight).toBe(CONCURRENCY);

    // How each call ended, in one word.
    const outcomeOf = (entry: Settled): string => {
      if (entry.result) return entry.result.outcome;
      const error = entry.error as HuaweiCloudError | NetworkError | TimeoutError;
      const code = error instanceof HuaweiCloudError ? ` ${error.status} ${error.errorCode ?? '-'}` : '';
      return `${error.name}${code}${error.afterLostResponse ? ' after a lost response' : ''}`;
    };
    const outcomes: Record<string, number> = {};
    for (const entry of settled) outcomes[outcomeOf(entry)] = (outcomes[outcomeOf(entry)] ?? 0) + 1;

    // What the clients report done, and the VOD cancels whose answer was lost: their retry was told the
    // asset is not queued any more (VOD.10083 with afterLostResponse), the lost attempt's own doing.
    const reportedDone = new Set(settled.filter((entry) => entry.result).map((entry) => key(entry.operation.api, entry.operation.id)));
    const lostCancels = settled.filter(
      (entry) => entry.operation.api === 'vod' && entry.error instanceof HuaweiCloudError && entry.error.errorCode === 'VOD.10083' && entry.error.afterLostResponse,
    );
    const lostCancelsOfQueued = new Set(lostCancels.filter((entry) => entry.operation.applicable).map((entry) => key('vod', entry.operation.id)));
    const appliedKeys = state.applied.map((entry) => key(entry.api, entry.id));
    const applied = new Set(appliedKeys);

    // Nothing applied twice, and the emulator applied exactly what the clients account for.
    expect(appliedKeys.length).toBe(applied.size);
    expect([...applied].sort()).toEqual([...new Set([...reportedDone, ...lostCancelsOfQueued])].sort());
    for (const entry of state.applied) expect(entry.projectId).toBe(TENANT.projectId);

    // Per kind of record, the expected outcome and the state it was left in.
    const remainingTasks = new Map(state.mpcTasks.map((task) => [task.taskId, task.status]));
    const assetStatus = new Map(state.vodAssets.map((asset) => [asset.assetId, asset.transcodeStatus]));
    const unexpected: string[] = [];
    for (const entry of settled) {
      const { operation } = entry;
      const outcome = outcomeOf(entry);
      const id = key(operation.api, operation.id);
      if (operation.api === 'mpc' && operation.applicable) {
        if (!entry.result) unexpected.push(`${id} (deletable): ${outcome}`);
        if (remainingTasks.has(operation.id) || !applied.has(id)) unexpected.push(`${id}: not deleted`);
      } else if (operation.api === 'mpc') {
        if (!(entry.error instanceof HuaweiCloudError && entry.error.errorCode === 'MPC.10213')) unexpected.push(`${id} (not final): ${outcome}`);
        if (remainingTasks.get(operation.id) !== seededTaskStatus.get(operation.id) || applied.has(id)) unexpected.push(`${id}: touched`);
      } else if (operation.applicable) {
        const lost = lostCancelsOfQueued.has(id);
        if (entry.result?.outcome !== 'applied' && !lost) unexpected.push(`${id} (queued): ${outcome}`);
        if (assetStatus.get(operation.id) !== 'UN_TRANSCODE' || !applied.has(id)) unexpected.push(`${id}: not canceled`);
      } else {
        if (!(entry.error instanceof HuaweiCloudError && entry.error.errorCode === 'VOD.10083')) unexpected.push(`${id} (not queued): ${outcome}`);
        if (assetStatus.get(operation.id) !== seededAssetStatus.get(operation.id) || applied.has(id)) unexpected.push(`${id}: touched`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(state.mpcTasks).toHaveLength(1_000);
    expect(state.vodAssets).toHaveLength(5_000);

    // The two sides' counts agree, request for request.
    const attempts = settled.reduce((sum, entry) => sum + (entry.result?.attempts ?? (entry.error as { attempts: number }).attempts), 0);
    const answers = state.requests.byOutcome;
    expect(state.requests.total).toBe(attempts);
    expect(seen.networkFailures).toBe(answers['reset'] ?? 0);
    for (const [status, count] of Object.entries(seen.byStatus)) expect(answers[status], `status ${status}`).toBe(count);
    // Every 204 ended a call as applied; every 403 (MPC.10211) ended one as applied-before-lost-response;
    // every 400 ended one with a refusal. Only 503s and resets led to retries.
    const appliedBefore = outcomes['applied-before-lost-response'] ?? 0;
    expect(answers['204']).toBe(outcomes['applied']);
    expect(answers['403'] ?? 0).toBe(appliedBefore);
    expect(answers['400']).toBe(settled.filter((entry) => entry.error instanceof HuaweiCloudError && entry.error.status === 400).length);
    expect(attempts - OPERATIONS).toBe((answers['503'] ?? 0) + (answers['reset'] ?? 0));
    expect(Object.keys(answers).sort()).toEqual(['204', '400', '403', '503', 'reset']);

    // Lost answers happened, and were reported as such.
    expect(appliedBefore).toBeGreaterThan(0);
    expect(lostCancelsOfQueued.size).toBeGreaterThan(0);
    await settleTicks();
    expect(watch.unhandled, 'unhandled rejections').toEqual([]);
    expect(watch.warnings, 'process warnings').toEqual([]);

    const figures = {
      operations: OPERATIONS,
      concurrency: CONCURRENCY,
      seed: SEED,
      faults: '503 p=0.05, reset after-apply p=0.01, reset before-headers p=0.005 (per request, seeded)',
      retry: RETRY,
      timeoutMs: TIMEOUT_MS,
      seeded: { mpcDeletable: 4_000, mpcNotFinal: 1_000, vodQueued: 4_000, vodNotQueued: 1_000 },
      requests: state.requests.total,
      retries: attempts - OPERATIONS,
      emulatorAnswers: answers,
      injected503: answers['503'] ?? 0,
      injectedResets: answers['reset'] ?? 0,
      outcomes,
      lostAnswers: { mpcAppliedBeforeLostResponse: appliedBefore, vodCancelsAnsweredAfterLoss: lostCancels.length, ofWhichQueuedAndApplied: lostCancelsOfQueued.size },
      applied: appliedKeys.length,
      maxAttemptsUsed: Math.max(...settled.map((entry) => entry.result?.attempts ?? (entry.error as { attempts: number }).attempts)),
      wallTimeMs: Math.round(wallMs),
      callsPerSecond: Math.round((OPERATIONS / wallMs) * 1000),
      node: process.version,
    };
    console.log(`load accounting:\n${recordFigures('load', figures)}`);
  } finally {
    await emulator.close();
  }
}, DEADLINE_MS + 30_000);

function shuffle<T>(items: T[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}

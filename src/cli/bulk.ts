// Bulk runs: bounded concurrency, a client-side rate limit, the client's retries, progress, a summary, and an
// interruption that loses nothing.
import PQueue from 'p-queue';
import { HuaweiCloudError } from '../errors/huawei-cloud-error.js';
import type { OperationResult } from '../client/operation.js';

export type Outcome = 'done' | 'not-final' | 'not-queued' | 'not-found' | 'failed' | 'not-attempted';

export interface IdResult {
  id: string;
  outcome: Outcome;
  status?: number;
  errorCode?: string;
  requestId?: string;
  attempts?: number;
  /** Why, for anything but done; for done, set when an earlier attempt's lost answer had already applied it. */
  detail?: string;
}

export interface BulkOptions<T> {
  ids: Array<{ raw: string; value: T }>;
  call: (value: T, signal: AbortSignal) => Promise<OperationResult>;
  /** Error codes that mean "not in a state for this", e.g. MPC.10213 → not-final. */
  refusals: Record<string, Outcome>;
  concurrency: number;
  ratePerMinute: number;
  onResult: (result: IdResult) => void;
  onProgress?: (finished: number, total: number, counts: Record<Outcome, number>) => void;
  /** Fires once to stop starting new ids, and again to abort the calls in flight. */
  interrupt: { onFirst(listener: () => void): void; onSecond(listener: () => void): void };
}

export function emptyCounts(): Record<Outcome, number> {
  return { done: 0, 'not-final': 0, 'not-queued': 0, 'not-found': 0, failed: 0, 'not-attempted': 0 };
}

export async function runBulk<T>(options: BulkOptions<T>): Promise<{ results: IdResult[]; counts: Record<Outcome, number>; interrupted: boolean }> {
  // Evenly spaced starts rather than bursts: the documented limit is per minute, and spacing never exceeds it.
  const queue = new PQueue({ concurrency: options.concurrency, intervalCap: 1, interval: Math.ceil(60_000 / options.ratePerMinute) });
  const abort = new AbortController();
  const results = new Map<string, IdResult>();
  const counts = emptyCounts();
  let interrupted = false;

  const record = (result: IdResult) => {
    results.set(result.id, result);
    counts[result.outcome] += 1;
    options.onResult(result);
    options.onProgress?.(results.size, options.ids.length, counts);
  };

  options.interrupt.onFirst(() => {
    interrupted = true;
    queue.clear();
  });
  options.interrupt.onSecond(() => abort.abort(new Error('interrupted twice')));

  for (const id of options.ids) {
    void queue.add(async () => {
      if (interrupted) return;
      record(await settle(id.raw, () => options.call(id.value, abort.signal), options.refusals));
    });
  }
  await queue.onIdle();
  for (const id of options.ids) {
    if (!results.has(id.raw)) record({ id: id.raw, outcome: 'not-attempted', detail: 'interrupted before it was sent' });
  }
  return { results: options.ids.map((id) => results.get(id.raw)!), counts, interrupted };
}

async function settle(id: string, call: () => Promise<OperationResult>, refusals: Record<string, Outcome>): Promise<IdResult> {
  try {
    const result = await call();
    return {
      id,
      outcome: 'done',
      status: 204,
      ...(result.requestId ? { requestId: result.requestId } : {}),
      attempts: result.attempts,
      ...(result.outcome === 'applied-before-lost-response' ? { detail: 'applied by an earlier attempt whose answer was lost' } : {}),
    };
  } catch (error) {
    if (error instanceof HuaweiCloudError) {
      const refusal = error.errorCode ? refusals[error.errorCode] : undefined;
      return {
        id,
        outcome: refusal ?? 'failed',
        status: error.status,
        ...(error.errorCode ? { errorCode: error.errorCode } : {}),
        ...(error.requestId ? { requestId: error.requestId } : {}),
        attempts: error.attempts,
        detail: error.afterLostResponse ? `${error.errorMsg ?? error.message} (an earlier attempt's answer was lost; it may have been applied)` : (error.errorMsg ?? error.message),
      };
    }
    return { id, outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

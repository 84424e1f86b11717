// Shared by the reliability tests: clients on the emulator, the time budget a call may never outlive, a
// collector of unhandled rejections and process warnings, and a place for the figures RELIABILITY.md quotes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { akskAuth, createMpcClient, createVodClient } from '../../src/index.js';
import { TENANT } from '../helpers/emulator.js';
import { projectRoot } from '../helpers/project.js';

export interface Policy {
  timeoutMs: number;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
}

/** Small real delays: the matrix exercises the retry logic, not patience. */
export const FAST: Policy = { timeoutMs: 3_000, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 } };

/**
 * The longest a call may take under `policy`: every attempt running into its timeout, and every wait between
 * attempts at its ceiling. The backoff never waits more than maxDelayMs, and a Retry-After asking for more
 * ends the call at once, so maxDelayMs bounds each wait. (A clock-correction re-send would add one attempt;
 * none of these tests provokes one.)
 */
export function budgetMs(policy: Policy): number {
  return policy.retry.maxAttempts * policy.timeoutMs + (policy.retry.maxAttempts - 1) * policy.retry.maxDelayMs;
}

/**
 * Slack on top of the budget for a loaded 2-core machine (the load test may run in the other worker); the
 * bound proves that no call hangs past its limits, not that it is fast.
 */
export const BUDGET_MARGIN_MS = 3_000;

export function clients(endpoint: string, policy: Policy = FAST, extra: { fetch?: (request: Request) => Promise<Response> } = {}) {
  const common = { endpoint, projectId: TENANT.projectId, auth: akskAuth({ ak: TENANT.ak, sk: TENANT.sk, projectId: TENANT.projectId }), ...policy, ...extra };
  return { mpc: createMpcClient(common), vod: createVodClient(common) };
}

/** Runs `call` and returns how it settled and how long it took. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value?: T; error?: unknown; elapsedMs: number }> {
  const started = performance.now();
  try {
    const value = await call();
    return { value, elapsedMs: performance.now() - started };
  } catch (error) {
    return { error, elapsedMs: performance.now() - started };
  }
}

/**
 * Collects unhandled promise rejections and process warnings (vitest also fails a run on an unhandled
 * rejection; this makes each test assert it on its own, with the reason in the failure message).
 */
export function processWatch() {
  const unhandled: unknown[] = [];
  const warnings: string[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  return {
    unhandled,
    warnings,
    start() {
      process.on('unhandledRejection', onRejection);
      process.on('warning', onWarning);
    },
    stop() {
      process.off('unhandledRejection', onRejection);
      process.off('warning', onWarning);
    },
  };
}

/** Lets pending rejections surface: `unhandledRejection` fires after the microtask queue drains. */
export function settleTicks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 20));
}

/** Writes figures to test-results/reliability/<name>.json (ignored by git) and returns them as text. */
export function recordFigures(name: string, figures: unknown): string {
  const dir = path.join(projectRoot, 'test-results', 'reliability');
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(figures, null, 2);
  writeFileSync(path.join(dir, `${name}.json`), `${text}\n`);
  return text;
}

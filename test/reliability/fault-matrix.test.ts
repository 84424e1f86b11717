// The fault matrix: every failure the emulator can inject (and a refused connection), against both clients,
// once (the retry must succeed) and for good (the call must end in one specific typed error). Each call is
// held to its timeout-and-backoff budget, and no promise rejection may go unhandled.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { FaultAction, FaultRule } from '../../src/emulator/index.js';
import { HuaweiCloudError, NetworkError, TimeoutError, type OperationResult } from '../../src/index.js';
import { withEmulator } from '../helpers/emulator.js';
import { closedPort } from '../client/scripted-server.js';
import { BUDGET_MARGIN_MS, budgetMs, clients, FAST, processWatch, recordFigures, settleTicks, timed, type Policy } from './support.js';

type Api = 'mpc' | 'vod';
// Seeded by withEmulator: task 1 SUCCEEDED and asset queued-1 WAITING_TRANSCODE can be applied; task 4 is
// WAITING, so its real answer is a 400 with a body (something for `truncate` to cut).
const TARGET = { mpc: 1, vod: 'queued-1' } as const;
const HANGS: Policy = { ...FAST, timeoutMs: 1_000 };
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const HTML_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>`;
const CUT_JSON = '{"error_code":"APIGW.0201","error_msg":"Backend unava';

const status = (code: number, extra: Omit<Extract<FaultAction, { type: 'status' }>, 'type' | 'status'> = {}): FaultAction => ({ type: 'status', status: code, ...extra });

let current: Awaited<ReturnType<typeof withEmulator>> | undefined;
const watch = processWatch();
const rows: Array<Record<string, unknown>> = [];
beforeAll(() => watch.start());
afterEach(async () => {
  await current?.emulator.close();
  current = undefined;
  await settleTicks();
  expect(watch.unhandled, 'unhandled rejections').toEqual([]);
  expect(watch.warnings, 'process warnings').toEqual([]);
});
afterAll(() => {
  watch.stop();
  recordFigures('fault-matrix', rows);
  const lines = rows.map((row) => `| ${String(row['fault'])} | ${String(row['api'])} | ${String(row['result'])} | ${String(row['attempts'])} | ${String(row['elapsedMs'])} / ${String(row['budgetMs'])} |`);
  console.log(`fault matrix: ${rows.length} calls\n| fault | api | result | attempts | ms / budget |\n| --- | --- | --- | --- | --- |\n${lines.join('\n')}`);
});

/** One call through a fresh emulator with `rules`, checked against its budget; returns how it settled. */
async function callWith(fault: string, api: Api, rules: FaultRule[], policy: Policy = FAST, target: number | string = TARGET[api]) {
  current = await withEmulator({ faults: { seed: 9, rules } });
  const { mpc, vod } = clients(current.emulator.url, policy);
  const outcome = await timed(() => (api === 'mpc' ? mpc.deleteTranscodingTaskRecord(target as number) : vod.cancelAssetTranscodeTask(target as string)));
  const state = current.emulator.state();
  const budget = budgetMs(policy);
  record(fault, api, outcome, budget, state.requests.byOutcome);
  expect(outcome.elapsedMs, `${fault}: elapsed against a budget of ${budget} ms`).toBeLessThan(budget + BUDGET_MARGIN_MS);
  return { ...outcome, state, applied: state.applied.map((entry) => `${entry.api}:${entry.id}`) };
}

function record(fault: string, api: Api, outcome: { value?: unknown; error?: unknown; elapsedMs: number }, budget: number, answers: Record<string, number>) {
  const error = outcome.error as (Error & { errorCode?: string; attempts?: number; afterLostResponse?: boolean; status?: number }) | undefined;
  const value = outcome.value as OperationResult | undefined;
  rows.push({
    fault,
    api,
    result: value ? value.outcome : `${error?.name}${error?.status ? ` ${error.status}` : ''}${error?.errorCode ? ` ${error.errorCode}` : ''}`,
    attempts: value?.attempts ?? error?.attempts,
    afterLostResponse: error?.afterLostResponse,
    elapsedMs: Math.round(outcome.elapsedMs),
    budgetMs: budget,
    emulatorAnswers: answers,
  });
}

describe('a fault once: the retry succeeds', () => {
  const once = (action: FaultAction): FaultRule[] => [{ times: 1, action }];
  test.each<[string, FaultAction, Policy?]>([
    ['reset before the headers', { type: 'reset', when: 'before-headers' }],
    ['a request never answered', { type: 'hang' }, HANGS],
    ['429 without Retry-After', status(429)],
    ['429 with Retry-After: 0', status(429, { retryAfter: '0' })],
    ['500', status(500)],
    ['502', status(502)],
    ['503', status(503)],
    ['504', status(504)],
    ['an HTML error page (502)', status(502, { body: HTML_PAGE, contentType: 'text/html' })],
    ['truncated JSON (503)', status(503, { body: CUT_JSON })],
    ['a 10 MB body (502)', status(502, { body: TEN_MB, contentType: 'text/plain' })],
  ])('%s', async (fault, action, policy) => {
    for (const api of ['mpc', 'vod'] as const) {
      const { value, error, applied } = await callWith(fault, api, once(action), policy);
      expect(error, `${api}: ${String(error)}`).toBeUndefined();
      expect(value).toMatchObject({ outcome: 'applied', attempts: 2 });
      expect(applied).toEqual([`${api}:${TARGET[api]}`]);
      await current!.emulator.close();
    }
  });

  test('429 with Retry-After: 1 within maxDelayMs: waits the second, then succeeds', async () => {
    const policy: Policy = { ...FAST, retry: { ...FAST.retry, maxDelayMs: 1_500 } };
    const { value, elapsedMs } = await callWith('429 with Retry-After: 1', 'mpc', once(status(429, { retryAfter: '1' })), policy);
    expect(value).toMatchObject({ outcome: 'applied', attempts: 2 });
    expect(elapsedMs).toBeGreaterThanOrEqual(950); // the wait asked for was honoured (a lower bound, not a speed claim)
  });

  test.each(['after-apply', 'after-headers'] as const)('reset %s: the answer is lost, the call says so', async (when) => {
    const rules: FaultRule[] = [{ times: 1, action: { type: 'reset', when } }];
    const mpc = await callWith(`reset ${when}`, 'mpc', rules);
    // The retry finds the record gone: the lost attempt did it.
    expect(mpc.value).toMatchObject({ outcome: 'applied-before-lost-response', attempts: 2 });
    expect(mpc.applied).toEqual(['mpc:1']);
    await current!.emulator.close();

    // A canceled asset still exists (no longer queued): the retry's VOD.10083 carries afterLostResponse.
    const vod = await callWith(`reset ${when}`, 'vod', rules);
    expect(vod.error).toBeInstanceOf(HuaweiCloudError);
    expect(vod.error).toMatchObject({ status: 400, errorCode: 'VOD.10083', attempts: 2, afterLostResponse: true, retryable: false });
    expect(vod.applied).toEqual(['vod:queued-1']);
  });

  test('a body cut short by the connection (on a 400 with a body): retried, then the real answer', async () => {
    const { error, applied } = await callWith('truncated body, once', 'mpc', [{ times: 1, action: { type: 'truncate' } }], FAST, 4);
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ status: 400, errorCode: 'MPC.10213', attempts: 2, afterLostResponse: true });
    expect(applied).toEqual([]);
  });
});

describe('a fault every time: one specific typed error', () => {
  const always = (action: FaultAction): FaultRule[] => [{ action }];

  test('connection refused: NetworkError after every attempt, nothing sent, so no lost response', async () => {
    const endpoint = await closedPort();
    for (const api of ['mpc', 'vod'] as const) {
      const { mpc, vod } = clients(endpoint);
      const outcome = await timed(() => (api === 'mpc' ? mpc.deleteTranscodingTaskRecord(1) : vod.cancelAssetTranscodeTask('queued-1')));
      record('connection refused', api, outcome, budgetMs(FAST), {});
      expect(outcome.elapsedMs).toBeLessThan(budgetMs(FAST) + BUDGET_MARGIN_MS);
      expect(outcome.error).toBeInstanceOf(NetworkError);
      expect(outcome.error).toMatchObject({ attempts: 3, afterLostResponse: false, retryable: true });
      expect(JSON.stringify(causeCodes(outcome.error))).toContain('ECONNREFUSED');
    }
  });

  test.each(['mpc', 'vod'] as const)('reset before the headers: NetworkError, nothing applied (%s)', async (api) => {
    const { error, applied, state } = await callWith('reset before the headers, always', api, always({ type: 'reset', when: 'before-headers' }));
    expect(error).toBeInstanceOf(NetworkError);
    // The client cannot tell a reset before the work from one after it: it assumes the worst.
    expect(error).toMatchObject({ attempts: 3, afterLostResponse: true });
    expect(applied).toEqual([]);
    expect(state.requests.byOutcome).toEqual({ reset: 3 });
  });

  test.each(['mpc', 'vod'] as const)('reset after applying: NetworkError flagged afterLostResponse, applied exactly once (%s)', async (api) => {
    const { error, applied } = await callWith('reset after apply, always', api, always({ type: 'reset', when: 'after-apply' }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, afterLostResponse: true });
    expect(applied).toEqual([`${api}:${TARGET[api]}`]);
  });

  test.each(['mpc', 'vod'] as const)('a request never answered: TimeoutError after every attempt (%s)', async (api) => {
    const { error, applied, state } = await callWith('never answered, always', api, always({ type: 'hang' }), HANGS);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 3, timeoutMs: 1_000, afterLostResponse: true, retryable: true });
    expect(applied).toEqual([]);
    expect(state.requests.byOutcome).toEqual({ hang: 3 });
  });

  test.each<[string, FaultAction, Record<string, unknown>]>([
    ['429 without Retry-After', status(429), { status: 429, errorCode: 'APIGW.0308', attempts: 3, retryable: true, afterLostResponse: false, retryAfterMs: undefined }],
    ['429 with Retry-After: 60 (past maxDelayMs)', status(429, { retryAfter: '60' }), { status: 429, errorCode: 'APIGW.0308', attempts: 1, retryAfterMs: 60_000 }],
    ['500', status(500), { status: 500, errorCode: 'APIGW.0601', attempts: 3, retryable: true, afterLostResponse: true }],
    ['502', status(502), { status: 502, errorCode: 'APIGW.0201', attempts: 3, retryable: true, afterLostResponse: true }],
    ['503', status(503), { status: 503, errorCode: 'APIGW.0613', attempts: 3, retryable: true, afterLostResponse: false }],
    ['504', status(504), { status: 504, errorCode: 'APIGW.0201', attempts: 3, retryable: true, afterLostResponse: true }],
    ['an HTML error page (502)', status(502, { body: HTML_PAGE, contentType: 'text/html' }), { status: 502, errorCode: undefined, errorMsg: undefined, attempts: 3, bodySnippet: HTML_PAGE }],
    ['an HTML error page (404 from a proxy)', status(404, { body: HTML_PAGE, contentType: 'text/html' }), { status: 404, errorCode: undefined, attempts: 1, retryable: false, bodySnippet: HTML_PAGE }],
    ['truncated JSON (400)', status(400, { body: CUT_JSON }), { status: 400, errorCode: undefined, errorMsg: undefined, attempts: 1, retryable: false, bodySnippet: CUT_JSON }],
    ['an empty 400', status(400, { body: '' }), { status: 400, errorCode: undefined, errorMsg: undefined, attempts: 1, retryable: false, bodySnippet: '' }],
    ['a 10 MB body (400)', status(400, { body: TEN_MB, contentType: 'text/plain' }), { status: 400, errorCode: undefined, attempts: 1, bodySnippet: 'x'.repeat(512) }],
    ['a 10 MB body (502)', status(502, { body: TEN_MB, contentType: 'text/plain' }), { status: 502, errorCode: undefined, attempts: 3, bodySnippet: 'x'.repeat(512) }],
  ])('%s: HuaweiCloudError', async (fault, action, expected) => {
    for (const api of ['mpc', 'vod'] as const) {
      const { error, applied } = await callWith(`${fault}, always`, api, always(action));
      expect(error).toBeInstanceOf(HuaweiCloudError);
      expect(error).toMatchObject(expected);
      const { message, bodySnippet } = error as HuaweiCloudError;
      expect(bodySnippet.length).toBeLessThanOrEqual(512);
      expect(message.length).toBeLessThan(1_000);
      if (expected['bodySnippet'] === '') expect(message).toContain('and an empty body');
      else if (expected['errorCode'] === undefined) expect(message).toContain('a body that is not a Huawei Cloud error');
      expect(applied).toEqual([]);
      await current!.emulator.close();
    }
  });

  test('a body cut short by the connection, every time: NetworkError (the answer never fully arrived)', async () => {
    const { error, applied, state } = await callWith('truncated body, always', 'mpc', always({ type: 'truncate' }), FAST, 4);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, afterLostResponse: true });
    expect((error as Error).message).toContain('network error after 3 attempts');
    expect(applied).toEqual([]);
    expect(state.requests.byOutcome).toEqual({ truncated: 3 });
  });
});

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause, errors } = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (Array.isArray(errors)) for (const inner of errors) codes.push(...causeCodes(inner));
    current = cause;
  }
  return codes;
}

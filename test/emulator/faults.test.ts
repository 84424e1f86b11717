// Fault injection: per route, deterministic from a seed, bounded in time (every hung request has a deadline).
import { afterEach, describe, expect, test } from 'vitest';
import { signRequest } from '../../src/auth/sign-request.js';
import type { FaultRule } from '../../src/emulator/index.js';
import { MPC_PATH, TENANT, VOD_PATH, withEmulator } from '../helpers/emulator.js';

let current: Awaited<ReturnType<typeof withEmulator>> | undefined;
async function start(rules: FaultRule[], seed = 1) {
  current = await withEmulator({ faults: { seed, rules } });
  return current;
}
afterEach(async () => {
  await current?.emulator.close();
  current = undefined;
});

async function rawDelete(url: string, signal?: AbortSignal) {
  const headers = signRequest({ method: 'DELETE', url }, TENANT) as unknown as Record<string, string>;
  return fetch(url, { method: 'DELETE', headers, ...(signal ? { signal } : {}) });
}

describe('statuses', () => {
  test('a sequence: 503, 503, then the real answer; nothing applied until then', async () => {
    const { signedDelete, emulator } = await start([{ route: 'mpc', times: 2, action: { type: 'status', status: 503 } }]);
    const first = await signedDelete(`${MPC_PATH}?task_id=1`);
    expect(first.status).toBe(503);
    expect(first.json).toEqual({ error_code: 'APIGW.0613', error_msg: 'The IAM service is currently unavailable.', request_id: first.headers.get('x-request-id') });
    expect((await signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(503);
    expect(emulator.state().applied).toEqual([]);
    expect((await signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
    expect(current?.specProblems).toEqual([]);
  });

  test('a 429 burst with Retry-After, on one route only', async () => {
    const { signedDelete } = await start([{ route: 'vod', times: 3, action: { type: 'status', status: 429, retryAfter: '2' } }]);
    expect((await signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
    const burst = [];
    for (let i = 0; i < 4; i += 1) burst.push(await signedDelete(`${VOD_PATH}?asset_id=queued-1`));
    expect(burst.map((a) => a.status)).toEqual([429, 429, 429, 204]);
    expect(burst[0]!.headers.get('retry-after')).toBe('2');
    expect(burst[0]!.json?.error_code).toBe('APIGW.0308');
  });

  test('skip lets the first requests through', async () => {
    const { signedDelete } = await start([{ skip: 1, times: 1, action: { type: 'status', status: 502 } }]);
    const statuses = [];
    for (const id of [1, 2, 3]) statuses.push((await signedDelete(`${MPC_PATH}?task_id=${id}`)).status);
    expect(statuses).toEqual([204, 502, 204]);
  });

  test('custom bodies: an HTML error page and an empty 400', async () => {
    const { signedDelete } = await start([
      { times: 1, action: { type: 'status', status: 502, body: '<html><body>Bad Gateway</body></html>', contentType: 'text/html' } },
      { times: 1, action: { type: 'status', status: 400, body: '' } },
    ]);
    const html = await signedDelete(`${MPC_PATH}?task_id=1`);
    expect([html.status, html.headers.get('content-type'), html.text]).toEqual([502, 'text/html', '<html><body>Bad Gateway</body></html>']);
    const empty = await signedDelete(`${MPC_PATH}?task_id=1`);
    expect([empty.status, empty.text]).toEqual([400, '']);
  });
});

describe('connections', () => {
  test('reset before the headers: the request fails and nothing is applied', async () => {
    const { emulator } = await start([{ times: 1, action: { type: 'reset', when: 'before-headers' } }]);
    await expect(rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`)).rejects.toThrow();
    expect(emulator.state().applied).toEqual([]);
    expect((await rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`)).status).toBe(204);
  });

  test.each(['after-apply', 'after-headers'] as const)('reset %s: the request fails but the delete was applied (a lost answer)', async (when) => {
    const { emulator } = await start([{ times: 1, action: { type: 'reset', when } }]);
    await expect(rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`)).rejects.toThrow();
    expect(emulator.state().applied.map((a) => a.id)).toEqual(['1']);
    const retry = await rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`);
    expect(retry.status).toBe(403);
    expect(emulator.state().requests.byOutcome['reset']).toBe(1);
  });

  test('a truncated body: headers promise more than arrives', async () => {
    const { emulator } = await start([{ times: 1, action: { type: 'truncate' } }]);
    const response = await rawDelete(`${emulator.url}${MPC_PATH}?task_id=4`);
    expect(response.status).toBe(400);
    await expect(response.text()).rejects.toThrow();
  });

  test('a hung request never answers; the client deadline ends it and close() still returns', async () => {
    const { emulator } = await start([{ times: 1, action: { type: 'hang' } }]);
    await expect(rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i);
    expect(emulator.state().requests.byOutcome['hang']).toBe(1);
    expect((await rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`)).status).toBe(204);
  });

  test('close() drops a hung connection instead of waiting for it', async () => {
    const { emulator } = await start([{ action: { type: 'hang' } }]);
    const pending = rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`, AbortSignal.timeout(10_000)).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await emulator.close();
    expect(await pending).toBeInstanceOf(Error);
    current = undefined;
  });
});

describe('latency and determinism', () => {
  test('added latency delays the answer by at least the configured time', async () => {
    const { emulator } = await start([{ times: 1, action: { type: 'latency', ms: 150 } }]);
    const started = performance.now();
    expect((await rawDelete(`${emulator.url}${MPC_PATH}?task_id=1`)).status).toBe(204);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  test('the same seed gives the same faults; another seed, others', async () => {
    const rules: FaultRule[] = [
      { probability: 0.3, action: { type: 'status', status: 503 } },
      { probability: 0.2, action: { type: 'status', status: 500 } },
    ];
    async function outcomes(seed: number) {
      const { signedDelete, emulator } = await start(rules, seed);
      const statuses: number[] = [];
      for (let i = 0; i < 40; i += 1) statuses.push((await signedDelete(`${MPC_PATH}?task_id=999`)).status);
      await emulator.close();
      current = undefined;
      return statuses;
    }
    const first = await outcomes(7);
    expect(await outcomes(7)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([403, 500, 503]));
    expect(await outcomes(8)).not.toEqual(first);
  });
});

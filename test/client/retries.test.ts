// Retries: which answers are sent again, how long the client waits (backoff, Retry-After), and how a
// caller's abort and the per-attempt timeout end an attempt. Delays are tiny (baseDelayMs: 1) or driven by
// fake timers; the few real waits are bounded generously, as behavioural checks rather than benchmarks.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createMpcClient, createVodClient, HuaweiCloudError, NetworkError, TimeoutError } from '../../src/index.js';
import { closedPort, hangUp, rejection, reply, stall, startScriptedServer, type ScriptedServer } from './scripted-server.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const throttled = { error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute', error_code: 'APIG.0308', request_id: 'r' };
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const mpc = (extra: Partial<Parameters<typeof createMpcClient>[0]> = {}) =>
  createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, ...extra } as Parameters<typeof createMpcClient>[0]);

// A fetch driven by a list: a Response (or a function making one) per call, or an error to throw.
function scriptedFetch(...answers: Array<Response | Error | (() => Promise<Response>)>) {
  const calls: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    calls.push(request);
    const answer = answers.shift();
    if (answer === undefined) throw new Error('the test script has no answer left');
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer() : answer;
  };
  return { fetch, calls };
}

describe('what is retried', () => {
  test.each([429, 500, 502, 503, 504])('%s is retried, and the next 204 resolves', async (status) => {
    server.script(reply(status, status === 429 ? throttled : { error_code: 'APIGW.0201', error_msg: 'Backend unavailable.', request_id: 'r' }), reply(204));
    await expect(mpc().deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ attempts: 2 });
    expect(server.received).toHaveLength(2);
  });

  test.each([
    [400, { error_code: 'MPC.10213', error_msg: 'Operation failed. The task is not in the final state.' }],
    [401, { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information', request_id: 'r' }],
    [403, { error_code: 'MPC.10211', error_msg: 'The task does not exist.' }],
    [404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment.', request_id: 'r' }],
  ])('%s is not retried', async (status, body) => {
    server.script(reply(status, body), reply(204));
    const error = (await rejection(mpc().deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ status, retryable: false, attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  test('after maxAttempts the last answer is thrown, marked retryable', async () => {
    server.script(reply(503), reply(503), reply(503, { error_code: 'APIGW.0613', error_msg: 'The IAM service is currently unavailable.', request_id: 'r' }), reply(204));
    const error = (await rejection(mpc().deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toMatchObject({ status: 503, errorCode: 'APIGW.0613', retryable: true, attempts: 3 });
    expect(error.message).toContain('3 attempts');
    expect(server.received).toHaveLength(3);
  });

  test('retry: false sends once', async () => {
    server.script(reply(503), reply(204));
    const error = (await rejection(mpc({ retry: false }).deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toMatchObject({ status: 503, attempts: 1 });
    expect(server.received).toHaveLength(1);
  });

  test('a connection closed after the request arrived is retried', async () => {
    server.script(hangUp, reply(204));
    await expect(mpc().deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ attempts: 2, outcome: 'applied' });
  });

  test('network errors are retried; when they persist, NetworkError carries the cause and the attempts', async () => {
    const endpoint = await closedPort();
    const error = (await rejection(createVodClient({ endpoint, projectId: PROJECT, retry: FAST }).cancelAssetTranscodeTask('a'))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ operation: 'CancelAssetTranscodeTask', attempts: 3, retryable: true, afterLostResponse: false });
    expect(error.message).toMatch(/^hwcloud-media: CancelAssetTranscodeTask failed: network error after 3 attempts \(fetch failed: .*ECONNREFUSED/);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  test('an injected fetch that rejects is a network error, retried', async () => {
    const { fetch, calls } = scriptedFetch(new TypeError('fetch failed'), new TypeError('fetch failed'), new Response(null, { status: 204 }));
    await expect(createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, retry: FAST }).deleteTranscodingTaskRecord(1)).resolves.toMatchObject({
      attempts: 3,
    });
    expect(calls).toHaveLength(3);
  });

  test('an error thrown by a middleware (a token provider, say) is not a network error and is not retried', async () => {
    const { fetch, calls } = scriptedFetch(new Response(null, { status: 204 }));
    const client = createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, retry: FAST });
    client.raw.use({
      onRequest() {
        throw new Error('IAM unreachable');
      },
    });
    await expect(client.deleteTranscodingTaskRecord(1)).rejects.toThrow('IAM unreachable');
    expect(calls).toHaveLength(0);
  });
});

describe('Retry-After and backoff timing', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  async function waitsBeforeRetry(retryAfter: string, expectedMs: number) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2024-04-16T09:53:41Z') });
    const { fetch, calls } = scriptedFetch(
      new Response(JSON.stringify(throttled), { status: 429, headers: { 'Retry-After': retryAfter } }),
      new Response(null, { status: 204 }),
    );
    const call = createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, retry: { baseDelayMs: 1, maxDelayMs: 10_000 } }).deleteTranscodingTaskRecord(1);
    await vi.advanceTimersByTimeAsync(expectedMs - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await expect(call).resolves.toMatchObject({ attempts: 2 });
  }

  test('Retry-After in seconds is waited out, whatever the backoff would be', async () => {
    await waitsBeforeRetry('3', 3_000);
  });

  test('Retry-After as an HTTP-date is waited out until that date', async () => {
    await waitsBeforeRetry('Tue, 16 Apr 2024 09:53:48 GMT', 7_000);
  });

  test('a Retry-After longer than maxDelayMs ends the call with retryAfterMs set', async () => {
    server.script(reply(429, throttled, { 'Retry-After': '60' }), reply(204));
    const error = (await rejection(mpc().deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 60_000, attempts: 1 });
    expect(error.message).toContain('Retry-After 60 s');
    expect(server.received).toHaveLength(1);
  });

  test('an unreadable Retry-After falls back to the backoff', async () => {
    server.script(reply(503, '', { 'Retry-After': 'soon' }), reply(204));
    await expect(mpc().deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ attempts: 2 });
  });

  test('without Retry-After the delay is random within the exponential ceiling', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const { fetch, calls } = scriptedFetch(new Response(null, { status: 502 }), new Response(null, { status: 502 }), new Response(null, { status: 204 }));
    const call = createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, retry: { baseDelayMs: 100, maxDelayMs: 150 } }).deleteTranscodingTaskRecord(1);
    await vi.advanceTimersByTimeAsync(49);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1); // first retry: half of min(150, 100) ms
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(74);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1); // second retry: half of min(150, 200) ms
    expect(calls).toHaveLength(3);
    await expect(call).resolves.toMatchObject({ attempts: 3 });
  });
});

describe('abort', () => {
  test('an abort during a backoff wait rejects at once with the abort reason', async () => {
    server.script(reply(429, throttled, { 'Retry-After': '20' }), reply(204));
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const started = performance.now();
    setTimeout(() => controller.abort(reason), 50);
    const client = mpc({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 60_000 } });
    await expect(client.deleteTranscodingTaskRecord(1, { signal: controller.signal })).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(server.received).toHaveLength(1);
  });

  test('an abort while a request is in flight rejects at once, with no retry', async () => {
    server.script(stall, reply(204));
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(mpc().deleteTranscodingTaskRecord(1, { signal: controller.signal }));
    expect((error as DOMException).name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.received).toHaveLength(1);
  });

  test('a fetch that ignores its signal does not hold up an abort', async () => {
    const fetch = () => new Promise<Response>(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort('stop'), 20);
    const client = createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch });
    await expect(client.deleteTranscodingTaskRecord(1, { signal: controller.signal })).rejects.toBe('stop');
  });

  test('an already aborted signal sends nothing', async () => {
    const { fetch, calls } = scriptedFetch(new Response(null, { status: 204 }));
    const client = createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch });
    await expect(client.deleteTranscodingTaskRecord(1, { signal: AbortSignal.abort('too late') })).rejects.toBe('too late');
    expect(calls).toHaveLength(0);
  });
});

describe('per-attempt timeout', () => {
  test('an attempt that gets no answer times out and the next attempt succeeds', async () => {
    server.script(stall, reply(204));
    const started = performance.now();
    await expect(mpc({ timeoutMs: 150 }).deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ attempts: 2, outcome: 'applied' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.received).toHaveLength(2);
  });

  test('timeouts on every attempt end with TimeoutError', async () => {
    server.script(stall, stall);
    const error = (await rejection(mpc({ timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } }).deleteTranscodingTaskRecord(1))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ operation: 'DeleteTranscodingTaskByConsole', timeoutMs: 100, attempts: 2, afterLostResponse: true, retryable: true });
    expect(error.message).toBe('hwcloud-media: DeleteTranscodingTaskByConsole timed out: no answer within 100 ms, after 2 attempts');
  });

  test('the timeout applies to a fetch that ignores its signal', async () => {
    const fetch = () => new Promise<Response>(() => {});
    const client = createVodClient({ region: 'cn-north-4', projectId: PROJECT, fetch, timeoutMs: 30, retry: FAST });
    await expect(client.cancelAssetTranscodeTask('a')).rejects.toBeInstanceOf(TimeoutError);
  });

  test('the caller signal and the timeout are separate: a timeout is retried, an abort is not', async () => {
    server.script(stall, reply(204));
    const controller = new AbortController();
    await expect(mpc({ timeoutMs: 100 }).deleteTranscodingTaskRecord(1, { signal: controller.signal })).resolves.toMatchObject({ attempts: 2 });
  });
});

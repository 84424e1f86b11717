// A delete or cancel whose response was lost may have been applied; when a retry is then told the task or
// asset does not exist, the call says so distinctly instead of failing like an ordinary "not found".
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMpcClient, createVodClient, HuaweiCloudError, NetworkError } from '../../src/index.js';
import { hangUp, rejection, reply, REQUEST_ID, stall, startScriptedServer, type ScriptedServer, type Step } from './scripted-server.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const taskGone = reply(403, { error_code: 'MPC.10211', error_msg: 'The task does not exist.' });
const assetGone = reply(400, { error_code: 'VOD.10062', error_msg: 'Media asset or resource does not exist, please check.' });
const notQueued = reply(400, { error_code: 'VOD.10083', error_msg: 'The current media asset status does not support this operation.' });
const gateway = (status: number) => reply(status, { error_code: 'APIGW.0201', error_msg: 'Backend timeout.', request_id: 'r' });

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const mpc = () => createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, timeoutMs: 150 });
const vod = () => createVodClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, timeoutMs: 150 });

describe('MPC delete', () => {
  test.each<[string, Step]>([
    ['a connection closed after sending', hangUp],
    ['a timeout', stall],
    ['a 500', gateway(500)],
    ['a 502', gateway(502)],
    ['a 504', gateway(504)],
  ])('%s, then MPC.10211: applied-before-lost-response', async (_, lost) => {
    server.script(lost, taskGone);
    await expect(mpc().deleteTranscodingTaskRecord(100211)).resolves.toEqual({
      requestId: REQUEST_ID,
      attempts: 2,
      outcome: 'applied-before-lost-response',
    });
  });

  test('MPC.10211 on the first attempt is an ordinary error', async () => {
    server.script(taskGone);
    const error = (await rejection(mpc().deleteTranscodingTaskRecord(100211))) as HuaweiCloudError;
    expect(error).toMatchObject({ status: 403, errorCode: 'MPC.10211', afterLostResponse: false, attempts: 1 });
  });

  test.each<[string, Step]>([
    ['a 503', gateway(503)],
    ['a 429', reply(429, { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached', request_id: 'r' })],
  ])('%s is a refusal, not a lost response: MPC.10211 afterwards is an error', async (_, refusal) => {
    server.script(refusal, taskGone);
    const error = (await rejection(mpc().deleteTranscodingTaskRecord(100211))) as HuaweiCloudError;
    expect(error).toMatchObject({ errorCode: 'MPC.10211', afterLostResponse: false, attempts: 2 });
  });

  test('a refused connection proves nothing was sent: MPC.10211 afterwards is an error', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    });
    const answers: Array<() => Response> = [
      () => {
        throw refused;
      },
      () => new Response(JSON.stringify({ error_code: 'MPC.10211', error_msg: 'The task does not exist.' }), { status: 403 }),
    ];
    const fetch = async () => answers.shift()!();
    const error = (await rejection(createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, retry: FAST }).deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ errorCode: 'MPC.10211', afterLostResponse: false, attempts: 2 });
  });

  test('an unexplained fetch failure counts as lost', async () => {
    const answers: Array<() => Response> = [
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response(JSON.stringify({ error_code: 'MPC.10211', error_msg: 'The task does not exist.' }), { status: 403 }),
    ];
    const fetch = async () => answers.shift()!();
    await expect(createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, retry: FAST }).deleteTranscodingTaskRecord(1)).resolves.toMatchObject({
      outcome: 'applied-before-lost-response',
    });
  });
});

describe('VOD cancel', () => {
  test.each<[string, Step]>([
    ['a connection closed after sending', hangUp],
    ['a timeout', stall],
    ['a 504', gateway(504)],
  ])('%s, then VOD.10062: applied-before-lost-response', async (_, lost) => {
    server.script(lost, assetGone);
    await expect(vod().cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65')).resolves.toMatchObject({
      attempts: 2,
      outcome: 'applied-before-lost-response',
    });
  });

  test('VOD.10083 after a lost response is thrown, flagged afterLostResponse (the cancel may have been applied)', async () => {
    server.script(hangUp, notQueued);
    const error = (await rejection(vod().cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65'))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ status: 400, errorCode: 'VOD.10083', afterLostResponse: true, attempts: 2 });
    expect(error.message).toBe(
      'hwcloud-media: CancelAssetTranscodeTask failed with 400 VOD.10083: The current media asset status does not support this operation. ' +
        `(request id ${REQUEST_ID}; 2 attempts; an earlier attempt lost its response and may have been applied)`,
    );
  });

  test('another service code does not count: MPC.10211 from a VOD call is an error', async () => {
    server.script(gateway(502), taskGone);
    await expect(vod().cancelAssetTranscodeTask('a')).rejects.toMatchObject({ errorCode: 'MPC.10211', afterLostResponse: true });
  });

  test('a 204 after a lost response is plainly applied', async () => {
    server.script(gateway(502), reply(204));
    await expect(vod().cancelAssetTranscodeTask('a')).resolves.toMatchObject({ outcome: 'applied', attempts: 2 });
  });

  test('lost responses on every attempt end with a NetworkError flagged afterLostResponse', async () => {
    server.script(hangUp, hangUp, hangUp);
    const error = (await rejection(vod().cancelAssetTranscodeTask('a'))) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, afterLostResponse: true });
  });
});

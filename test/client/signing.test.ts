// Signing through the clients: each attempt signed afresh, the signature checked by an independent verifier,
// and the clock corrected once from an expired-signature 401.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { akskAuth } from '../../src/auth/aksk-auth.js';
import { tokenAuth } from '../../src/auth/token-auth.js';
import { createMpcClient, createVodClient, HuaweiCloudError } from '../../src/index.js';
import { startSignatureServer } from '../helpers/signature-server.js';
import { hangUp, rejection, reply, startScriptedServer, type ScriptedServer, type Step } from './scripted-server.js';

const AK = 'HWMEDIATESTAK0000001';
const SK = 'hwmedia-test-secret-key-0000000000000001';
const PROJECT = '0123456789abcdef0123456789abcdef';
const FAST = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ ak: AK, sk: SK });
});
afterAll(() => server.close());

/** A clock that moves a minute forward each time it is read. */
function movingClock(start = '2024-04-16T09:53:41Z') {
  let time = Date.parse(start);
  return () => new Date((time += 60_000));
}

const expired = (signatureTime: string, serverTime: string, code = 'APIGW.0301'): Step =>
  reply(401, {
    error_msg: `Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:${signatureTime},server time:${serverTime}`,
    error_code: code,
    request_id: 'r',
  });

describe('every attempt is signed afresh', () => {
  test('retries carry a new X-Sdk-Date and signature, each valid', async () => {
    server.script(reply(503), hangUp, reply(204));
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT, clock: movingClock() }) });
    await expect(mpc.deleteTranscodingTaskRecord(100211)).resolves.toMatchObject({ attempts: 3, outcome: 'applied' });
    const dates = server.received.map((r) => r.headers['x-sdk-date']);
    const signatures = server.received.map((r) => r.headers.authorization);
    expect(dates).toEqual(['20240416T095441Z', '20240416T095541Z', '20240416T095641Z']);
    expect(new Set(signatures).size).toBe(3);
    expect(server.received.map((r) => r.signatureValid)).toEqual([true, true, true]);
  });

  test('the verifier of test/helpers accepts the client, User-Agent and X-Project-Id signed', async () => {
    const verifier = await startSignatureServer({ [AK]: SK }, ['token-one']);
    try {
      const mpc = createMpcClient({ endpoint: verifier.url, projectId: PROJECT, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT }) });
      const vod = createVodClient({ endpoint: verifier.url, projectId: PROJECT, auth: akskAuth({ ak: AK, sk: SK, securityToken: 'temporary-token' }) });
      const withToken = createVodClient({ endpoint: verifier.url, projectId: PROJECT, auth: tokenAuth('token-one') });
      await expect(mpc.deleteTranscodingTaskRecord(100211)).resolves.toEqual({ requestId: '0'.repeat(32), attempts: 1, outcome: 'applied' });
      await expect(vod.cancelAssetTranscodeTask("f488337c/31c8 +'一")).rejects.toThrow('assetId must not contain whitespace');
      await expect(vod.cancelAssetTranscodeTask("f488337c/31c8+'一")).resolves.toMatchObject({ outcome: 'applied' });
      await expect(withToken.cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65')).resolves.toMatchObject({ outcome: 'applied' });
      expect(verifier.received.map((r) => r.verdict)).toEqual(['valid', 'valid', 'token']);
      expect(verifier.received[0]?.signedHeaders).toEqual(['host', 'user-agent', 'x-project-id', 'x-sdk-date']);
      expect(verifier.received[0]?.headers['user-agent']).toBe('hwcloud-media/0.1.0');
      expect(verifier.received[1]?.signedHeaders).toEqual(['host', 'user-agent', 'x-sdk-date', 'x-security-token']);
    } finally {
      await verifier.close();
    }
  });
});

describe('clock skew', () => {
  test('an expired-signature 401 sets the clock offset from the server time and re-signs once', async () => {
    server.script(expired('20240101T000000Z', '20240101T003000Z'), reply(204));
    const auth = akskAuth({ ak: AK, sk: SK, clock: () => new Date('2024-01-01T00:00:00Z') });
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, auth });
    await expect(mpc.deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ attempts: 2, outcome: 'applied' });
    expect(auth.clockOffsetMs).toBe(30 * 60_000);
    expect(server.received.map((r) => r.headers['x-sdk-date'])).toEqual(['20240101T000000Z', '20240101T003000Z']);
    expect(server.received.map((r) => r.signatureValid)).toEqual([true, true]);
  });

  test('the APIG. prefix and a clock ahead of the server work too; an existing offset is replaced, not added to', async () => {
    server.script(expired('20240101T010000Z', '20240101T000000Z', 'APIG.0301'), reply(204));
    const auth = akskAuth({ ak: AK, sk: SK, clock: () => new Date('2024-01-01T00:40:00Z') });
    auth.setClockOffset(20 * 60_000);
    const vod = createVodClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, auth });
    await expect(vod.cancelAssetTranscodeTask('a')).resolves.toMatchObject({ attempts: 2 });
    expect(auth.clockOffsetMs).toBe(-40 * 60_000);
    expect(server.received[1]?.headers['x-sdk-date']).toBe('20240101T000000Z');
  });

  test('the re-send does not use up a retry attempt', async () => {
    server.script(expired('20240101T000000Z', '20240101T003000Z'), reply(204));
    const auth = akskAuth({ ak: AK, sk: SK, clock: () => new Date('2024-01-01T00:00:00Z') });
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: false, auth });
    await expect(mpc.deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ attempts: 2 });
  });

  test('the correction happens once per call: a second expired 401 is thrown', async () => {
    server.script(expired('20240101T000000Z', '20240101T003000Z'), expired('20240101T003000Z', '20240101T010000Z'), reply(204));
    const auth = akskAuth({ ak: AK, sk: SK, clock: () => new Date('2024-01-01T00:00:00Z') });
    const error = (await rejection(createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, auth }).deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error).toMatchObject({ status: 401, errorCode: 'APIGW.0301', attempts: 2 });
    expect(server.received).toHaveLength(2);
  });

  test.each([
    ['a 401 without the server time', reply(401, { error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', error_code: 'APIGW.0301', request_id: 'r' })],
    ['a service body quoting the same words', reply(401, { error_msg: 'signature expired, signature time:20240101T000000Z,server time:20240101T003000Z', error_code: 'MPC.10203' })],
    ['a 403', reply(403, { error_msg: 'signature expired, signature time:20240101T000000Z,server time:20240101T003000Z', error_code: 'APIGW.0302', request_id: 'r' })],
    ['an impossible server time', expired('20240101T000000Z', '20241341T003000Z')],
  ])('%s changes nothing and is thrown', async (_, step) => {
    server.script(step, reply(204));
    const auth = akskAuth({ ak: AK, sk: SK });
    await expect(createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, auth }).deleteTranscodingTaskRecord(1)).rejects.toBeInstanceOf(
      HuaweiCloudError,
    );
    expect(auth.clockOffsetMs).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  test('token auth has no clock to correct: the 401 is thrown', async () => {
    server.script(expired('20240101T000000Z', '20240101T003000Z'), reply(204));
    const vod = createVodClient({ endpoint: server.url, projectId: PROJECT, retry: FAST, auth: tokenAuth('token-one') });
    await expect(vod.cancelAssetTranscodeTask('a')).rejects.toMatchObject({ status: 401 });
    expect(server.received).toHaveLength(1);
  });
});

// The emulated gateway: AK/SK verification rebuilt from what arrived, token auth, lockout, throttling, and the
// gateway's error format with X-Request-Id on every answer.
import { afterEach, describe, expect, test } from 'vitest';
import { formatSdkDate } from '../../src/auth/sdk-date.js';
import { signRequest } from '../../src/auth/sign-request.js';
import { officialAuthorization } from '../helpers/official-signer.js';
import { MPC_PATH, OTHER_TENANT, TENANT, VOD_PATH, withEmulator } from '../helpers/emulator.js';

let current: Awaited<ReturnType<typeof withEmulator>> | undefined;
async function start(options: Parameters<typeof withEmulator>[0] = {}) {
  current = await withEmulator(options);
  return current;
}
afterEach(async () => {
  expect(current?.specProblems ?? []).toEqual([]);
  await current?.emulator.close();
  current = undefined;
});

describe('AK/SK verification', () => {
  test('accepts requests signed by the official Node SDK signer, content-type and X-Project-Id included', async () => {
    const { emulator, send } = await start();
    const sdkDate = formatSdkDate(new Date());
    const headers = { 'content-type': 'application/json', 'X-Project-Id': TENANT.projectId };
    const authorization = officialAuthorization({
      method: 'DELETE',
      endpoint: `${emulator.url}${MPC_PATH}`,
      headers,
      queryParams: { task_id: 1 },
      ak: TENANT.ak,
      sk: TENANT.sk,
      sdkDate,
    });
    const answer = await send('DELETE', `${MPC_PATH}?task_id=1`, { ...headers, 'X-Sdk-Date': sdkDate, Authorization: authorization });
    expect(answer.status).toBe(204);
    const vodAuthorization = officialAuthorization({
      method: 'DELETE',
      endpoint: `${emulator.url}${VOD_PATH}`,
      headers: {},
      queryParams: { asset_id: 'queued-1' },
      ak: TENANT.ak,
      sk: TENANT.sk,
      sdkDate,
    });
    const vod = await send('DELETE', `${VOD_PATH}?asset_id=queued-1`, { 'X-Sdk-Date': sdkDate, Authorization: vodAuthorization });
    expect(vod.status).toBe(204);
  });

  test('accepts requests signed by signRequest, with a security token for temporary credentials', async () => {
    const { signedDelete } = await start({ tenants: [{ ...TENANT, securityToken: 'sts-token' }] });
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, { ...TENANT, securityToken: 'sts-token' })).status).toBe(204);
    const wrongToken = await signedDelete(`${MPC_PATH}?task_id=2`, { ...TENANT, securityToken: 'other' });
    expect(wrongToken.status).toBe(401);
  });

  describe('rejects any tampered byte with the canonical request it computed', () => {
    const url = `${MPC_PATH}?task_id=1`;
    const tampering: Array<[string, (headers: Record<string, string>) => { path: string; headers: Record<string, string>; method?: string; body?: string }]> = [
      ['query value', (h) => ({ path: `${MPC_PATH}?task_id=2`, headers: h })],
      ['path', (h) => ({ path: url.replace(TENANT.projectId, TENANT.projectId.replace('0', '1')), headers: h })],
      ['method', (h) => ({ path: url, headers: h, method: 'POST' })],
      ['signed header value', (h) => ({ path: url, headers: { ...h, 'X-Trace': 'tampered' } })],
      ['date header', (h) => ({ path: url, headers: { ...h, 'X-Sdk-Date': formatSdkDate(new Date(Date.now() - 1000)) } })],
      ['signature', (h) => ({ path: url, headers: { ...h, Authorization: h['Authorization']!.replace(/.$/, (c) => (c === '0' ? '1' : '0')) } })],
      ['SignedHeaders list', (h) => ({ path: url, headers: { ...h, Authorization: h['Authorization']!.replace('SignedHeaders=host;', 'SignedHeaders=') } })],
      ['body', (h) => ({ path: url, headers: h, body: 'x' })],
    ];
    test.each(tampering)('%s', async (_, tamper) => {
      const { emulator, send } = await start();
      const base = { 'X-Trace': 'original' };
      const signed = { ...base, ...(signRequest({ method: 'DELETE', url: emulator.url + url, headers: base }, TENANT) as unknown as Record<string, string>) };
      const changed = tamper(signed);
      const answer = await send(changed.method ?? 'DELETE', changed.path, changed.headers, changed.body);
      if (changed.method === 'POST') {
        expect(answer.status).toBe(404); // no such API: refused before authentication
        return;
      }
      expect(answer.status).toBe(401);
      expect(answer.json?.error_code).toBe('APIGW.0301');
      expect(answer.json?.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:DELETE\|/);
      expect(emulator.state().applied).toEqual([]);
    });
  });

  test('the mismatch message is the pipe-joined canonical request, with signed credentials masked', async () => {
    const { emulator, send } = await start({ tenants: [{ ...TENANT, securityToken: 'sts-secret-token' }] });
    const headers = signRequest({ method: 'DELETE', url: `${emulator.url}${MPC_PATH}?task_id=1` }, { ...TENANT, securityToken: 'sts-secret-token' }) as unknown as Record<string, string>;
    const answer = await send('DELETE', `${MPC_PATH}?task_id=9`, headers);
    const host = new URL(emulator.url).host;
    expect(answer.json?.error_msg).toBe(
      `Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:DELETE|${MPC_PATH}/|task_id=9|host:${host}|x-sdk-date:${headers['X-Sdk-Date']}|x-security-token:******||host;x-sdk-date;x-security-token|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855`,
    );
    expect(answer.text).not.toContain('sts-secret-token');
  });

  test('signs host as received, port included', async () => {
    const { emulator, send } = await start();
    const withoutPort = emulator.url.replace(/:\d+$/, '');
    const headers = signRequest({ method: 'DELETE', url: `${withoutPort}${MPC_PATH}?task_id=1` }, TENANT) as unknown as Record<string, string>;
    expect((await send('DELETE', `${MPC_PATH}?task_id=1`, headers)).status).toBe(401);
  });

  test.each([
    ['no credentials', {}, 'Incorrect IAM authentication information: x-auth-token not found'],
    ['a garbled Authorization', { Authorization: 'Bearer nonsense' }, 'Incorrect IAM authentication information: parse authorization header fail'],
    ['an unknown access key', { Authorization: `SDK-HMAC-SHA256 Access=NOSUCHKEY, SignedHeaders=host;x-sdk-date, Signature=${'a'.repeat(64)}`, 'X-Sdk-Date': formatSdkDate(new Date()) }, 'Incorrect IAM authentication information: Get secretKey failed,ak:******,err:ak not exist'],
    ['a missing X-Sdk-Date', { Authorization: `SDK-HMAC-SHA256 Access=${TENANT.ak}, SignedHeaders=host, Signature=${'a'.repeat(64)}` }, 'Incorrect IAM authentication information: verify aksk signature fail, x-sdk-date is missing or invalid'],
    ['an unknown token', { 'X-Auth-Token': 'forged' }, 'Incorrect IAM authentication information: decrypt token fail'],
  ])('401 for %s, in the gateway format', async (_, headers, message) => {
    const { send } = await start();
    const answer = await send('DELETE', `${MPC_PATH}?task_id=1`, headers);
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error_code: 'APIGW.0301', error_msg: message, request_id: answer.headers.get('x-request-id') });
  });

  test('refuses dates beyond the skew in both directions and reports its own time', async () => {
    const now = Date.parse('2024-04-16T09:53:41Z');
    const { signedDelete } = await start({ now: () => now, maxClockSkewSeconds: 900 });
    const late = await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, {}, new Date(now - 901_000));
    expect(late.status).toBe(401);
    expect(late.json?.error_msg).toBe('Incorrect IAM authentication information: calc aksk signature fail:signature expired, signature time:20240416T093840Z,server time:20240416T095341Z');
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, {}, new Date(now + 901_000))).status).toBe(401);
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, {}, new Date(now - 899_000))).status).toBe(204);
    expect((await signedDelete(`${MPC_PATH}?task_id=2`, TENANT, {}, new Date(now + 899_000))).status).toBe(204);
  });

  test('locks an access key after repeated failures, until the lock runs out', async () => {
    let now = Date.parse('2024-04-16T09:53:41Z');
    const { signedDelete } = await start({ now: () => now, lockout: { failures: 3, seconds: 300 } });
    const wrong = { ak: TENANT.ak, sk: 'wrong-secret' };
    for (let i = 0; i < 3; i += 1) expect((await signedDelete(`${MPC_PATH}?task_id=1`, wrong, {}, new Date(now))).json?.error_msg).toContain('verify aksk signature fail');
    const locked = await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, {}, new Date(now));
    expect(locked.status).toBe(401);
    expect(locked.json?.error_msg).toBe('Incorrect IAM authentication information: AK access failed to reach the limit,forbidden.');
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, OTHER_TENANT, {}, new Date(now))).status).toBe(403); // other keys unaffected (and not their project)
    now += 300_001;
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, {}, new Date(now))).status).toBe(204);
  });

  test('a success resets the failure count', async () => {
    const { signedDelete } = await start({ lockout: { failures: 2, seconds: 300 } });
    const wrong = { ak: TENANT.ak, sk: 'wrong-secret' };
    expect((await signedDelete(`${MPC_PATH}?task_id=9`, wrong)).status).toBe(401);
    expect((await signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
    expect((await signedDelete(`${MPC_PATH}?task_id=9`, wrong)).status).toBe(401);
    expect((await signedDelete(`${MPC_PATH}?task_id=2`)).status).toBe(204);
  });
});

describe('token auth', () => {
  test('accepts a configured token for its tenant', async () => {
    const { send } = await start();
    expect((await send('DELETE', `${MPC_PATH}?task_id=1`, { 'X-Auth-Token': 'tenant-token' })).status).toBe(204);
  });
});

describe('throttling', () => {
  test('429 past the per-tenant, per-API limit, with the gateway message', async () => {
    const { signedDelete, emulator } = await start({ rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (const id of [1, 2, 3, 4]) statuses.push((await signedDelete(`${MPC_PATH}?task_id=${id}`)).status);
    expect(statuses).toEqual([204, 204, 204, 429]);
    const throttled = await signedDelete(`${MPC_PATH}?task_id=4`);
    expect(throttled.json).toEqual({
      error_code: 'APIGW.0308',
      error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:3,time:1 minute',
      request_id: throttled.headers.get('x-request-id'),
    });
    // The limit is per API: VOD still answers.
    expect((await signedDelete(`${VOD_PATH}?asset_id=queued-1`)).status).toBe(204);
    expect(emulator.state().mpcTasks.find((t) => t.taskId === 4 && t.projectId === TENANT.projectId)).toBeDefined();
  });

  test('the window resets after a minute', async () => {
    let now = Date.now();
    const { signedDelete } = await start({ rateLimitPerMinute: 1, now: () => now });
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, {}, new Date(now))).status).toBe(204);
    expect((await signedDelete(`${MPC_PATH}?task_id=2`, TENANT, {}, new Date(now))).status).toBe(429);
    now += 60_000;
    expect((await signedDelete(`${MPC_PATH}?task_id=2`, TENANT, {}, new Date(now))).status).toBe(204);
  });
});

describe('answers', () => {
  test('X-Request-Id on every answer, 32 hex, unique, equal to the gateway body request_id', async () => {
    const { send, signedDelete } = await start();
    const answers = [await signedDelete(`${MPC_PATH}?task_id=1`), await signedDelete(`${MPC_PATH}?task_id=4`), await send('DELETE', `${MPC_PATH}?task_id=1`), await send('GET', '/nowhere')];
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(answers[2]!.json?.request_id).toBe(ids[2]);
  });

  test('an unknown route is a 404 APIGW.0101', async () => {
    const { send } = await start();
    const answer = await send('DELETE', '/v2/p/whatever');
    expect(answer.status).toBe(404);
    expect(answer.json?.error_code).toBe('APIGW.0101');
  });

  test('the error-code prefix is configurable', async () => {
    const { send } = await start({ errorCodePrefix: 'APIG' });
    expect((await send('DELETE', `${MPC_PATH}?task_id=1`)).json?.error_code).toBe('APIG.0301');
  });
});

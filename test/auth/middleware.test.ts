// akskAuth and tokenAuth through a real openapi-fetch client, against a loopback server that verifies each
// signature with its own implementation (test/helpers/signature-server.ts).
import createClient, { type Middleware, type MiddlewareCallbackParams } from 'openapi-fetch';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { paths as MpcPaths } from '../../generated/mpc.js';
import type { paths as VodPaths } from '../../generated/vod.js';
import { akskAuth } from '../../src/auth/aksk-auth.js';
import { tokenAuth } from '../../src/auth/token-auth.js';
import { useAuth } from '../../src/auth/use-auth.js';
import { ValidationError } from '../../src/errors/validation-error.js';
import { startSignatureServer } from '../helpers/signature-server.js';

const AK = 'HWMEDIATESTAK0000001';
const SK = 'hwmedia-test-secret-key-0000000000000001';
const PROJECT = '0123456789abcdef0123456789abcdef';
const tokens: string[] = ['token-one'];
let server: Awaited<ReturnType<typeof startSignatureServer>>;

beforeAll(async () => {
  server = await startSignatureServer({ [AK]: SK }, tokens);
});
afterAll(() => server.close());
beforeEach(() => {
  server.received.length = 0;
  tokens.splice(0, tokens.length, 'token-one');
});

const mpcClient = () => createClient<MpcPaths>({ baseUrl: server.url });
const deleteRecord = (client: ReturnType<typeof mpcClient>, taskId = 100211, headers: Record<string, string> = {}) =>
  client.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id: PROJECT }, query: { task_id: taskId } }, headers });

describe('akskAuth', () => {
  test('signs a DELETE that the server verifies independently, with host:port and X-Project-Id signed', async () => {
    const client = useAuth(mpcClient(), akskAuth({ ak: AK, sk: SK, projectId: PROJECT }));
    const { response } = await deleteRecord(client);
    expect(response.status).toBe(204);
    const [seen] = server.received;
    expect(seen?.verdict).toBe('valid');
    expect(seen?.rawUrl).toBe(`/v1/${PROJECT}/transcodings/task?task_id=100211`);
    expect(seen?.signedHeaders).toEqual(['host', 'x-project-id', 'x-sdk-date']);
    expect(seen?.headers.host).toBe(new URL(server.url).host);
    expect(seen?.headers['x-project-id']).toBe(PROJECT);
    expect(seen?.body.length).toBe(0);
    expect(seen?.canonicalRequest?.endsWith('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe(true);
  });

  test('signs VOD requests with unicode and reserved characters in the query', async () => {
    const vod = useAuth(createClient<VodPaths>({ baseUrl: server.url }), akskAuth({ ak: AK, sk: SK }));
    const assetId = "a b+c/d?e&f=g*h'(一)😀~";
    const { response } = await vod.DELETE('/v1.0/{project_id}/asset/process', { params: { path: { project_id: PROJECT }, query: { asset_id: assetId } } });
    expect(response.status).toBe(204);
    expect(server.received[0]?.verdict).toBe('valid');
    expect(new URL(server.received[0]!.rawUrl, server.url).searchParams.get('asset_id')).toBe(assetId);
  });

  test('adds and signs X-Security-Token for temporary credentials', async () => {
    const client = useAuth(mpcClient(), akskAuth({ ak: AK, sk: SK, securityToken: 'temporary-security-token' }));
    await deleteRecord(client);
    const [seen] = server.received;
    expect(seen?.verdict).toBe('valid');
    expect(seen?.headers['x-security-token']).toBe('temporary-security-token');
    expect(seen?.signedHeaders).toContain('x-security-token');
  });

  test('signs per-call headers, trimming nothing the server does not trim too', async () => {
    const client = useAuth(mpcClient(), akskAuth({ ak: AK, sk: SK }));
    await deleteRecord(client, 7, { 'X-Trace': 'abc  def' });
    expect(server.received[0]?.verdict).toBe('valid');
    expect(server.received[0]?.signedHeaders).toContain('x-trace');
  });

  test('useAuth keeps signing last: a middleware added afterwards is covered by the signature', async () => {
    const client = useAuth(mpcClient(), akskAuth({ ak: AK, sk: SK }));
    const addHeader: Middleware = {
      onRequest({ request }) {
        const headers = new Headers(request.headers);
        headers.set('X-Added-Later', 'yes');
        return new Request(request, { headers });
      },
    };
    client.use(addHeader);
    await deleteRecord(client);
    expect(server.received[0]?.verdict).toBe('valid');
    expect(server.received[0]?.signedHeaders).toContain('x-added-later');
  });

  test('a middleware that rewrites the query after signing breaks the signature (the verifier is not a rubber stamp)', async () => {
    const client = mpcClient();
    client.use(akskAuth({ ak: AK, sk: SK }));
    client.use({
      onRequest({ request }) {
        return new Request(request.url.replace('task_id=100211', 'task_id=100212'), request);
      },
    });
    const { response } = await deleteRecord(client);
    expect(response.status).toBe(401);
    expect(server.received[0]?.verdict).toBe('invalid');
  });

  test('signs the body bytes of a request that has one', async () => {
    const auth = akskAuth({ ak: AK, sk: SK });
    const request = new Request(`${server.url}/v1/${PROJECT}/things?x=1`, { method: 'POST', body: '{"name":"一"}', headers: { 'Content-Type': 'application/json' } });
    const signed = await auth.onRequest({ request } as MiddlewareCallbackParams);
    const response = await fetch(signed);
    expect(response.status).toBe(204);
    expect(server.received[0]?.verdict).toBe('valid');
    expect(server.received[0]?.body.toString()).toBe('{"name":"一"}');
  });

  test('dates the signature from the clock, shifted by the clock offset', async () => {
    const auth = akskAuth({ ak: AK, sk: SK, clock: () => new Date('2024-04-16T09:53:41Z') });
    const client = useAuth(mpcClient(), auth);
    await deleteRecord(client);
    expect(server.received[0]?.headers['x-sdk-date']).toBe('20240416T095341Z');
    auth.setClockOffset(90_000);
    await deleteRecord(client);
    expect(server.received[1]?.headers['x-sdk-date']).toBe('20240416T095511Z');
    expect(server.received.map((r) => r.verdict)).toEqual(['valid', 'valid']);
  });

  test('does not modify the request it is given', async () => {
    const auth = akskAuth({ ak: AK, sk: SK, projectId: PROJECT });
    const original = new Request(`${server.url}/v1/${PROJECT}/transcodings/task?task_id=1`, { method: 'DELETE', headers: { 'X-A': '1' } });
    const signed = await auth.onRequest({ request: original } as MiddlewareCallbackParams);
    expect([...original.headers]).toEqual([['x-a', '1']]);
    expect(signed).not.toBe(original);
    expect(signed.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 /);
  });
});

describe('tokenAuth', () => {
  test('sends a fixed token in X-Auth-Token', async () => {
    const client = useAuth(mpcClient(), tokenAuth('token-one'));
    const { response } = await deleteRecord(client);
    expect(response.status).toBe(204);
    expect(server.received[0]?.headers['x-auth-token']).toBe('token-one');
    expect(server.received[0]?.headers.authorization).toBeUndefined();
  });

  test('asks a provider once and shares the token between concurrent requests', async () => {
    let calls = 0;
    const client = useAuth(
      mpcClient(),
      tokenAuth(async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return 'token-one';
      }),
    );
    const results = await Promise.all([1, 2, 3, 4, 5].map((id) => deleteRecord(client, id)));
    expect(results.map((r) => r.response.status)).toEqual([204, 204, 204, 204, 204]);
    expect(calls).toBe(1);
  });

  test('on a 401, fetches the token again once and resends the request', async () => {
    const issued = ['token-one', 'token-two'];
    let calls = 0;
    const client = useAuth(mpcClient(), tokenAuth(() => issued[calls++]!));
    expect((await deleteRecord(client, 1)).response.status).toBe(204);
    tokens.splice(0, tokens.length, 'token-two'); // token-one expires at the gateway
    const { response } = await deleteRecord(client, 2);
    expect(response.status).toBe(204);
    expect(calls).toBe(2);
    expect(server.received.map((r) => [r.headers['x-auth-token'], r.verdict])).toEqual([
      ['token-one', 'token'],
      ['token-one', 'invalid'],
      ['token-two', 'token'],
    ]);
  });

  test('concurrent 401s refresh the token once', async () => {
    let calls = 0;
    const client = useAuth(mpcClient(), tokenAuth(async () => `token-${++calls === 1 ? 'one' : 'two'}`));
    await deleteRecord(client, 1);
    tokens.splice(0, tokens.length, 'token-two');
    const results = await Promise.all([2, 3, 4].map((id) => deleteRecord(client, id)));
    expect(results.map((r) => r.response.status)).toEqual([204, 204, 204]);
    expect(calls).toBe(2);
  });

  test('gives up after one refresh when the new token is refused too', async () => {
    let calls = 0;
    const client = useAuth(mpcClient(), tokenAuth(() => `token-${++calls}`));
    tokens.length = 0;
    const { response, error } = await deleteRecord(client);
    expect(response.status).toBe(401);
    expect(error?.error_code).toBe('APIGW.0301');
    expect(calls).toBe(2);
    expect(server.received).toHaveLength(2);
  });

  test('a fixed token is not retried on a 401', async () => {
    const client = useAuth(mpcClient(), tokenAuth('expired'));
    const { response } = await deleteRecord(client);
    expect(response.status).toBe(401);
    expect(server.received).toHaveLength(1);
  });

  test('a failing provider fails the request, and is asked again next time', async () => {
    let calls = 0;
    const client = useAuth(
      mpcClient(),
      tokenAuth(() => {
        calls += 1;
        if (calls === 1) throw new Error('IAM unreachable');
        return 'token-one';
      }),
    );
    await expect(deleteRecord(client)).rejects.toThrow('IAM unreachable');
    expect((await deleteRecord(client)).response.status).toBe(204);
    expect(server.received).toHaveLength(1);
  });
});

describe('exactly one strategy per client', () => {
  test('useAuth refuses a second strategy', () => {
    const client = useAuth(mpcClient(), akskAuth({ ak: AK, sk: SK }));
    expect(() => useAuth(client, tokenAuth('token-one'))).toThrow(ValidationError);
    expect(() => useAuth(client, akskAuth({ ak: AK, sk: SK }))).toThrow(/exactly one strategy/);
  });

  test.each([
    ['token then aksk', () => [tokenAuth('token-one'), akskAuth({ ak: AK, sk: SK })]],
    ['aksk then token', () => [akskAuth({ ak: AK, sk: SK }), tokenAuth('token-one')]],
  ])('both registered by hand (%s) fail before anything is sent', async (_, strategies) => {
    const client = mpcClient();
    client.use(...(strategies() as Middleware[]));
    await expect(deleteRecord(client)).rejects.toThrow(/exactly one strategy/);
    expect(server.received).toHaveLength(0);
  });

  test('useAuth refuses something that is not a strategy', () => {
    expect(() => useAuth(mpcClient(), {} as never)).toThrow(/akskAuth\(\.\.\.\) or tokenAuth\(\.\.\.\)/);
  });
});

describe('input with CR or LF is refused before anything is sent', () => {
  test.each([
    ['akskAuth.ak', () => akskAuth({ ak: 'AK\r\nX-Evil: 1', sk: SK })],
    ['akskAuth.sk', () => akskAuth({ ak: AK, sk: `${SK}\n` })],
    ['akskAuth.securityToken', () => akskAuth({ ak: AK, sk: SK, securityToken: 'tok\nen' })],
    ['akskAuth.projectId', () => akskAuth({ ak: AK, sk: SK, projectId: 'p\r' })],
    ['tokenAuth.token', () => tokenAuth('tok\r\nen')],
  ])('%s', (field, construct) => {
    const error = (() => {
      try {
        construct();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).message).toBe(`hwcloud-media: ${field} must not contain CR, LF or NUL characters`);
  });

  test('a provider token with a line break fails the request and nothing is sent', async () => {
    const client = useAuth(mpcClient(), tokenAuth(() => 'token\r\nX-Evil: 1'));
    await expect(deleteRecord(client)).rejects.toThrow(/tokenAuth provider result must not contain CR, LF/);
    expect(server.received).toHaveLength(0);
  });
});

describe('useAuth under misuse', () => {
  test('a middleware openapi-fetch refuses leaves the client signed', async () => {
    const client = useAuth(mpcClient(), akskAuth({ ak: AK, sk: SK }));
    expect(() => client.use({} as Middleware)).toThrow();
    const { response } = await deleteRecord(client);
    expect(response.status).toBe(204);
    expect(server.received[0]?.verdict).toBe('valid');
  });
});

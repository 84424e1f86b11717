// No credential reaches an error message, stack, inspect or JSON view of anything the clients make, even
// when the gateway quotes it back: its signature-mismatch message embeds the canonical request, and with
// temporary credentials that holds `x-security-token:<value>`.
import type { IncomingMessage } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { akskAuth } from '../../src/auth/aksk-auth.js';
import { tokenAuth } from '../../src/auth/token-auth.js';
import { createMpcClient, createVodClient, HuaweiCloudError, NetworkError, TimeoutError } from '../../src/index.js';
import { independentCanonicalRequest } from '../helpers/signature-server.js';
import { closedPort, rejection, reply, stall, startScriptedServer, type ScriptedServer, type Step } from './scripted-server.js';

const AK = 'AKCANARY000000000001';
const SECRETS = {
  sk: 'SK-canary-7c1f0e9a4b2d4e6f8a0b1c2d3e4f5a6b',
  securityToken: 'STOKEN-canary-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
  token: 'TOKEN-canary-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
};
const PROJECT = '0123456789abcdef0123456789abcdef';
let server: ScriptedServer;
let signature = '';
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function everyView(value: unknown): string {
  const views = [
    String(value),
    JSON.stringify(value),
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }),
    JSON.stringify(Object.entries(value as object)),
  ];
  if (value instanceof Error) views.push(value.message, value.stack ?? '');
  return views.join('\n');
}

function expectNoSecret(text: string) {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  if (signature !== '') expect(text).not.toContain(signature);
}

// What the gateway answers to a signature it cannot match: the canonical request it computed, `|`-joined.
const signatureMismatch: Step = (req: IncomingMessage, res) => {
  const signed = /SignedHeaders=([^,]+)/.exec(req.headers.authorization ?? '')?.[1]?.split(';') ?? [];
  signature = /Signature=([0-9a-f]+)/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const canonical = independentCanonicalRequest(req.method ?? '', req.url ?? '', req.headers, signed, Buffer.alloc(0)).replaceAll('\n', '|');
  reply(401, {
    error_msg: `Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:${canonical}`,
    error_code: 'APIGW.0301',
    request_id: 'r',
  })(req, res);
};

// A debugging proxy that echoes the request headers, as JSON and as an HTML table.
const echoHeaders = (format: 'json' | 'html'): Step => (req, res) => {
  if (format === 'json') {
    reply(502, JSON.stringify({ message: 'upstream failed', request: { headers: req.headers } }), { 'Content-Type': 'application/json' })(req, res);
  } else {
    const rows = Object.entries(req.headers).map(([name, value]) => `<tr><td>${name}: ${String(value)}</td></tr>`).join('');
    reply(502, `<html><body><table>${rows}</table></body></html>`, { 'Content-Type': 'text/html' })(req, res);
  }
};

describe('errors quoting credentials back', () => {
  test('the canonical request in a signature-mismatch 401 has its security token redacted', async () => {
    server.script(signatureMismatch);
    const auth = akskAuth({ ak: AK, sk: SECRETS.sk, securityToken: SECRETS.securityToken, projectId: PROJECT });
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT, auth, retry: false });
    const error = (await rejection(mpc.deleteTranscodingTaskRecord(100211))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.errorMsg).toContain('|x-security-token:[REDACTED]|');
    expect(error.errorMsg).toContain(`|x-project-id:${PROJECT}|`); // the rest stays, for debugging
    expect(error.message).toContain('x-security-token:[REDACTED]');
    expect(error.bodySnippet).toContain('x-security-token:[REDACTED]');
    expectNoSecret(everyView(error));
  });

  test.each(['json', 'html'] as const)('a proxy echoing the headers as %s: token and Authorization redacted', async (format) => {
    server.script(echoHeaders(format), echoHeaders(format));
    const vod = createVodClient({ endpoint: server.url, projectId: PROJECT, auth: tokenAuth(SECRETS.token), retry: false });
    const tokenError = (await rejection(vod.cancelAssetTranscodeTask('a'))) as HuaweiCloudError;
    expect(tokenError.bodySnippet).toContain('x-auth-token');
    expectNoSecret(everyView(tokenError));

    const signing = createVodClient({
      endpoint: server.url,
      projectId: PROJECT,
      auth: akskAuth({ ak: AK, sk: SECRETS.sk, securityToken: SECRETS.securityToken }),
      retry: false,
    });
    const signingError = (await rejection(signing.cancelAssetTranscodeTask('a'))) as HuaweiCloudError;
    expect(signingError.bodySnippet).toContain('authorization');
    const views = everyView(signingError);
    expectNoSecret(views);
    expect(views).not.toMatch(/Signature=[0-9a-f]{64}/);
  });

  test('redaction happens before the snippet is cut, so a cut cannot expose part of a value', async () => {
    const body = `${'x'.repeat(480)}x-security-token:${SECRETS.securityToken}|x-sdk-date:20240101T000000Z`;
    server.script(reply(400, body));
    const error = (await rejection(createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: false }).deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error.bodySnippet).toHaveLength(512);
    expect(error.bodySnippet.endsWith('x-security-token:[REDACTED]|x-sd')).toBe(true);
    expect(everyView(error)).not.toContain(SECRETS.securityToken.slice(0, 12));
  });

  test('a token in an errorMsg is redacted in every field', async () => {
    server.script(reply(401, { error_code: 'APIGW.0307', error_msg: `The token must be updated. X-Auth-Token: ${SECRETS.token}`, request_id: 'r' }));
    const error = (await rejection(createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: false }).deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error.errorMsg).toBe('The token must be updated. X-Auth-Token: [REDACTED]');
    expectNoSecret(everyView(error));
  });
});

describe('other objects', () => {
  test('clients show their endpoint, project and auth kind, never a credential', () => {
    const mpc = createMpcClient({
      endpoint: server.url,
      projectId: PROJECT,
      auth: akskAuth({ ak: AK, sk: SECRETS.sk, securityToken: SECRETS.securityToken }),
    });
    const vod = createVodClient({ region: 'cn-north-4', projectId: PROJECT, auth: tokenAuth(SECRETS.token) });
    expectNoSecret(everyView(mpc));
    expectNoSecret(everyView(vod));
    expect(String(mpc)).toBe(`MpcClient {"endpoint":"${server.url}","projectId":"${PROJECT}","auth":"aksk"}`);
    expect(JSON.parse(JSON.stringify(vod))).toEqual({ type: 'VodClient', endpoint: 'https://vod.cn-north-4.myhuaweicloud.com', projectId: PROJECT, auth: 'token' });
  });

  test('NetworkError and TimeoutError show no credential', async () => {
    const auth = akskAuth({ ak: AK, sk: SECRETS.sk, securityToken: SECRETS.securityToken });
    const network = await rejection(createMpcClient({ endpoint: await closedPort(), projectId: PROJECT, auth, retry: false }).deleteTranscodingTaskRecord(1));
    expect(network).toBeInstanceOf(NetworkError);
    expectNoSecret(everyView(network));
    server.script(stall);
    const timeout = await rejection(
      createVodClient({ endpoint: server.url, projectId: PROJECT, auth: tokenAuth(SECRETS.token), retry: false, timeoutMs: 50 }).cancelAssetTranscodeTask('a'),
    );
    expect(timeout).toBeInstanceOf(TimeoutError);
    expectNoSecret(everyView(timeout));
  });

  test('an endpoint with credentials in it is refused without quoting them', () => {
    let caught: unknown;
    try {
      createMpcClient({ endpoint: `https://user:${SECRETS.token}@proxy.example.com`, projectId: PROJECT });
    } catch (error) {
      caught = error;
    }
    expectNoSecret(everyView(caught));
  });
});

// No object of ours shows a secret through String(), JSON.stringify or util.inspect, and no error names one.
import { inspect } from 'node:util';
import { describe, expect, test } from 'vitest';
import { akskAuth } from '../../src/auth/aksk-auth.js';
import { tokenAuth } from '../../src/auth/token-auth.js';
import { signRequest } from '../../src/auth/sign-request.js';

const SECRETS = {
  sk: 'SK-canary-7c1f0e9a4b2d4e6f8a0b1c2d3e4f5a6b',
  securityToken: 'STOKEN-canary-5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b',
  token: 'TOKEN-canary-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
};
const AK = 'AKCANARY000000000001';

function everyView(value: unknown): string {
  return [
    String(value),
    `${value as string}`,
    JSON.stringify(value),
    inspect(value),
    inspect(value, { depth: Infinity, showHidden: true, getters: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }),
    JSON.stringify(Object.entries(value as object)),
    JSON.stringify({ ...(value as object) }),
  ].join('\n');
}

function expectNoSecret(text: string) {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

describe('auth objects', () => {
  test('akskAuth shows a masked access key and no secret in any view', () => {
    const auth = akskAuth({ ak: AK, sk: SECRETS.sk, securityToken: SECRETS.securityToken, projectId: 'p1' });
    const views = everyView(auth);
    expectNoSecret(views);
    expect(views).not.toContain(AK);
    expect(String(auth)).toBe('akskAuth {"ak":"AKCA****","temporary":true,"projectId":"p1"}');
    expect(JSON.parse(JSON.stringify(auth))).toEqual({ type: 'akskAuth', ak: 'AKCA****', temporary: true, projectId: 'p1' });
  });

  test('tokenAuth shows no token in any view, static or provided', async () => {
    expectNoSecret(everyView(tokenAuth(SECRETS.token)));
    const provided = tokenAuth(async () => SECRETS.token);
    await provided.onRequest({ request: new Request('https://h.example/') } as never);
    expectNoSecret(everyView(provided));
    expect(String(provided)).toBe('tokenAuth {"source":"provider"}');
  });
});

describe('errors', () => {
  function messageAndStack(run: () => unknown): string {
    try {
      run();
    } catch (error) {
      return `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error)}\n${JSON.stringify(error)}`;
    }
    throw new Error('expected a throw');
  }

  test.each([
    ['an sk with a line break', () => akskAuth({ ak: AK, sk: `${SECRETS.sk}\n` })],
    ['a security token with a line break', () => akskAuth({ ak: AK, sk: SECRETS.sk, securityToken: `${SECRETS.securityToken}\r` })],
    ['a token with a line break', () => tokenAuth(`${SECRETS.token}\r\n`)],
    ['a bad header next to secrets', () => signRequest({ method: 'DELETE', url: 'https://h.example/', headers: { 'X-Auth-Token': `${SECRETS.token}\n` } }, { ak: AK, sk: SECRETS.sk })],
    ['an invalid URL', () => signRequest({ method: 'DELETE', url: `not a url ${SECRETS.token}` }, { ak: AK, sk: SECRETS.sk })],
  ])('%s', (_, run) => {
    expectNoSecret(messageAndStack(run));
  });
});

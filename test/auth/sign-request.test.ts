// signRequest as a whole: what it signs, what it leaves alone, and how it refuses bad input.
import { describe, expect, test } from 'vitest';
import { portableHash } from '../../src/auth/hash.js';
import { signRequest, signRequestDetailed } from '../../src/auth/sign-request.js';
import { ValidationError } from '../../src/errors/validation-error.js';

const credentials = { ak: 'HWMEDIATESTAK0000001', sk: 'sign-request-test-secret' };
const date = new Date('2024-04-16T09:53:41Z');
const url = 'https://mpc.cn-north-4.myhuaweicloud.com/v1/p/transcodings/task?task_id=1';

describe('what is signed', () => {
  test('host comes from the URL, with a non-default port and without the default one', () => {
    const withPort = signRequestDetailed({ method: 'DELETE', url: 'https://h.example:8443/a' }, credentials, { date });
    expect(withPort.canonicalRequest).toContain('\nhost:h.example:8443\n');
    const defaultPort = signRequestDetailed({ method: 'DELETE', url: 'https://h.example:443/a' }, credentials, { date });
    expect(defaultPort.canonicalRequest).toContain('\nhost:h.example\n');
    const given = signRequestDetailed({ method: 'DELETE', url: 'https://h.example/a', headers: { Host: 'other.example' } }, credentials, { date });
    expect(given.canonicalRequest).toContain('\nhost:h.example\n');
  });

  test('the path and query as the URL serializes them (dot segments resolved, as fetch sends them)', () => {
    const signed = signRequestDetailed({ method: 'DELETE', url: 'https://h.example/v1/a/../b/task?task_id=1' }, credentials, { date });
    expect(signed.canonicalRequest.split('\n').slice(0, 3)).toEqual(['DELETE', '/v1/b/task/', 'task_id=1']);
  });

  test('method names fetch normalizes are upper-cased, others kept', () => {
    expect(signRequestDetailed({ method: 'delete', url }, credentials, { date }).canonicalRequest.startsWith('DELETE\n')).toBe(true);
    expect(signRequestDetailed({ method: 'patch', url }, credentials, { date }).canonicalRequest.startsWith('patch\n')).toBe(true);
  });

  test('leaves out Authorization and names with underscores, and replaces a stale X-Sdk-Date', () => {
    const signed = signRequestDetailed(
      { method: 'DELETE', url, headers: { Authorization: 'old', 'X-Project_Id': 'p', 'X-Sdk-Date': '20000101T000000Z', 'X-Keep': 'k' } },
      credentials,
      { date },
    );
    expect(signed.signedHeaders).toBe('host;x-keep;x-sdk-date');
    expect(signed.canonicalRequest).toContain('x-sdk-date:20240416T095341Z');
  });

  test('X-Sdk-Content-Sha256 replaces the body hash', () => {
    const signed = signRequestDetailed({ method: 'PUT', url, headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' }, body: 'ignored' }, credentials, { date });
    expect(signed.canonicalRequest.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(signed.signedHeaders).toContain('x-sdk-content-sha256');
  });

  test('every byte matters: changing any input changes the signature', () => {
    const base = signRequest({ method: 'DELETE', url, headers: { 'X-A': '1' } }, credentials, { date }).Authorization;
    const variants = [
      signRequest({ method: 'GET', url, headers: { 'X-A': '1' } }, credentials, { date }),
      signRequest({ method: 'DELETE', url: url.replace('task_id=1', 'task_id=2'), headers: { 'X-A': '1' } }, credentials, { date }),
      signRequest({ method: 'DELETE', url: url.replace('/p/', '/q/'), headers: { 'X-A': '1' } }, credentials, { date }),
      signRequest({ method: 'DELETE', url, headers: { 'X-A': '2' } }, credentials, { date }),
      signRequest({ method: 'DELETE', url, headers: { 'X-A': '1' }, body: 'x' }, credentials, { date }),
      signRequest({ method: 'DELETE', url, headers: { 'X-A': '1' } }, credentials, { date: new Date(date.getTime() + 1000) }),
      signRequest({ method: 'DELETE', url, headers: { 'X-A': '1' } }, { ...credentials, sk: `${credentials.sk}x` }, { date }),
    ];
    for (const variant of variants) expect(variant.Authorization).not.toBe(base);
  });

  test('the portable and native hashes give the same signature', () => {
    const request = { method: 'DELETE', url: `${url}&x=${encodeURIComponent('一 😀')}`, body: 'body' };
    expect(signRequest(request, credentials, { date, hash: portableHash }).Authorization).toBe(signRequest(request, credentials, { date }).Authorization);
  });
});

describe('what it returns and leaves alone', () => {
  test('returns exactly the headers to add', () => {
    expect(Object.keys(signRequest({ method: 'DELETE', url }, credentials, { date }))).toEqual(['X-Sdk-Date', 'Authorization']);
    const temporary = signRequest({ method: 'DELETE', url }, { ...credentials, securityToken: 'st' }, { date });
    expect(temporary).toMatchObject({ 'X-Security-Token': 'st', 'X-Sdk-Date': '20240416T095341Z' });
    expect(temporary.Authorization).toMatch(/SignedHeaders=host;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/);
  });

  test('does not modify the request, its headers or the credentials', () => {
    const headers = { 'X-A': ' 1 ' };
    const request = { method: 'DELETE', url, headers };
    const frozen = Object.freeze({ ...credentials });
    const snapshot = JSON.stringify(request);
    signRequest(Object.freeze(request), frozen, { date });
    expect(JSON.stringify(request)).toBe(snapshot);
    const live = new Headers({ 'X-A': '1' });
    signRequest({ method: 'DELETE', url, headers: live }, credentials, { date });
    expect([...live]).toEqual([['x-a', '1']]);
  });

  test('defaults the date to now', () => {
    const before = Date.now();
    const { 'X-Sdk-Date': sdkDate } = signRequest({ method: 'DELETE', url }, credentials);
    const signedAt = Date.UTC(+sdkDate.slice(0, 4), +sdkDate.slice(4, 6) - 1, +sdkDate.slice(6, 8), +sdkDate.slice(9, 11), +sdkDate.slice(11, 13), +sdkDate.slice(13, 15));
    expect(signedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(signedAt).toBeLessThanOrEqual(Date.now());
  });
});

describe('bad input', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['credentials.ak', () => signRequest({ method: 'DELETE', url }, { ak: '', sk: 's' }), 'must not be empty'],
    ['credentials.ak', () => signRequest({ method: 'DELETE', url }, { ak: 'A K', sk: 's' }), 'must be visible ASCII without spaces or commas'],
    ['credentials.ak', () => signRequest({ method: 'DELETE', url }, { ak: 'A,K', sk: 's' }), 'must be visible ASCII without spaces or commas'],
    ['credentials.sk', () => signRequest({ method: 'DELETE', url }, { ak: 'AK', sk: 'secret\n' }), 'must not contain CR, LF or NUL characters'],
    ['credentials.securityToken', () => signRequest({ method: 'DELETE', url }, { ak: 'AK', sk: 's', securityToken: 'a\rb' }), 'must not contain CR, LF or NUL characters'],
    ['request.url', () => signRequest({ method: 'DELETE', url: '/relative' }, credentials), 'must be an absolute URL'],
    ['options.date', () => signRequest({ method: 'DELETE', url }, credentials, { date: new Date('x') }), 'must be a valid Date'],
  ];
  test.each(cases)('%s: %s', (field, run, rule) => {
    let caught: unknown;
    try {
      run();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect(caught).toMatchObject({ field, rule, message: `hwcloud-media: ${field} ${rule}` });
  });
});

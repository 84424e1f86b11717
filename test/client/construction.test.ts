// Creating a client: regions (held equal to the specs' servers), explicit endpoints, option checks, the
// User-Agent, and what a client exposes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { akskAuth } from '../../src/auth/aksk-auth.js';
import { tokenAuth } from '../../src/auth/token-auth.js';
import { createMpcClient, createVodClient, MPC_REGIONS, VOD_REGIONS, ValidationError } from '../../src/index.js';
import { captureFetch } from '../helpers/capture-fetch.js';
import { projectRoot, type OpenApiDocument } from '../helpers/project.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const AK = 'HWMEDIATESTAK0000001';
const SK = 'hwmedia-test-secret-key-0000000000000001';

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

// Every (region, URL) pair the spec's servers describe, the `{region}` variable expanded over its enum.
function serversOf(spec: 'mpc' | 'vod'): Record<string, string> {
  const document = JSON.parse(readFileSync(path.join(projectRoot, 'generated', `${spec}.openapi.json`), 'utf8')) as OpenApiDocument;
  const table: Record<string, string> = {};
  for (const server of document.servers) {
    const regions = server.variables?.['region']?.enum ?? [];
    expect(regions.length, server.url).toBeGreaterThan(0);
    for (const region of regions) {
      expect(table[region], `${region} appears twice`).toBeUndefined();
      table[region] = server.url.replace('{region}', region);
    }
  }
  return table;
}

describe('region tables', () => {
  test.each([
    ['mpc', MPC_REGIONS],
    ['vod', VOD_REGIONS],
  ] as const)('%s equals the servers of its bundled spec', (spec, table) => {
    expect({ ...table }).toEqual(serversOf(spec));
  });

  test('MPC cn-north-1 keeps the mts host; VOD has none', () => {
    expect(MPC_REGIONS['cn-north-1']).toBe('https://mts.cn-north-1.myhuaweicloud.com');
    expect(VOD_REGIONS['cn-north-1']).toBe('https://vod.cn-north-1.myhuaweicloud.com');
  });

  test('the tables cannot be changed at run time', () => {
    expect(Object.isFrozen(MPC_REGIONS)).toBe(true);
    expect(Object.isFrozen(VOD_REGIONS)).toBe(true);
  });

  test('a region selects its endpoint, and requests go there', async () => {
    const { fetch, requests } = captureFetch();
    const mpc = createMpcClient({ region: 'cn-north-1', projectId: PROJECT, fetch });
    expect(mpc.endpoint).toBe('https://mts.cn-north-1.myhuaweicloud.com');
    await mpc.deleteTranscodingTaskRecord(100211);
    expect(requests[0]?.url).toBe(`https://mts.cn-north-1.myhuaweicloud.com/v1/${PROJECT}/transcodings/task?task_id=100211`);
    const vod = createVodClient({ region: 'ap-southeast-3', projectId: PROJECT, fetch });
    await vod.cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65');
    expect(requests[1]?.url).toBe(
      `https://vod.ap-southeast-3.myhuaweicloud.com/v1.0/${PROJECT}/asset/process?asset_id=f488337c31c8e4622f1590735b134c65`,
    );
    expect(requests.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  test.each([
    ['MPC', () => createMpcClient({ region: 'ap-southeast-1', projectId: PROJECT }), Object.keys(MPC_REGIONS)],
    ['VOD', () => createVodClient({ region: 'cn-east-3', projectId: PROJECT }), Object.keys(VOD_REGIONS)],
  ])('an unknown %s region fails at construction and lists the known ones', (service, create, known) => {
    const error = validationError(create);
    expect(error.field).toBe('region');
    expect(error.message).toBe(`hwcloud-media: region must be one of the ${service} regions: ${known.join(', ')} (or pass endpoint instead)`);
  });

  test.each(['__proto__', 'constructor', 'toString', '', 'CN-NORTH-4'])('%j is not a region', (region) => {
    expect(validationError(() => createMpcClient({ region, projectId: PROJECT })).field).toBe('region');
  });

  test('neither region nor endpoint is an error naming the regions', () => {
    const error = validationError(() => createVodClient({ projectId: PROJECT } as never));
    expect(error.field).toBe('region');
    expect(error.rule).toContain('is required unless endpoint is given');
    for (const region of Object.keys(VOD_REGIONS)) expect(error.rule).toContain(region);
  });

  test('both region and endpoint is ambiguous, so an error', () => {
    const error = validationError(() => createMpcClient({ region: 'cn-north-4', endpoint: 'https://example.com', projectId: PROJECT } as never));
    expect(error.field).toBe('endpoint');
    expect(error.rule).toBe('must not be given together with region: pass one or the other');
  });
});

describe('explicit endpoints', () => {
  test.each([
    ['https://mpc.cn-north-4.myhuaweicloud.com', 'https://mpc.cn-north-4.myhuaweicloud.com'],
    ['https://proxy.example.com/', 'https://proxy.example.com'],
    ['https://proxy.example.com/huawei/mpc/', 'https://proxy.example.com/huawei/mpc'],
    ['https://proxy.example.com:8443', 'https://proxy.example.com:8443'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['http://127.1:81', 'http://127.0.0.1:81'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('%s is accepted as %s', (endpoint, expected) => {
    expect(createMpcClient({ endpoint, projectId: PROJECT }).endpoint).toBe(expected);
  });

  test('a URL object is accepted, and a path prefix is kept in requests', async () => {
    const { fetch, requests } = captureFetch();
    const vod = createVodClient({ endpoint: new URL('https://proxy.example.com/vod/'), projectId: PROJECT, fetch });
    await vod.cancelAssetTranscodeTask('abc');
    expect(requests[0]?.url).toBe(`https://proxy.example.com/vod/v1.0/${PROJECT}/asset/process?asset_id=abc`);
  });

  test.each([
    ['http://mpc.cn-north-4.myhuaweicloud.com', 'must use https'],
    ['http://10.0.0.1', 'must use https'],
    ['http://127.0.0.1.example.com', 'must use https'],
    ['http://localhost.example.com', 'must use https'],
    ['ftp://127.0.0.1', 'must use https'],
    ['mpc.cn-north-4.myhuaweicloud.com', 'must be an absolute URL'],
    ['', 'must be an absolute URL'],
    ['https://user:secret@proxy.example.com', 'must not contain a user name or password'],
    ['https://proxy.example.com/?a=1', 'must not have a query or a fragment'],
    ['https://proxy.example.com/#x', 'must not have a query or a fragment'],
  ])('%j is refused: %s', (endpoint, rule) => {
    const error = validationError(() => createMpcClient({ endpoint, projectId: PROJECT }));
    expect(error.field).toBe('endpoint');
    expect(error.rule).toContain(rule);
    expect(error.message).not.toContain('secret');
  });

  test('a value that is not a string or URL is refused', () => {
    expect(validationError(() => createMpcClient({ endpoint: 42 as never, projectId: PROJECT })).rule).toBe('must be a string or a URL');
  });
});

describe('other options', () => {
  test.each([
    ['options', null, 'must be an object'],
    ['options', 'cn-north-4', 'must be an object'],
    ['auth', { auth: [akskAuth({ ak: AK, sk: SK }), tokenAuth('t')] }, 'must be one strategy: akskAuth(...) or tokenAuth(...)'],
    ['auth', { auth: { kind: 'basic' } }, 'must be one strategy: akskAuth(...) or tokenAuth(...)'],
    ['fetch', { fetch: 'https://example.com' }, 'must be a function'],
    ['timeoutMs', { timeoutMs: 0 }, 'must be a number of milliseconds above 0 and at most 2147483647'],
    ['timeoutMs', { timeoutMs: Number.NaN }, 'must be a number of milliseconds above 0 and at most 2147483647'],
    ['timeoutMs', { timeoutMs: 2 ** 31 }, 'must be a number of milliseconds above 0 and at most 2147483647'],
    ['timeoutMs', { timeoutMs: '30000' }, 'must be a number of milliseconds above 0 and at most 2147483647'],
    ['retry', { retry: true }, 'must be an object or false'],
    ['retry.maxAttempts', { retry: { maxAttempts: 0 } }, 'must be an integer of at least 1'],
    ['retry.maxAttempts', { retry: { maxAttempts: 2.5 } }, 'must be an integer of at least 1'],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -1 } }, 'must be a number of milliseconds from 0 to 2147483647'],
    ['retry.maxDelayMs', { retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, 'must be a number of milliseconds from 0 to 2147483647'],
    ['userAgent', { userAgent: '' }, 'must be a non-empty string or false'],
    ['userAgent', { userAgent: 'app/1\r\nX-Evil: 1' }, 'must not contain CR, LF or NUL characters'],
  ])('%s: %j is refused', (field, extra, rule) => {
    const options = extra === null || typeof extra === 'string' ? extra : { region: 'cn-north-4', projectId: PROJECT, ...extra };
    const error = validationError(() => createMpcClient(options as never));
    expect(error.field).toBe(field);
    expect(error.rule).toBe(rule);
  });

  test('without auth the client is constructible and sends requests unauthenticated (for a signing proxy)', async () => {
    const { fetch, requests } = captureFetch();
    const mpc = createMpcClient({ endpoint: 'https://signing-proxy.example.com', projectId: PROJECT, fetch });
    await expect(mpc.deleteTranscodingTaskRecord(1)).resolves.toEqual({ requestId: undefined, attempts: 1, outcome: 'applied' });
    expect(requests[0]?.headers.get('authorization')).toBeNull();
    expect(requests[0]?.headers.get('x-auth-token')).toBeNull();
  });

  test('the auth strategy signs each request, and token auth sends its token', async () => {
    const { fetch, requests } = captureFetch();
    await createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, auth: akskAuth({ ak: AK, sk: SK }) }).deleteTranscodingTaskRecord(1);
    await createVodClient({ region: 'cn-north-4', projectId: PROJECT, fetch, auth: tokenAuth('token-one') }).cancelAssetTranscodeTask('a');
    expect(requests[0]?.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=HWMEDIATESTAK0000001, SignedHeaders=host;user-agent;x-sdk-date, /);
    expect(requests[1]?.headers.get('x-auth-token')).toBe('token-one');
  });

  test('the raw typed client is exposed, with the same endpoint and auth, and no retries', async () => {
    const { fetch, requests } = captureFetch(503);
    const mpc = createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch, auth: akskAuth({ ak: AK, sk: SK }) });
    const { response } = await mpc.raw.DELETE('/v1/{project_id}/transcodings/task', {
      params: { path: { project_id: PROJECT }, query: { task_id: 7 } },
    });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(`https://mpc.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/transcodings/task?task_id=7`);
    expect(requests[0]?.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 /);
  });

  test('a global fetch is looked up at each call, not at construction', async () => {
    const original = globalThis.fetch;
    const mpc = createMpcClient({ region: 'cn-north-4', projectId: PROJECT });
    const { fetch, requests } = captureFetch();
    globalThis.fetch = fetch as typeof globalThis.fetch;
    try {
      await mpc.deleteTranscodingTaskRecord(5);
    } finally {
      globalThis.fetch = original;
    }
    expect(requests).toHaveLength(1);
  });
});

describe('User-Agent', () => {
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
  });

  test('defaults to hwcloud-media/<package version>', async () => {
    const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    const { fetch, requests } = captureFetch();
    await createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch }).deleteTranscodingTaskRecord(1);
    expect(requests[0]?.headers.get('user-agent')).toBe(`hwcloud-media/${version}`);
  });

  test('can be replaced or turned off', async () => {
    const { fetch, requests } = captureFetch();
    await createVodClient({ region: 'cn-north-4', projectId: PROJECT, fetch, userAgent: 'media-sync/2.1' }).cancelAssetTranscodeTask('a');
    await createVodClient({ region: 'cn-north-4', projectId: PROJECT, fetch, userAgent: false }).cancelAssetTranscodeTask('a');
    expect(requests.map((r) => r.headers.get('user-agent'))).toEqual(['media-sync/2.1', null]);
  });

  test('is not set by default in a browser, which would refuse it', async () => {
    (globalThis as { document?: unknown }).document = {};
    const { fetch, requests } = captureFetch();
    await createMpcClient({ region: 'cn-north-4', projectId: PROJECT, fetch }).deleteTranscodingTaskRecord(1);
    expect(requests[0]?.headers.get('user-agent')).toBeNull();
  });
});

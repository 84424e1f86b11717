// Differential property test: our signRequest against the official Node SDK signer, on random DELETEs to
// both endpoints serialized by a real openapi-fetch client.
//
// The domain where the official signer is correct, and so where the two must agree byte for byte:
// - project ids from [A-Za-z0-9_-]: every id our clients accept. The official signer encodes an already
//   percent-encoded path segment a second time, which the gateway does not.
// - extra header names from [a-z0-9-] after `x-`: it sorts the header block with localeCompare and the
//   SignedHeaders list by code unit, which disagree for `_` and other punctuation.
// - header values and security tokens without leading or trailing whitespace: it does not trim.
// - no explicit default port: it would sign `host:443`, while fetch sends `host`.
// - one header per name, no upper/lower-case duplicates: its lookups are case-sensitive.
// - strings without lone surrogates, which cannot be sent at all.
// Query values range over unicode, spaces and reserved characters, ports over the non-default ones.
import createClient from 'openapi-fetch';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { paths as MpcPaths } from '../../generated/mpc.js';
import type { paths as VodPaths } from '../../generated/vod.js';
import { formatSdkDate } from '../../src/auth/sdk-date.js';
import { signRequest } from '../../src/auth/sign-request.js';
import { captureFetch } from '../helpers/capture-fetch.js';
import { officialAuthorization } from '../helpers/official-signer.js';

const RUNS = 1_000;
const RESERVED_NAMES = new Set(['x-sdk-date', 'x-security-token', 'x-auth-token', 'x-sdk-content-sha256']);

const visibleAscii = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 24 });
const headerValue = fc
  .tuple(visibleAscii, fc.option(fc.tuple(fc.constantFrom(' ', '  ', '\t'), visibleAscii)))
  .map(([head, tail]) => (tail ? `${head}${tail[0]}${tail[1]}` : head));
const headerName = fc
  .stringMatching(/^x-[a-z][a-z0-9-]{0,14}$/)
  .filter((name) => !RESERVED_NAMES.has(name));
const queryText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(' ', '!', '*', "'", '(', ')', '+', '&', '=', '?', '#', '%', '/', ':', '@', '~', ';', ',', '$', '[', ']', '一', 'é', '😀', 'a'), maxLength: 24 }),
);

const requestShape = fc.record({
  service: fc.constantFrom('mpc' as const, 'vod' as const),
  host: fc.constantFrom('mpc.cn-north-4.myhuaweicloud.com', 'vod.ap-southeast-3.myhuaweicloud.com', '127.0.0.1', 'localhost'),
  port: fc.option(fc.integer({ min: 1, max: 65_535 }).filter((port) => port !== 443)),
  projectId: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  taskId: fc.integer({ min: 1, max: 2_147_483_647 }),
  assetId: queryText,
  extraHeaders: fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
  contentType: fc.boolean(),
  securityToken: fc.option(visibleAscii),
  ak: fc.stringMatching(/^[A-Z0-9]{20}$/),
  sk: fc.stringMatching(/^[A-Za-z0-9]{40}$/),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map(
    (date) => new Date(Math.floor(date.getTime() / 1000) * 1000),
  ),
});

describe('signRequest agrees with the official Node signer', () => {
  test(`on ${RUNS} random DELETEs to both endpoints`, async () => {
    await fc.assert(
      fc.asyncProperty(requestShape, async (shape) => {
        const origin = `https://${shape.host}${shape.port === null ? '' : `:${shape.port}`}`;
        const headers: Record<string, string> = { ...shape.extraHeaders };
        if (shape.contentType) headers['content-type'] = 'application/json';

        const capture = captureFetch();
        let queryParams: Record<string, string | number>;
        let officialPath: string;
        if (shape.service === 'mpc') {
          const client = createClient<MpcPaths>({ baseUrl: origin, fetch: capture.fetch });
          await client.DELETE('/v1/{project_id}/transcodings/task', {
            params: { path: { project_id: shape.projectId }, query: { task_id: shape.taskId } },
            headers,
          });
          queryParams = { task_id: shape.taskId };
          officialPath = `/v1/${shape.projectId}/transcodings/task`;
        } else {
          const client = createClient<VodPaths>({ baseUrl: origin, fetch: capture.fetch });
          await client.DELETE('/v1.0/{project_id}/asset/process', {
            params: { path: { project_id: shape.projectId }, query: { asset_id: shape.assetId } },
            headers,
          });
          queryParams = { asset_id: shape.assetId };
          officialPath = `/v1.0/${shape.projectId}/asset/process`;
        }
        const sent = capture.requests[0]!;

        const ours = signRequest(
          { method: sent.method, url: sent.url, headers: sent.headers },
          { ak: shape.ak, sk: shape.sk, securityToken: shape.securityToken ?? undefined },
          { date: shape.date },
        );
        const official = officialAuthorization({
          method: 'DELETE',
          endpoint: `${origin}${officialPath}`,
          headers,
          queryParams,
          ak: shape.ak,
          sk: shape.sk,
          sdkDate: formatSdkDate(shape.date),
          securityToken: shape.securityToken ?? undefined,
        });
        expect(ours.Authorization).toBe(official);
      }),
      { numRuns: RUNS },
    );
  });

  test('and disagrees, by design, where the official signer is wrong', () => {
    const base = { ak: 'AK', sk: 'SK', sdkDate: '20240416T095341Z' };
    const date = new Date('2024-04-16T09:53:41Z');
    // Pre-encoded path segment: the official signer double-encodes %3A.
    const encodedPath = signRequest({ method: 'DELETE', url: 'https://h.example/v1/urn%3Afss/x' }, base, { date });
    const officialEncoded = officialAuthorization({ ...base, method: 'DELETE', endpoint: 'https://h.example/v1/urn%3Afss/x', headers: {}, queryParams: {} });
    expect(encodedPath.Authorization).not.toBe(officialEncoded);
    const literalColon = officialAuthorization({ ...base, method: 'DELETE', endpoint: 'https://h.example/v1/urn:fss/x', headers: {}, queryParams: {} });
    expect(encodedPath.Authorization).toBe(literalColon);
    // Untrimmed header value: the documented algorithm trims.
    const padded = signRequest({ method: 'DELETE', url: 'https://h.example/p', headers: { 'x-a': ' v ' } }, base, { date });
    const trimmed = officialAuthorization({ ...base, method: 'DELETE', endpoint: 'https://h.example/p', headers: { 'x-a': 'v' }, queryParams: {} });
    expect(padded.Authorization).toBe(trimmed);
  });
});

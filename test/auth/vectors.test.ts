// Published known-answer vectors, one fixture, one loop, run against every hash implementation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { canonicalQuery } from '../../src/auth/canonical-query.js';
import { stringToSign } from '../../src/auth/canonical-request.js';
import { nativeHash, portableHash, type HashImplementation } from '../../src/auth/hash.js';
import { parseSdkDate } from '../../src/auth/sdk-date.js';
import { signRequestDetailed } from '../../src/auth/sign-request.js';
import { projectRoot } from '../helpers/project.js';

type Credentials = { ak: string; sk: string };
type Vector =
  | {
      name: string;
      kind: 'request';
      request: { method: string; url: string; headers?: Record<string, string>; body?: string };
      credentials: Credentials;
      sdkDate: string;
      expect: { authorization: string; canonicalRequest?: string; canonicalRequestSha256?: string };
    }
  | { name: string; kind: 'canonicalQuery'; query: string; expect: { canonicalQuery: string } }
  | { name: string; kind: 'canonicalRequest'; canonicalRequest: string; credentials: Credentials; sdkDate: string; expect: { signature: string } };

const { vectors } = JSON.parse(readFileSync(path.join(projectRoot, 'test/fixtures/signing-vectors.json'), 'utf8')) as { vectors: Vector[] };
const hashes: HashImplementation[] = [portableHash, ...(nativeHash ? [nativeHash] : [])];

test('node has the native hash, so both implementations are exercised', () => {
  expect(nativeHash?.name).toBe('node:crypto');
  expect(vectors.length).toBeGreaterThanOrEqual(7);
});

describe.each(hashes.map((hash) => ({ hash, label: hash.name })))('with $label', ({ hash }) => {
  test.each(vectors.map((vector) => ({ vector, name: vector.name })))('$name', ({ vector }) => {
    switch (vector.kind) {
      case 'request': {
        const date = parseSdkDate(vector.sdkDate);
        expect(date).toBeDefined();
        const signed = signRequestDetailed(vector.request, vector.credentials, { date: date!, hash });
        expect(signed.headers.Authorization).toBe(vector.expect.authorization);
        expect(signed.headers['X-Sdk-Date']).toBe(vector.sdkDate);
        if (vector.expect.canonicalRequest) expect(signed.canonicalRequest).toBe(vector.expect.canonicalRequest);
        if (vector.expect.canonicalRequestSha256) expect(hash.sha256Hex(signed.canonicalRequest)).toBe(vector.expect.canonicalRequestSha256);
        break;
      }
      case 'canonicalQuery':
        expect(canonicalQuery(vector.query)).toBe(vector.expect.canonicalQuery);
        break;
      case 'canonicalRequest': {
        const toSign = stringToSign('SDK-HMAC-SHA256', vector.sdkDate, hash.sha256Hex(vector.canonicalRequest));
        expect(hash.hmacSha256Hex(vector.credentials.sk, toSign)).toBe(vector.expect.signature);
        break;
      }
    }
  });
});

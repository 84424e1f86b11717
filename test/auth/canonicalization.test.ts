// One canonicalization step per group, each against hand-worked expectations.
import { describe, expect, test } from 'vitest';
import { canonicalHeaders } from '../../src/auth/canonical-headers.js';
import { canonicalQuery } from '../../src/auth/canonical-query.js';
import { canonicalRequest, stringToSign } from '../../src/auth/canonical-request.js';
import { canonicalUri } from '../../src/auth/canonical-uri.js';
import { EMPTY_BODY_SHA256 } from '../../src/auth/constants.js';
import { portableHash } from '../../src/auth/hash.js';
import { normalizeHeaders } from '../../src/auth/normalize-headers.js';
import { payloadHash } from '../../src/auth/payload-hash.js';
import { percentDecode, percentEncode } from '../../src/auth/percent-encode.js';
import { formatSdkDate, parseSdkDate } from '../../src/auth/sdk-date.js';
import { ValidationError } from '../../src/errors/validation-error.js';

describe('percentEncode', () => {
  test('leaves only A-Z a-z 0-9 - _ . ~', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode(" !'()*+/:@&=?#%,;$[]")).toBe('%20%21%27%28%29%2A%2B%2F%3A%40%26%3D%3F%23%25%2C%3B%24%5B%5D');
  });

  test('encodes UTF-8 bytes with upper-case hex, astral characters included', () => {
    expect(percentEncode('一é😀')).toBe('%E4%B8%80%C3%A9%F0%9F%98%80');
  });

  test('throws on a lone surrogate, which has no UTF-8 form', () => {
    expect(() => percentEncode('\uD800')).toThrow(URIError);
  });
});

describe('percentDecode', () => {
  test('decodes valid escapes', () => {
    expect(percentDecode('a%20b%2Fc%E4%B8%80')).toBe('a b/c一');
  });

  test('keeps malformed escapes literal and still decodes the valid ones around them', () => {
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('%zz%41')).toBe('%zzA');
    expect(percentDecode('%E4%B8')).toBe('%E4%B8'); // truncated UTF-8
  });
});

describe('canonicalUri', () => {
  test('appends the trailing slash in the canonical form only', () => {
    expect(canonicalUri('/v1/p/transcodings/task')).toBe('/v1/p/transcodings/task/');
    expect(canonicalUri('/v1/p/transcodings/task/')).toBe('/v1/p/transcodings/task/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('')).toBe('/');
  });

  test('decodes each segment before encoding it, so a pre-encoded segment is encoded once', () => {
    expect(canonicalUri('/v2/p/fgs/functions/urn%3Afss%3Acn-north-4')).toBe('/v2/p/fgs/functions/urn%3Afss%3Acn-north-4/');
    expect(canonicalUri('/v2/p/fgs/functions/urn:fss:cn-north-4')).toBe('/v2/p/fgs/functions/urn%3Afss%3Acn-north-4/');
  });

  test('keeps an encoded slash inside its segment', () => {
    expect(canonicalUri('/a%2Fb/c')).toBe('/a%2Fb/c/');
  });

  test('encodes characters the URL parser leaves raw in paths', () => {
    expect(canonicalUri("/a(b)*c!'d")).toBe('/a%28b%29%2Ac%21%27d/');
    expect(canonicalUri('/%E4%B8%80%20x')).toBe('/%E4%B8%80%20x/');
  });

  test('keeps empty segments', () => {
    expect(canonicalUri('/a//b')).toBe('/a//b/');
  });
});

describe('canonicalQuery', () => {
  test('is empty for no query', () => {
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('?')).toBe('');
  });

  test('sorts by key, then by value for repeated keys', () => {
    expect(canonicalQuery('?b=2&a=2&a=10&a=1')).toBe('a=1&a=10&a=2&b=2');
  });

  test('writes a key without a value as key=', () => {
    expect(canonicalQuery('flag&task_id=')).toBe('flag=&task_id=');
  });

  test('re-encodes values with the unreserved set only', () => {
    expect(canonicalQuery("asset_id=a!b*c'(d)")).toBe('asset_id=a%21b%2Ac%27%28d%29');
    expect(canonicalQuery('asset_id=%7E%41')).toBe('asset_id=~A');
  });

  test('reads + as a space and %2B as a plus sign', () => {
    expect(canonicalQuery('q=a+b&r=a%2Bb')).toBe('q=a%20b&r=a%2Bb');
  });

  test('skips empty pairs from doubled ampersands', () => {
    expect(canonicalQuery('a=1&&b=2&')).toBe('a=1&b=2');
  });

  test('splits on the first = only', () => {
    expect(canonicalQuery('a=b=c')).toBe('a=b%3Dc');
  });
});

describe('canonicalHeaders', () => {
  test('trims values, sorts names by code unit, and ends each line with a newline', () => {
    const { canonical, signed } = canonicalHeaders(
      new Map([
        ['x-sdk-date', '20240416T095341Z'],
        ['host', 'example.com:8443'],
        ['x-b', '  padded value  '],
      ]),
    );
    expect(canonical).toBe('host:example.com:8443\nx-b:padded value\nx-sdk-date:20240416T095341Z\n');
    expect(signed).toBe('host;x-b;x-sdk-date');
  });

  test('orders - before _ in both the block and the list (where the official signer disagrees with itself)', () => {
    const { canonical, signed } = canonicalHeaders(new Map([['x-sdk_z', '1'], ['x-sdk-date', '2']]));
    expect(signed).toBe('x-sdk-date;x-sdk_z');
    expect(canonical).toBe('x-sdk-date:2\nx-sdk_z:1\n');
  });
});

describe('normalizeHeaders', () => {
  test('lower-cases names and joins repeated names as Headers does', () => {
    const fromPairs = normalizeHeaders([['X-A', '1'], ['x-a', '2'], ['Content-Type', 'application/json']]);
    expect([...fromPairs]).toEqual([['x-a', '1, 2'], ['content-type', 'application/json']]);
    const fromHeaders = normalizeHeaders(new Headers([['X-A', '1'], ['x-a', '2']]));
    expect(fromHeaders.get('x-a')).toBe('1, 2');
    expect(normalizeHeaders({ 'X-A': ['1', '2'], 'X-N': 3, 'X-U': undefined })).toEqual(new Map([['x-a', '1, 2'], ['x-n', '3']]));
  });

  test('refuses CR or LF in a value, naming the header and not the value', () => {
    const error = (() => {
      try {
        normalizeHeaders({ 'X-Custom': 'value\r\nX-Injected: yes' });
      } catch (caught) {
        return caught as ValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.field).toBe('headers["X-Custom"]');
    expect(error?.message).toContain('CR, LF');
    expect(error?.message).not.toContain('Injected');
  });

  test('refuses a name that is not an HTTP token', () => {
    expect(() => normalizeHeaders({ 'bad name': 'x' })).toThrow(/not a valid header name/);
  });
});

describe('payloadHash', () => {
  test('hashes no body, and empty bodies of every type, as the empty string', () => {
    for (const body of [undefined, null, '', new Uint8Array(0), new ArrayBuffer(0)]) {
      expect(payloadHash(body, portableHash)).toBe(EMPTY_BODY_SHA256);
    }
  });

  test('hashes the bytes, and text as UTF-8', () => {
    const text = '{"name":"一"}';
    const expected = portableHash.sha256Hex(new TextEncoder().encode(text));
    expect(payloadHash(text, portableHash)).toBe(expected);
    expect(payloadHash(new TextEncoder().encode(text), portableHash)).toBe(expected);
    expect(payloadHash(new TextEncoder().encode(text).buffer, portableHash)).toBe(expected);
    // `{}` is not "no body": the hash the official SDK wrongly sends for body-less DELETEs.
    expect(payloadHash('{}', portableHash)).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

describe('X-Sdk-Date', () => {
  test('formats UTC as YYYYMMDDTHHMMSSZ, dropping milliseconds', () => {
    expect(formatSdkDate(new Date('2024-04-16T09:53:41.999Z'))).toBe('20240416T095341Z');
    expect(formatSdkDate(new Date('2024-04-16T09:53:41+08:00'))).toBe('20240416T015341Z');
  });

  test('refuses an invalid Date', () => {
    expect(() => formatSdkDate(new Date(Number.NaN))).toThrow(ValidationError);
  });

  test('parses exactly its own form and rejects impossible dates', () => {
    expect(parseSdkDate('20240416T095341Z')?.toISOString()).toBe('2024-04-16T09:53:41.000Z');
    for (const bad of ['20240416T095341', '2024-04-16T09:53:41Z', '20240231T000000Z', '20240416T245959Z', ' 20240416T095341Z']) {
      expect(parseSdkDate(bad), bad).toBeUndefined();
    }
  });
});

describe('canonical request and string to sign', () => {
  test('join their parts with newlines, leaving a blank line after the header block', () => {
    const text = canonicalRequest({ method: 'DELETE', uri: '/a/', query: 'q=1', headers: 'host:h\n', signedHeaders: 'host', payloadHash: 'abc' });
    expect(text).toBe('DELETE\n/a/\nq=1\nhost:h\n\nhost\nabc');
    expect(stringToSign('SDK-HMAC-SHA256', '20240416T095341Z', 'ff')).toBe('SDK-HMAC-SHA256\n20240416T095341Z\nff');
  });
});

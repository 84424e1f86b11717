import { percentDecode, percentEncode } from './percent-encode.js';

const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * The canonical URI of a path as sent on the wire: each `/`-separated segment decoded, then encoded with the
 * unreserved set only, and a `/` appended when missing (in the canonical form only; the wire path keeps its
 * own shape).
 *
 * Decoding first is deliberate: the official Node signer encodes an already-encoded segment again
 * (`%3A` becomes `%253A`), but the gateway's own canonical request (see the real 401 quoted in
 * huawei-api-notes.md, section c.3) shows single encoding, as the API-gateway signer does.
 */
export function canonicalUri(wirePath: string): string {
  const path = wirePath === '' ? '/' : wirePath;
  // Most paths (ours always: project ids are [A-Za-z0-9_-]) need no re-encoding at all.
  const encoded = PLAIN_PATH.test(path)
    ? path
    : path
    .split('/')
    .map((segment) => percentEncode(percentDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

import { EMPTY_BODY_SHA256 } from './constants.js';
import type { HashImplementation } from './hash.js';

/** What `signRequest` accepts as a body: the exact bytes (or text, sent as UTF-8) that go on the wire. */
export type BodyInput = string | Uint8Array | ArrayBuffer | null | undefined;

/**
 * Hex SHA-256 of the body bytes; the empty-string hash for no body. A body-less DELETE must hash nothing:
 * the official Node signer hashes `JSON.stringify({})` when handed `{}`, a known cause of 401s
 * (huaweicloud-sdk-nodejs-v3 issue 2).
 */
export function payloadHash(body: BodyInput, hash: HashImplementation): string {
  if (body === undefined || body === null) return EMPTY_BODY_SHA256;
  if (typeof body === 'string') return body === '' ? EMPTY_BODY_SHA256 : hash.sha256Hex(body);
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  return bytes.byteLength === 0 ? EMPTY_BODY_SHA256 : hash.sha256Hex(bytes);
}

import { ValidationError } from '../errors/validation-error.js';
import {
  HEADER_AUTHORIZATION,
  HEADER_CONTENT_SHA256,
  HEADER_SDK_DATE,
  HEADER_SECURITY_TOKEN,
  SIGNING_ALGORITHM,
} from './constants.js';
import { canonicalHeaders } from './canonical-headers.js';
import { canonicalQuery } from './canonical-query.js';
import { canonicalRequest, stringToSign } from './canonical-request.js';
import { canonicalUri } from './canonical-uri.js';
import { defaultHash, type HashImplementation } from './hash.js';
import { assertHeaderCredential } from './header-rules.js';
import { normalizeHeaders, type HeaderInput } from './normalize-headers.js';
import { payloadHash, type BodyInput } from './payload-hash.js';
import { formatSdkDate } from './sdk-date.js';

export interface SigningRequest {
  method: string;
  /** The URL exactly as it will be sent. */
  url: string | URL;
  headers?: HeaderInput;
  body?: BodyInput;
}

export interface AkskCredentials {
  /** Access key ID. */
  ak: string;
  /** Secret access key. Used as the HMAC key only; never sent, logged or put in an error. */
  sk: string;
  /** Security token of temporary credentials; sent, and signed, as `X-Security-Token`. */
  securityToken?: string | undefined;
}

export interface SignOptions {
  /** Signing time; default now. */
  date?: Date;
  /** SHA-256 implementation; default native crypto where the runtime has it, else @noble/hashes. */
  hash?: HashImplementation;
}

/** The headers to add to the request. */
export interface SignatureHeaders {
  'X-Sdk-Date': string;
  Authorization: string;
  'X-Security-Token'?: string;
}

/** The signature and the canonical request it was computed over, for debugging a gateway's 401. */
export interface SignatureDetails {
  headers: SignatureHeaders;
  canonicalRequest: string;
  signedHeaders: string;
}

// fetch() upper-cases these methods and sends every other one as given.
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * Signs a request with SDK-HMAC-SHA256 and returns the headers to add: `X-Sdk-Date`, `Authorization` and,
 * with temporary credentials, `X-Security-Token`. Pure: the request and credentials are not modified.
 *
 * Signed: the method, the path and query as serialized in `url`, `host` from `url` (with a non-default port;
 * a `host` header is ignored, since fetch always sends the URL's), every header given except `Authorization`
 * and names containing `_`, and the body bytes. Underscore names are left out as the official Go signer
 * leaves them out: many proxies drop such headers, and a signed header that never arrives fails the check.
 */
export function signRequest(request: SigningRequest, credentials: AkskCredentials, options: SignOptions = {}): SignatureHeaders {
  return signRequestDetailed(request, credentials, options).headers;
}

/** `signRequest`, also returning the canonical request (which contains no secret). */
export function signRequestDetailed(
  request: SigningRequest,
  credentials: AkskCredentials,
  options: SignOptions = {},
): SignatureDetails {
  const { ak, sk, securityToken } = credentials;
  assertHeaderCredential('credentials.ak', ak);
  // The AK goes into `Access=<AK>, SignedHeaders=...`: a space or comma in it would break that syntax.
  if (!/^[!-+\--~]+$/.test(ak)) throw new ValidationError('credentials.ak', 'must be visible ASCII without spaces or commas');
  assertHeaderCredential('credentials.sk', sk);
  if (securityToken !== undefined) assertHeaderCredential('credentials.securityToken', securityToken);
  const hash = options.hash ?? defaultHash;

  let url: URL;
  try {
    url = typeof request.url === 'string' ? new URL(request.url) : request.url;
  } catch {
    throw new ValidationError('request.url', 'must be an absolute URL');
  }
  const method = NORMALIZED_METHODS.has(request.method.toUpperCase()) ? request.method.toUpperCase() : request.method;
  const sdkDate = formatSdkDate(options.date ?? new Date());

  // normalizeHeaders returns a fresh Map, so trimming it down to the headers to sign mutates nothing of the caller's.
  const toSign = normalizeHeaders(request.headers);
  const contentSha256 = toSign.get(HEADER_CONTENT_SHA256.toLowerCase());
  for (const name of toSign.keys()) {
    if (name === 'authorization' || name === 'host' || name.includes('_')) toSign.delete(name);
  }
  toSign.set('host', url.host);
  toSign.set('x-sdk-date', sdkDate);
  if (securityToken !== undefined) toSign.set('x-security-token', securityToken);
  else toSign.delete('x-security-token');

  const { canonical, signed } = canonicalHeaders(toSign);
  const canonicalText = canonicalRequest({
    method,
    uri: canonicalUri(url.pathname),
    query: canonicalQuery(url.search),
    headers: canonical,
    signedHeaders: signed,
    payloadHash: contentSha256 ?? payloadHash(request.body, hash),
  });
  const signature = hash.hmacSha256Hex(sk, stringToSign(SIGNING_ALGORITHM, sdkDate, hash.sha256Hex(canonicalText)));

  const result: SignatureHeaders = {
    [HEADER_SDK_DATE]: sdkDate,
    [HEADER_AUTHORIZATION]: `${SIGNING_ALGORITHM} Access=${ak}, SignedHeaders=${signed}, Signature=${signature}`,
  };
  if (securityToken !== undefined) result[HEADER_SECURITY_TOKEN] = securityToken;
  return { headers: result, canonicalRequest: canonicalText, signedHeaders: signed };
}

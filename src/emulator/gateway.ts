// The API gateway in front of both services: AK/SK and token authentication, lockout, throttling. Messages and
// codes follow huawei-api-notes.md §c.3; where the real wording is undocumented the choice is marked ASSUMPTION.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { canonicalHeaders } from '../auth/canonical-headers.js';
import { canonicalQuery } from '../auth/canonical-query.js';
import { canonicalRequest, stringToSign } from '../auth/canonical-request.js';
import { canonicalUri } from '../auth/canonical-uri.js';
import { EMPTY_BODY_SHA256, SIGNING_ALGORITHM } from '../auth/constants.js';
import { formatSdkDate, parseSdkDate } from '../auth/sdk-date.js';
import type { EmulatorTenant } from './types.js';

export interface GatewayRejection {
  status: number;
  code: string; // without prefix, e.g. '0301'
  message: string;
}

export type AuthResult = { ok: true; tenant: EmulatorTenant } | { ok: false; rejection: GatewayRejection };

// Tolerant of the spacing variants clients send; the algorithm name and the three fields are required.
const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})$/;

const IAM = 'Incorrect IAM authentication information';
const unauthorized = (message: string): GatewayRejection => ({ status: 401, code: '0301', message: `${IAM}: ${message}` });

export interface ReceivedRequest {
  method: string;
  /** The request target exactly as received: raw path and query. */
  rawTarget: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface GatewayOptions {
  tenants: EmulatorTenant[];
  maxClockSkewSeconds: number;
  lockout: { failures: number; seconds: number };
  now: () => number;
}

export class Gateway {
  private readonly byAk = new Map<string, EmulatorTenant>();
  private readonly byToken = new Map<string, EmulatorTenant>();
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(private readonly options: GatewayOptions) {
    for (const tenant of options.tenants) {
      this.byAk.set(tenant.ak, tenant);
      // Keyed by digest, so that a lookup compares digests, never a secret against a guess of it.
      for (const token of tenant.tokens ?? []) this.byToken.set(secretDigest(token).toString('hex'), tenant);
    }
  }

  authenticate(request: ReceivedRequest): AuthResult {
    const authorization = headerValue(request.headers, 'authorization');
    const token = headerValue(request.headers, 'x-auth-token');
    if (authorization === undefined) {
      // ASSUMPTION: the wording of the "no credentials" and "unknown token" messages.
      if (token === undefined) return { ok: false, rejection: unauthorized('x-auth-token not found') };
      const tenant = this.byToken.get(secretDigest(token).toString('hex'));
      return tenant ? { ok: true, tenant } : { ok: false, rejection: unauthorized('decrypt token fail') };
    }
    return this.verifySignature(request, authorization);
  }

  private verifySignature(request: ReceivedRequest, authorization: string): AuthResult {
    const match = AUTHORIZATION.exec(authorization.trim());
    // ASSUMPTION: the wording for an Authorization header that does not parse.
    if (!match) return { ok: false, rejection: unauthorized('parse authorization header fail') };
    const [, ak, signedList, signature] = match as unknown as [string, string, string, string];

    const tenant = this.byAk.get(ak);
    if (!tenant) return { ok: false, rejection: unauthorized('Get secretKey failed,ak:******,err:ak not exist') };

    const now = this.options.now();
    const record = this.failures.get(ak);
    if (record && record.lockedUntil > now) {
      return { ok: false, rejection: unauthorized('AK access failed to reach the limit,forbidden.') };
    }

    const sdkDateText = headerValue(request.headers, 'x-sdk-date');
    const sdkDate = sdkDateText === undefined ? undefined : parseSdkDate(sdkDateText);
    // ASSUMPTION: a missing or unreadable X-Sdk-Date is refused with this wording, and counts as a failure.
    if (!sdkDate) return this.fail(ak, unauthorized('verify aksk signature fail, x-sdk-date is missing or invalid'));
    // The 15-minute window applies both ways (ASSUMPTION: the docs do not say whether future dates are refused).
    if (Math.abs(now - sdkDate.getTime()) > this.options.maxClockSkewSeconds * 1000) {
      return this.fail(
        ak,
        unauthorized(`calc aksk signature fail:signature expired, signature time:${sdkDateText},server time:${formatSdkDate(new Date(now))}`),
      );
    }
    if (tenant.securityToken !== undefined && !sameSecret(headerValue(request.headers, 'x-security-token'), tenant.securityToken)) {
      return this.fail(ak, unauthorized('verify security token fail'));
    }

    const canonical = rebuildCanonicalRequest(request, signedList.split(';'));
    const expected = createHmac('sha256', tenant.sk)
      .update(stringToSign(SIGNING_ALGORITHM, sdkDateText!, createHash('sha256').update(canonical).digest('hex')))
      .digest();
    const received = Buffer.from(signature.toLowerCase(), 'hex');
    // Constant time, so response timing tells an attacker nothing about how much of a guess was right.
    if (!timingSafeEqual(expected, received)) {
      return this.fail(ak, unauthorized(`verify aksk signature fail, canonicalRequest:${redactSecrets(canonical).replaceAll('\n', '|')}`));
    }
    this.failures.delete(ak);
    return { ok: true, tenant };
  }

  private fail(ak: string, rejection: GatewayRejection): AuthResult {
    const now = this.options.now();
    const record = this.failures.get(ak) ?? { count: 0, lockedUntil: 0 };
    if (record.lockedUntil !== 0 && record.lockedUntil <= now) record.count = 0; // a lock that ran out starts afresh
    record.count += 1;
    record.lockedUntil = record.count >= this.options.lockout.failures ? now + this.options.lockout.seconds * 1000 : 0;
    this.failures.set(ak, record);
    return { ok: false, rejection };
  }
}

function secretDigest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Constant time whatever the lengths: both sides are hashed to 32 bytes first, so neither the time taken nor
 * an early exit on a length mismatch tells how much of a guess was right.
 */
function sameSecret(received: string | undefined, expected: string): boolean {
  return received !== undefined && timingSafeEqual(secretDigest(received), secretDigest(expected));
}

/**
 * The canonical request rebuilt from what arrived: the raw path and query, the headers the client says it
 * signed (with `host` as received, port included), and the body bytes.
 */
export function rebuildCanonicalRequest(request: ReceivedRequest, signedNames: string[]): string {
  const questionMark = request.rawTarget.indexOf('?');
  const rawPath = questionMark === -1 ? request.rawTarget : request.rawTarget.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : request.rawTarget.slice(questionMark + 1);
  const signed = new Map<string, string>();
  for (const name of signedNames) signed.set(name.toLowerCase(), headerValue(request.headers, name.toLowerCase()) ?? '');
  const { canonical, signed: signedHeaders } = canonicalHeaders(signed);
  const contentSha256 = headerValue(request.headers, 'x-sdk-content-sha256');
  return canonicalRequest({
    method: request.method,
    uri: canonicalUri(rawPath),
    query: canonicalQuery(rawQuery),
    headers: canonical,
    signedHeaders,
    payloadHash: contentSha256 ?? (request.body.length === 0 ? EMPTY_BODY_SHA256 : createHash('sha256').update(request.body).digest('hex')),
  });
}

/**
 * The canonical request quotes signed header values; a security token or token among them is a credential,
 * and the emulator never echoes one (ASSUMPTION: the real gateway's behaviour here is undocumented).
 */
function redactSecrets(canonical: string): string {
  return canonical.replace(/^(x-security-token|x-auth-token|authorization):.*$/gm, '$1:******');
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Fixed one-minute windows per tenant and API (ASSUMPTION: the gateway's exact window is undocumented; a
 * fixed window allows the documented number of calls per minute and no more).
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly now: () => number,
  ) {}

  /** True when the call may go ahead. */
  take(key: string): boolean {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    if (window.count >= this.limitPerMinute) return false;
    window.count += 1;
    return true;
  }

  get limit(): number {
    return this.limitPerMinute;
  }
}

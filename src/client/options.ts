import type { AuthStrategy } from '../auth/use-auth.js';
import { assertHeaderSafe } from '../auth/header-rules.js';
import { ValidationError } from '../errors/validation-error.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import type { FetchLike } from './transport.js';
import { validateEndpoint, validateProjectId } from './validate.js';

/** Kept in step with package.json by a test. */
export const PACKAGE_VERSION = '0.1.0';
export const DEFAULT_USER_AGENT = `hwcloud-media/${PACKAGE_VERSION}`;
export const DEFAULT_TIMEOUT_MS = 30_000;
// setTimeout's ceiling; AbortSignal.timeout fires at once beyond it.
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Retry settings; each one left out keeps its default. */
export interface RetryOptions {
  /** Requests per call, the first included; default 3. */
  maxAttempts?: number | undefined;
  /** Ceiling of the first retry's random delay, doubled for each further retry; default 200 ms. */
  baseDelayMs?: number | undefined;
  /** Longest delay between attempts; a Retry-After asking for longer ends the call; default 5,000 ms. */
  maxDelayMs?: number | undefined;
}

/** Options both clients take. */
export interface ClientOptions {
  /** The project (region-scoped tenant) every request is for: 1 to 64 of A-Z, a-z, 0-9, `_` and `-`. */
  projectId: string;
  /**
   * `akskAuth(...)` or `tokenAuth(...)`: one strategy. Leave it out to send requests unsigned, for a proxy
   * that authenticates them itself.
   */
  auth?: AuthStrategy | undefined;
  /** The fetch to use; default the global one, looked up at each call. */
  fetch?: FetchLike | undefined;
  /** Limit for each attempt, in milliseconds, from sending to the whole answer being read; default 30,000. */
  timeoutMs?: number | undefined;
  /** Retry settings (default 3 attempts, 200 ms base, 5,000 ms max), or `false` for a single attempt. */
  retry?: RetryOptions | false | undefined;
  /**
   * `User-Agent` to send, and sign with it; default `hwcloud-media/<version>` outside browsers (which do
   * not let a page set it). `false` sends none of ours.
   */
  userAgent?: string | false | undefined;
}

/**
 * Where requests go: a `region` from the service's table, or an `endpoint` (https; http for loopback only),
 * never both. The region is typed as a string too, so that one read from configuration needs no cast;
 * an unknown one fails at construction and the error lists the known ones.
 */
export type Destination<Region extends string> =
  | { region: Region | (string & {}); endpoint?: undefined }
  | { endpoint: string | URL; region?: undefined };

export interface ResolvedOptions {
  baseUrl: string;
  projectId: string;
  auth: AuthStrategy | undefined;
  fetch: FetchLike | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  userAgent: string | undefined;
}

export function resolveOptions(service: string, regions: Readonly<Record<string, string>>, input: unknown): ResolvedOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new ValidationError('options', 'must be an object');
  const options = input as Partial<ClientOptions & { region: unknown; endpoint: unknown }>;
  const auth = options.auth;
  if (auth !== undefined && auth?.kind !== 'aksk' && auth?.kind !== 'token') {
    throw new ValidationError('auth', 'must be one strategy: akskAuth(...) or tokenAuth(...)');
  }
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new ValidationError('fetch', 'must be a function');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new ValidationError('fetch', 'is required: this runtime has no global fetch');
  }
  return {
    baseUrl: resolveBaseUrl(service, regions, options.region, options.endpoint),
    projectId: validateProjectId(options.projectId),
    auth,
    fetch: options.fetch,
    timeoutMs: resolveTimeout(options.timeoutMs),
    retry: resolveRetry(options.retry),
    userAgent: resolveUserAgent(options.userAgent),
  };
}

function resolveBaseUrl(service: string, regions: Readonly<Record<string, string>>, region: unknown, endpoint: unknown): string {
  const known = Object.keys(regions).join(', ');
  if (region !== undefined && endpoint !== undefined) {
    throw new ValidationError('endpoint', 'must not be given together with region: pass one or the other');
  }
  if (endpoint !== undefined) return validateEndpoint(endpoint);
  if (region === undefined) throw new ValidationError('region', `is required unless endpoint is given; the ${service} regions are ${known}`);
  if (typeof region !== 'string' || !Object.hasOwn(regions, region)) {
    throw new ValidationError('region', `must be one of the ${service} regions: ${known} (or pass endpoint instead)`);
  }
  return regions[region]!;
}

function resolveTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new ValidationError('timeoutMs', `must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS}`);
  }
  return timeoutMs;
}

function resolveRetry(retry: unknown): RetryPolicy {
  if (retry === undefined) return { ...DEFAULT_RETRY };
  if (retry === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  if (typeof retry !== 'object' || retry === null || Array.isArray(retry)) throw new ValidationError('retry', 'must be an object or false');
  const { maxAttempts, baseDelayMs, maxDelayMs } = retry as RetryOptions;
  const policy: RetryPolicy = {
    maxAttempts: maxAttempts ?? DEFAULT_RETRY.maxAttempts,
    baseDelayMs: baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new ValidationError('retry.maxAttempts', 'must be an integer of at least 1');
  }
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    const value = policy[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMEOUT_MS) {
      throw new ValidationError(`retry.${name}`, `must be a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}`);
    }
  }
  return policy;
}

function resolveUserAgent(userAgent: unknown): string | undefined {
  if (userAgent === false) return undefined;
  if (userAgent === undefined) return isBrowser() ? undefined : DEFAULT_USER_AGENT;
  if (typeof userAgent !== 'string' || userAgent.trim() === '') throw new ValidationError('userAgent', 'must be a non-empty string or false');
  assertHeaderSafe('userAgent', userAgent);
  return userAgent;
}

// A page cannot set User-Agent (Chrome drops it, and it would make every request need a CORS preflight).
function isBrowser(): boolean {
  return typeof document !== 'undefined';
}

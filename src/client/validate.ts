// Checks that run before anything is sent. openapi-fetch puts path parameters through encodeURIComponent,
// which leaves `.` alone, and the URL parser then resolves `..`: a project id of ".." silently sent a
// request to another path (toolchain notes). So identifiers are held to what can only ever be one segment
// or one query value, and every error names the field and the rule, never the value.
import { ValidationError } from '../errors/validation-error.js';

const PROJECT_ID = /^[A-Za-z0-9_-]+$/;
const PROJECT_ID_MAX = 64;
const INT32_MAX = 2_147_483_647;
const ASSET_ID_MAX = 128;
// \p{Cc} covers C0, DEL and C1; \s every Unicode space, line and paragraph separators included.
const ASSET_ID_FORBIDDEN = /[\s\p{Cc}]/u;
// encodeURIComponent throws on a lone surrogate; refuse it here with a clear error instead.
const LONE_SURROGATE = /\p{Cs}/u;

export function validateProjectId(projectId: unknown): string {
  if (typeof projectId !== 'string') throw new ValidationError('projectId', 'must be a string');
  if (projectId === '') throw new ValidationError('projectId', 'must not be empty');
  if (projectId.length > PROJECT_ID_MAX) throw new ValidationError('projectId', `must be at most ${PROJECT_ID_MAX} characters`);
  if (!PROJECT_ID.test(projectId)) {
    throw new ValidationError('projectId', 'must contain only the characters A-Z, a-z, 0-9, _ and -');
  }
  return projectId;
}

export function validateTaskId(taskId: unknown): number {
  if (typeof taskId !== 'number') throw new ValidationError('taskId', 'must be a number');
  if (!Number.isInteger(taskId)) throw new ValidationError('taskId', 'must be an integer');
  if (taskId < 1 || taskId > INT32_MAX) {
    throw new ValidationError('taskId', `must be a positive 32-bit integer (1 to ${INT32_MAX})`);
  }
  return taskId;
}

export function validateAssetId(assetId: unknown): string {
  if (typeof assetId !== 'string') throw new ValidationError('assetId', 'must be a string');
  if (assetId === '') throw new ValidationError('assetId', 'must not be empty');
  // Code points, as the spec's maxLength counts them.
  if ([...assetId].length > ASSET_ID_MAX) throw new ValidationError('assetId', `must be at most ${ASSET_ID_MAX} characters`);
  if (ASSET_ID_FORBIDDEN.test(assetId)) throw new ValidationError('assetId', 'must not contain whitespace or control characters');
  if (LONE_SURROGATE.test(assetId)) throw new ValidationError('assetId', 'must be well-formed Unicode (no lone surrogates)');
  return assetId;
}

/** True for localhost, 127.0.0.0/8 and [::1]: hosts whose traffic never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // The URL parser has already normalised IPv4 forms such as 127.1 or 0x7f.0.0.1 to dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The base URL for an explicit endpoint: https (http only for loopback, where the emulator or a test server
 * listens), no credentials, query or fragment, and no trailing slash.
 */
export function validateEndpoint(endpoint: unknown): string {
  if (typeof endpoint !== 'string' && !(endpoint instanceof URL)) throw new ValidationError('endpoint', 'must be a string or a URL');
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    throw new ValidationError('endpoint', 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ValidationError('endpoint', 'must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1])');
  }
  // Userinfo would be sent to no one (fetch refuses it) but shown in every message that quotes the endpoint.
  if (url.username !== '' || url.password !== '') throw new ValidationError('endpoint', 'must not contain a user name or password');
  if (url.search !== '' || url.hash !== '') throw new ValidationError('endpoint', 'must not have a query or a fragment');
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function validateSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  const candidate = signal as Partial<AbortSignal> | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.aborted !== 'boolean' || typeof candidate.addEventListener !== 'function') {
    throw new ValidationError('options.signal', 'must be an AbortSignal');
  }
  return signal as AbortSignal;
}

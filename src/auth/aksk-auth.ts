import type { MiddlewareCallbackParams } from 'openapi-fetch';
import { ValidationError } from '../errors/validation-error.js';
import { HEADER_AUTH_TOKEN, HEADER_PROJECT_ID } from './constants.js';
import type { HashImplementation } from './hash.js';
import { assertHeaderCredential } from './header-rules.js';
import { maskAccessKey, withRedactedView } from './redact.js';
import { signRequest } from './sign-request.js';

export interface AkskAuthOptions {
  /** Access key ID. */
  ak: string;
  /** Secret access key. Kept in a closure: no property, string or JSON form of the middleware holds it. */
  sk: string;
  /** Security token, for temporary credentials. */
  securityToken?: string | undefined;
  /** When set, sent (and signed) as `X-Project-Id`, which the MPC reference asks for with AK/SK. */
  projectId?: string | undefined;
  /** Source of the current time; default `() => new Date()`. */
  clock?: (() => Date) | undefined;
  /** SHA-256 implementation; see `signRequest`. */
  hash?: HashImplementation | undefined;
}

/** An openapi-fetch middleware that signs each request with AK/SK (SDK-HMAC-SHA256). */
export interface AkskAuth {
  readonly kind: 'aksk';
  onRequest(params: MiddlewareCallbackParams): Promise<Request>;
  /** Milliseconds added to the clock when signing; see `setClockOffset`. */
  readonly clockOffsetMs: number;
  /**
   * Corrects a local clock that is off from the gateway's: signatures are dated `clock() + offsetMs`.
   * Clients set it from the server time a "signature expired" 401 reports.
   */
  setClockOffset(offsetMs: number): void;
  /** Signing time for a request sent now. */
  now(): Date;
}

/**
 * AK/SK signing as an openapi-fetch middleware. Register it last (or through `useAuth`, which keeps it last):
 * it signs the request as it stands when its `onRequest` runs, and a header added after that is not signed.
 */
export function akskAuth(options: AkskAuthOptions): AkskAuth {
  const { ak, sk, securityToken, projectId, clock, hash } = options;
  assertHeaderCredential('akskAuth.ak', ak);
  assertHeaderCredential('akskAuth.sk', sk);
  if (securityToken !== undefined) assertHeaderCredential('akskAuth.securityToken', securityToken);
  if (projectId !== undefined) assertHeaderCredential('akskAuth.projectId', projectId);
  const credentials = { ak, sk, securityToken };
  let clockOffsetMs = 0;
  const now = () => new Date((clock ? clock() : new Date()).getTime() + clockOffsetMs);

  const auth: AkskAuth = {
    kind: 'aksk',
    get clockOffsetMs() {
      return clockOffsetMs;
    },
    setClockOffset(offsetMs: number) {
      if (!Number.isFinite(offsetMs)) throw new ValidationError('clockOffsetMs', 'must be a finite number');
      clockOffsetMs = offsetMs;
    },
    now,
    async onRequest({ request }) {
      if (request.headers.has(HEADER_AUTH_TOKEN)) {
        throw new ValidationError('auth', 'must be exactly one strategy: this request carries both X-Auth-Token and AK/SK signing');
      }
      const headers = new Headers(request.headers);
      if (projectId !== undefined) headers.set(HEADER_PROJECT_ID, projectId);
      const body = request.body === null ? undefined : new Uint8Array(await request.clone().arrayBuffer());
      const signature = signRequest(
        { method: request.method, url: request.url, headers, body },
        credentials,
        hash ? { date: now(), hash } : { date: now() },
      );
      for (const [name, value] of Object.entries(signature)) headers.set(name, value);
      return new Request(request, { headers });
    },
  };
  return withRedactedView(auth, 'akskAuth', {
    ak: maskAccessKey(ak),
    temporary: securityToken !== undefined,
    ...(projectId !== undefined ? { projectId } : {}),
  });
}

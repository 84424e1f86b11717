import type { MiddlewareCallbackParams } from 'openapi-fetch';
import { ValidationError } from '../errors/validation-error.js';
import { HEADER_AUTH_TOKEN } from './constants.js';
import { assertHeaderCredential } from './header-rules.js';
import { withRedactedView } from './redact.js';

/** Returns an IAM token; called once, and again after the gateway refuses the token with a 401. */
export type TokenProvider = () => string | Promise<string>;

/** An openapi-fetch middleware that authenticates each request with `X-Auth-Token`. */
export interface TokenAuth {
  readonly kind: 'token';
  onRequest(params: MiddlewareCallbackParams): Promise<Request>;
  onResponse(params: MiddlewareCallbackParams & { response: Response }): Promise<Response | undefined>;
  /** Forgets a provider's cached token, so that the next request asks the provider again. */
  invalidate(): void;
}

/**
 * Token authentication as an openapi-fetch middleware, from a fixed token or a (possibly async) provider.
 * A provider's token is cached and shared by concurrent requests; when the gateway answers 401, the token is
 * fetched again once and the request is sent once more with it.
 */
export function tokenAuth(tokenOrProvider: string | TokenProvider): TokenAuth {
  if (typeof tokenOrProvider === 'string') assertHeaderCredential('tokenAuth.token', tokenOrProvider);
  else if (typeof tokenOrProvider !== 'function') throw new ValidationError('tokenAuth', 'takes a token string or a provider function');

  const provider = typeof tokenOrProvider === 'function' ? tokenOrProvider : undefined;
  // The pending or settled token; `token` is set once it has resolved, and tells a refresh in flight apart.
  let cached: { promise: Promise<string>; token?: string } | undefined;
  // Copies of requests with a body, kept so that a 401 can be answered by sending the body again.
  const replays = new WeakMap<Request, Request>();

  const getToken = (): Promise<string> => {
    if (!provider) return Promise.resolve(tokenOrProvider as string);
    if (cached) return cached.promise;
    const entry: { promise: Promise<string>; token?: string } = {
      promise: Promise.resolve()
        .then(provider)
        .then((token) => {
          assertHeaderCredential('tokenAuth provider result', token);
          entry.token = token;
          return token;
        }),
    };
    entry.promise.catch(() => {
      if (cached === entry) cached = undefined; // a failed fetch is not cached: the next request asks again
    });
    cached = entry;
    return entry.promise;
  };

  const auth: TokenAuth = {
    kind: 'token',
    invalidate() {
      cached = undefined;
    },
    async onRequest({ request }) {
      if (request.headers.has('authorization')) {
        throw new ValidationError('auth', 'must be exactly one strategy: this request carries both AK/SK signing and X-Auth-Token');
      }
      const headers = new Headers(request.headers);
      headers.set(HEADER_AUTH_TOKEN, await getToken());
      const authenticated = new Request(request, { headers });
      if (provider && authenticated.body !== null) replays.set(authenticated, authenticated.clone());
      return authenticated;
    },
    async onResponse({ request, response, options }) {
      if (!provider || response.status !== 401) return undefined;
      const rejected = request.headers.get(HEADER_AUTH_TOKEN);
      // Only the token that was refused is dropped: a refresh another request already started is kept.
      if (cached?.token !== undefined && cached.token === rejected) cached = undefined;
      const fresh = await getToken();
      if (fresh === rejected) return undefined;
      const source = replays.get(request) ?? (request.bodyUsed ? undefined : request);
      if (!source) return undefined;
      const headers = new Headers(source.headers);
      headers.set(HEADER_AUTH_TOKEN, fresh);
      await response.body?.cancel();
      return options.fetch(new Request(source, { headers }));
    },
  };
  return withRedactedView(auth, 'tokenAuth', { source: provider ? 'provider' : 'static token' });
}

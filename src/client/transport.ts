// The fetch that the raw openapi-fetch client is given. openapi-fetch reads an error body itself and keeps
// only the parsed JSON (or nothing, for an empty body), and it rejects the same way whether fetch failed or
// a middleware threw. The operation needs the raw body (for a snippet of an HTML page or a truncated JSON)
// and needs to know which rejections came from the network, so this wrapper records both, per response
// and per error object. It throws what fetch throws; a response with a body (other than a 204) is read here
// and passed on with the same status, status text, headers and bytes.

import { REDACTED } from '../errors/redact-secrets.js';

/** The fetch signature openapi-fetch calls. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Most bytes of a body kept for an error: a proxy's HTML page can be large, and only its start is kept. */
const BODY_READ_LIMIT = 64 * 1024;
// Shorter credential values are not cut out of bodies: they would match ordinary text and garble the snippet.
const MIN_REDACTED_LENGTH = 8;

export interface Transport {
  readonly fetch: FetchLike;
  /**
   * The body of a response this transport fetched (its first 64 KiB), with every credential value its request
   * carried replaced by `[REDACTED]`; undefined if this transport did not fetch it.
   */
  bodyText(response: Response): Promise<string | undefined>;
  /** Whether fetch itself threw `error`, or reading the body of a response it fetched failed (the network in both cases), as opposed to a middleware. */
  isFetchFailure(error: unknown): boolean;
}

export function createTransport(fetchImplementation: FetchLike | undefined): Transport {
  const texts = new WeakMap<Response, string>();
  const failures = new WeakSet<object>();
  // Looked up on each call, not once: a global fetch replaced after the client was created is used.
  const send: FetchLike = fetchImplementation ?? ((request) => globalThis.fetch(request));

  return {
    async fetch(request) {
      let response: Response;
      let bytes: ArrayBuffer | undefined;
      try {
        response = await send(request);
        // A 204 has no body. Any other body is read here, in full (openapi-fetch reads an error body in full
        // anyway), so that a connection dropping mid-body (a body cut short of its Content-Length) fails
        // here, as the network's failure: the call retries it and ends in a NetworkError, not a raw error.
        if (response.status !== 204 && response.body !== null && typeof response.arrayBuffer === 'function') bytes = await response.arrayBuffer();
      } catch (error) {
        const thrown = typeof error === 'object' && error !== null ? error : new TypeError(String(error));
        failures.add(thrown);
        throw thrown;
      }
      if (bytes === undefined) return response;
      // The same status, status text, headers and bytes, for openapi-fetch to parse as usual.
      const copy = new Response(bytes, response);
      // A proxy or a verbose gateway may echo the request's headers in any layout (an HTML table puts the name
      // and the value in different cells, out of reach of the name-based redaction of the errors): the exact
      // credential values sent are cut out wherever they appear.
      let text = new TextDecoder().decode(bytes.slice(0, BODY_READ_LIMIT));
      for (const value of credentialValues(request.headers)) text = text.replaceAll(value, REDACTED);
      texts.set(copy, text);
      return copy;
    },
    async bodyText(response) {
      return response.status === 204 || response.body === null ? '' : texts.get(response);
    },
    isFetchFailure(error) {
      return typeof error === 'object' && error !== null && failures.has(error);
    },
  };
}

/**
 * The credential values a request carries (Authorization with the AK and signature in it, the signature on
 * its own, X-Auth-Token, X-Security-Token), longest first so that a value inside another goes after it.
 */
function credentialValues(headers: Headers): string[] {
  const authorization = headers.get('authorization') ?? '';
  return [authorization, /Signature=(\w+)/.exec(authorization)?.[1], headers.get('x-auth-token'), headers.get('x-security-token')]
    .filter((value): value is string => typeof value === 'string' && value.length >= MIN_REDACTED_LENGTH)
    .sort((a, b) => b.length - a.length);
}

// The fetch that the raw openapi-fetch client is given. openapi-fetch reads an error body itself and keeps
// only the parsed JSON (or nothing, for an empty body), and it rejects the same way whether fetch failed or
// a middleware threw. The operation needs the raw body (for a snippet of an HTML page or a truncated JSON)
// and needs to know which rejections came from the network, so this wrapper records both, per response
// and per error object, without changing what fetch returns or throws.

/** The fetch signature openapi-fetch calls. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Most bytes of a body read for an error: a proxy's HTML page can be large, and only its start is kept. */
const BODY_READ_LIMIT = 64 * 1024;

export interface Transport {
  readonly fetch: FetchLike;
  /** The body of a response this transport fetched (up to 64 KiB), or undefined if it did not fetch it. */
  bodyText(response: Response): Promise<string | undefined>;
  /** Whether fetch itself threw `error`, as opposed to a middleware. */
  isFetchFailure(error: unknown): boolean;
}

export function createTransport(fetchImplementation: FetchLike | undefined): Transport {
  const copies = new WeakMap<Response, Response>();
  const failures = new WeakSet<object>();
  // Looked up on each call, not once: a global fetch replaced after the client was created is used.
  const send: FetchLike = fetchImplementation ?? ((request) => globalThis.fetch(request));

  return {
    async fetch(request) {
      let response: Response;
      try {
        response = await send(request);
      } catch (error) {
        const thrown = typeof error === 'object' && error !== null ? error : new TypeError(String(error));
        failures.add(thrown);
        throw thrown;
      }
      // A 204 has no body to keep; for anything else a clone is kept, read only if the call fails.
      if (response.status !== 204 && response.body !== null && typeof response.clone === 'function') {
        try {
          copies.set(response, response.clone());
        } catch {
          // A body already in use cannot be cloned; the operation falls back to what openapi-fetch parsed.
        }
      }
      return response;
    },
    async bodyText(response) {
      if (response.status === 204 || response.body === null) return '';
      const copy = copies.get(response);
      if (!copy?.body) return undefined;
      copies.delete(response);
      return readBounded(copy.body, BODY_READ_LIMIT);
    },
    isFetchFailure(error) {
      return typeof error === 'object' && error !== null && failures.has(error);
    },
  };
}

async function readBounded(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    if (size >= limit) await reader.cancel().catch(() => {});
    else reader.releaseLock();
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, Math.min(chunk.byteLength, bytes.byteLength - offset));
    bytes.set(part, offset);
    offset += part.byteLength;
    if (offset >= bytes.byteLength) break;
  }
  return new TextDecoder().decode(bytes);
}

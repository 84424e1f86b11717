const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;

/**
 * Percent-encodes UTF-8 bytes of `text`, leaving only the unreserved set `A-Z a-z 0-9 - _ . ~` as is, with
 * upper-case hex: space is `%20` (never `+`), `*` is `%2A`. The encoding of every SDK-HMAC-SHA256 signer.
 *
 * encodeURIComponent already leaves exactly the unreserved set plus `! ' ( ) *`, so only those five need
 * a second pass. A lone surrogate cannot be encoded in UTF-8 and throws a URIError.
 */
export function percentEncode(text: string): string {
  if (UNRESERVED_ONLY.test(text)) return text;
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Decodes percent-escapes, leaving a malformed escape (`%zz`, a lone `%`, invalid UTF-8) as the literal text
 * it is, which is how the gateway reads it too: it then gets encoded as `%25`.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

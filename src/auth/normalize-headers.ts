import { assertHeaderName, assertHeaderSafe } from './header-rules.js';

/** What `signRequest` accepts as headers: a `Headers`, a plain record, or name/value pairs. */
export type HeaderInput =
  | Headers
  | Readonly<Record<string, string | number | ReadonlyArray<string> | undefined>>
  | ReadonlyArray<readonly [string, string]>;

/**
 * Headers as a Map of lower-cased name to value, repeated names joined with `, ` as `Headers` joins them.
 * Validates names and values itself instead of leaving it to `Headers`, whose errors quote the value.
 */
export function normalizeHeaders(input: HeaderInput | undefined): Map<string, string> {
  const headers = new Map<string, string>();
  const add = (name: string, value: string) => {
    assertHeaderName(name);
    assertHeaderSafe(`headers[${JSON.stringify(name)}]`, value);
    const key = name.toLowerCase();
    const previous = headers.get(key);
    headers.set(key, previous === undefined ? value : `${previous}, ${value}`);
  };
  if (input === undefined) return headers;
  if (isHeaders(input)) {
    input.forEach((value, name) => add(name, value));
  } else if (Array.isArray(input)) {
    for (const [name, value] of input as ReadonlyArray<readonly [string, string]>) add(name, String(value));
  } else {
    for (const [name, value] of Object.entries(input as Record<string, string | number | ReadonlyArray<string> | undefined>)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) add(name, String(item));
      else add(name, String(value));
    }
  }
  return headers;
}

function isHeaders(input: unknown): input is Headers {
  return typeof Headers !== 'undefined' && input instanceof Headers;
}

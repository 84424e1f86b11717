import { percentDecode, percentEncode } from './percent-encode.js';

/**
 * The canonical query string of a query as sent on the wire (`search` without the `?`): pairs decoded, sorted
 * by key and then by value (UTF-16 code units, as the official Node signer sorts), keys and values encoded with
 * the unreserved set only, a key without a value written `key=`, joined with `&`.
 *
 * A literal `+` is read as a space, as form decoding (and so the official Go signer, through `url.Query()`)
 * reads it; clients that mean a plus sign send `%2B`, as openapi-fetch does.
 */
export function canonicalQuery(wireQuery: string): string {
  const query = wireQuery.startsWith('?') ? wireQuery.slice(1) : wireQuery;
  if (query === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawKey = equals === -1 ? part : part.slice(0, equals);
    const rawValue = equals === -1 ? '' : part.slice(equals + 1);
    pairs.push([decodeFormComponent(rawKey), decodeFormComponent(rawValue)]);
  }
  pairs.sort(([keyA, valueA], [keyB, valueB]) => compareCodeUnits(keyA, keyB) || compareCodeUnits(valueA, valueB));
  return pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&');
}

function decodeFormComponent(text: string): string {
  return percentDecode(text.replaceAll('+', ' '));
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

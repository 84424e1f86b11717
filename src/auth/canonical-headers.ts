/**
 * The canonical header block and the SignedHeaders list for the headers to sign (names already lower-case):
 * `name:value\n` per header with the value trimmed, and the names joined by `;`, both sorted by name in
 * UTF-16 code-unit order.
 *
 * One order for both on purpose: the official Node signer sorts the block with `localeCompare` and the list
 * by code unit, which disagree as soon as a name holds `_` next to `-`; its signature then matches nothing.
 * It also signs values untrimmed, where the documented algorithm and the Go and Python signers trim.
 */
export function canonicalHeaders(headers: ReadonlyMap<string, string>): { canonical: string; signed: string } {
  const names = [...headers.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let canonical = '';
  for (const name of names) canonical += `${name}:${headers.get(name)!.trim()}\n`;
  return { canonical, signed: names.join(';') };
}

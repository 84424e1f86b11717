/** The parts of a canonical request, in order. */
export interface CanonicalRequestParts {
  method: string;
  uri: string;
  query: string;
  /** Header lines, each ending in `\n`, so a blank line precedes `signedHeaders` in the joined form. */
  headers: string;
  signedHeaders: string;
  payloadHash: string;
}

/** `METHOD\nURI\nQUERY\nHEADERS\nSIGNEDHEADERS\nPAYLOADHASH`. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [parts.method, parts.uri, parts.query, parts.headers, parts.signedHeaders, parts.payloadHash].join('\n');
}

/** The string to sign: algorithm, `X-Sdk-Date`, and the hex SHA-256 of the canonical request. */
export function stringToSign(algorithm: string, sdkDate: string, canonicalRequestHash: string): string {
  return `${algorithm}\n${sdkDate}\n${canonicalRequestHash}`;
}

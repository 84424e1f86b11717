// The gateway's "verify aksk signature fail" message quotes the canonical request it computed, and that
// holds every signed header's value: with temporary credentials, the security token. A proxy or an HTML
// error page may echo request headers too. Such text reaches error messages, logs and bug reports, so the
// values of the credential-bearing headers are cut out wherever the name appears with `:` or `=` after it,
// in plain text, in the canonical request's `|`-joined form, and in JSON (escaped or not).
const CREDENTIAL_HEADER_VALUE = /((?:x-security-token|x-auth-token|authorization)\\?"?\s*[:=]\s*\\?"?)[^|"\\\r\n<&]*/gi;

export const REDACTED = '[REDACTED]';

/** `text` with the values of X-Security-Token, X-Auth-Token and Authorization replaced by `[REDACTED]`. */
export function redactSecrets(text: string): string {
  return text.replace(CREDENTIAL_HEADER_VALUE, `$1${REDACTED}`);
}

/**
 * Text fit for a one-line log message: redacted, control characters (a CR/LF could forge a log line) turned
 * into spaces, runs of whitespace collapsed, and at most `limit` characters.
 */
export function oneLine(text: string, limit: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const flat = redactSecrets(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}

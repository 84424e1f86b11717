import { ValidationError } from '../errors/validation-error.js';

// RFC 9110 token characters: what a header name may contain.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// CR and LF would end the header early and let the rest be read as headers of its own (header injection);
// NUL is refused by every HTTP stack.
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;

/** Throws a ValidationError naming `field` when `value` cannot travel in a header. Never quotes the value. */
export function assertHeaderSafe(field: string, value: string): void {
  if (FORBIDDEN_IN_VALUE.test(value)) throw new ValidationError(field, 'must not contain CR, LF or NUL characters');
}

/** Throws when `value` is not a non-empty string fit for a header. */
export function assertHeaderCredential(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string');
  if (value.trim() === '') throw new ValidationError(field, 'must not be empty');
  assertHeaderSafe(field, value);
}

export function assertHeaderName(name: string): void {
  if (!TOKEN.test(name)) throw new ValidationError(`headers[${JSON.stringify(name)}]`, 'is not a valid header name');
}

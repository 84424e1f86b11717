import { HWCLOUD_MEDIA } from './package-name.js';

/**
 * Input that can never succeed, caught before anything is sent. Names the field and the rule it broke;
 * never the value, which may be a credential.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  /** The option or parameter at fault, e.g. `projectId`, `taskId`, `credentials.sk`. */
  readonly field: string;
  /** The rule it broke, in words, e.g. `must not contain CR or LF`. */
  readonly rule: string;

  constructor(field: string, rule: string) {
    super(`${HWCLOUD_MEDIA}: ${field} ${rule}`);
    this.field = field;
    this.rule = rule;
  }
}

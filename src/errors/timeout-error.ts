import { HWCLOUD_MEDIA, attemptsPhrase } from './package-name.js';

export interface TimeoutErrorDetails {
  operation: string;
  /** The per-attempt limit that was reached. */
  timeoutMs: number;
  attempts: number;
  afterLostResponse: boolean;
}

/**
 * The last attempt the retry policy allowed got no complete answer within `timeoutMs`. It may still have
 * reached the service and been applied.
 */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly operation: string;
  readonly timeoutMs: number;
  readonly attempts: number;
  /** An attempt before the last one may have reached the service and been applied; see HuaweiCloudError. */
  readonly afterLostResponse: boolean;
  /** Always true: a slow answer may be quicker next time. */
  readonly retryable = true;

  constructor(details: TimeoutErrorDetails) {
    const attempts = attemptsPhrase(details.attempts);
    super(`${HWCLOUD_MEDIA}: ${details.operation} timed out: no answer within ${details.timeoutMs} ms, after ${attempts}`);
    this.operation = details.operation;
    this.timeoutMs = details.timeoutMs;
    this.attempts = details.attempts;
    this.afterLostResponse = details.afterLostResponse;
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      operation: this.operation,
      timeoutMs: this.timeoutMs,
      attempts: this.attempts,
      afterLostResponse: this.afterLostResponse,
      retryable: this.retryable,
    };
  }
}

import { HWCLOUD_MEDIA, attemptsPhrase } from './package-name.js';
import { oneLine } from './redact-secrets.js';

export interface NetworkErrorDetails {
  operation: string;
  attempts: number;
  afterLostResponse: boolean;
  /** What fetch rejected with on the last attempt. */
  cause: unknown;
}

/**
 * fetch failed (connection refused or reset, DNS, TLS) on every attempt the retry policy allowed. `cause` is
 * the last attempt's failure, as fetch reported it.
 */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly operation: string;
  readonly attempts: number;
  /** An attempt before the last one may have reached the service and been applied; see HuaweiCloudError. */
  readonly afterLostResponse: boolean;
  /** Always true: a network failure may pass. */
  readonly retryable = true;

  constructor(details: NetworkErrorDetails) {
    const attempts = attemptsPhrase(details.attempts);
    super(`${HWCLOUD_MEDIA}: ${details.operation} failed: network error after ${attempts} (${oneLine(describeCause(details.cause), 300)})`, {
      cause: details.cause,
    });
    this.operation = details.operation;
    this.attempts = details.attempts;
    this.afterLostResponse = details.afterLostResponse;
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      operation: this.operation,
      attempts: this.attempts,
      afterLostResponse: this.afterLostResponse,
      retryable: this.retryable,
    };
  }
}

// fetch errors say little at the top ("fetch failed"); the reason (ECONNREFUSED, a certificate error) is
// down the cause chain.
function describeCause(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof Error || typeof current === 'object') {
      const { message, code } = current as { message?: unknown; code?: unknown };
      const text = typeof message === 'string' && message !== '' ? message : typeof code === 'string' ? code : '';
      if (text !== '' && !parts.includes(text)) parts.push(text);
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.length === 0 ? 'no details' : parts.join(': ');
}

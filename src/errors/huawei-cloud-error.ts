import { HWCLOUD_MEDIA } from './package-name.js';
import { oneLine, redactSecrets } from './redact-secrets.js';

/**
 * Statuses worth sending again: throttling (429) and the gateway's or the service's passing failures. A
 * retry of these two operations is safe: a second delete or cancel is answered, never applied twice.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Longest raw body kept on an error: enough to recognise an HTML error page or a cut-off JSON body. */
export const BODY_SNIPPET_LIMIT = 512;

export interface HuaweiCloudErrorDetails {
  /** The API operation, e.g. `DeleteTranscodingTaskByConsole`. */
  operation: string;
  status: number;
  errorCode?: string | undefined;
  errorMsg?: string | undefined;
  requestId?: string | undefined;
  /** The raw response body, or its start; redacted and cut to BODY_SNIPPET_LIMIT here. */
  body?: string | undefined;
  attempts?: number | undefined;
  afterLostResponse?: boolean | undefined;
  retryAfterMs?: number | undefined;
}

/**
 * Any answer other than 204 from MPC, VOD or the API gateway in front of them: service errors
 * (`MPC.*`, `VOD.*`), gateway errors (`APIG.*`/`APIGW.*`), and bodies that are neither (an HTML page from a
 * proxy, an empty or truncated body), which keep `errorCode` undefined and a `bodySnippet`.
 */
export class HuaweiCloudError extends Error {
  override readonly name = 'HuaweiCloudError';
  /** The API operation, e.g. `DeleteTranscodingTaskByConsole` or `CancelAssetTranscodeTask`. */
  readonly operation: string;
  /** HTTP status. */
  readonly status: number;
  /** `error_code` of the body, e.g. `MPC.10213` or `APIGW.0301`; undefined when the body holds none. */
  readonly errorCode: string | undefined;
  /** `error_msg` of the body, with credential values redacted. */
  readonly errorMsg: string | undefined;
  /** From the `X-Request-Id` response header, else the body's `request_id`. Quote it to Huawei Cloud support. */
  readonly requestId: string | undefined;
  /** Whether the same request may succeed later (429, 500, 502, 503, 504). */
  readonly retryable: boolean;
  /** Requests sent by the call that failed, retries included. */
  readonly attempts: number;
  /**
   * True when an earlier attempt of the same call lost its response (a network error after sending, a
   * timeout, or a 500/502/504): that attempt may have been applied, so this error may describe the state
   * it left behind (a VOD cancel answering `VOD.10083`, say) rather than a plain refusal.
   */
  readonly afterLostResponse: boolean;
  /** The wait a `Retry-After` header asked for, in milliseconds, when the response carried one. */
  readonly retryAfterMs: number | undefined;
  /** The start of the raw body (at most 512 characters), credential values redacted. */
  readonly bodySnippet: string;

  constructor(details: HuaweiCloudErrorDetails) {
    const errorMsg = details.errorMsg === undefined ? undefined : redactSecrets(details.errorMsg);
    const bodySnippet = redactSecrets(details.body ?? '').slice(0, BODY_SNIPPET_LIMIT);
    const attempts = details.attempts ?? 1;
    const afterLostResponse = details.afterLostResponse ?? false;
    super(describe({ ...details, errorMsg, bodySnippet, attempts, afterLostResponse }));
    this.operation = details.operation;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.errorMsg = errorMsg;
    this.requestId = details.requestId;
    this.retryable = RETRYABLE_STATUSES.has(details.status);
    this.attempts = attempts;
    this.afterLostResponse = afterLostResponse;
    this.retryAfterMs = details.retryAfterMs;
    this.bodySnippet = bodySnippet;
  }

  toJSON() {
    return {
      name: this.name,
      message: this.message,
      operation: this.operation,
      status: this.status,
      errorCode: this.errorCode,
      errorMsg: this.errorMsg,
      requestId: this.requestId,
      retryable: this.retryable,
      attempts: this.attempts,
      afterLostResponse: this.afterLostResponse,
      retryAfterMs: this.retryAfterMs,
      bodySnippet: this.bodySnippet,
    };
  }
}

function describe(d: HuaweiCloudErrorDetails & { bodySnippet: string; attempts: number; afterLostResponse: boolean }): string {
  let text = `${HWCLOUD_MEDIA}: ${d.operation} failed with ${d.status}`;
  if (d.errorCode !== undefined || d.errorMsg !== undefined) {
    if (d.errorCode !== undefined) text += ` ${oneLine(d.errorCode, 64)}`;
    if (d.errorMsg !== undefined) text += `: ${oneLine(d.errorMsg, 1000)}`;
  } else if (d.bodySnippet.trim() === '') {
    text += ' and an empty body';
  } else {
    text += ` and a body that is not a Huawei Cloud error: "${oneLine(d.bodySnippet, 160)}"`;
  }
  const notes: string[] = [];
  if (d.requestId !== undefined) notes.push(`request id ${oneLine(d.requestId, 64)}`);
  if (d.attempts > 1) notes.push(`${d.attempts} attempts`);
  if (d.afterLostResponse) notes.push('an earlier attempt lost its response and may have been applied');
  if (d.retryAfterMs !== undefined) notes.push(`Retry-After ${Math.ceil(d.retryAfterMs / 1000)} s`);
  return notes.length === 0 ? text : `${text} (${notes.join('; ')})`;
}

// One call of an operation: validation is done by the caller; this sends, retries, corrects the clock and
// turns every answer other than 204 into a typed error. Each attempt is one call of the raw openapi-fetch
// client, so its middleware (the auth strategy) signs every attempt afresh, with a fresh X-Sdk-Date.
import type { AuthStrategy } from '../auth/use-auth.js';
import { parseSdkDate } from '../auth/sdk-date.js';
import { HuaweiCloudError, RETRYABLE_STATUSES } from '../errors/huawei-cloud-error.js';
import { NetworkError } from '../errors/network-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { isGatewayCode, parseErrorBody } from './error-body.js';
import { backoffDelay, parseRetryAfter, type RetryPolicy } from './retry.js';
import { anySignal, raceAbort, sleep, timeoutSignal } from './signals.js';
import type { Transport } from './transport.js';

/** Per-call options of the operation methods. */
export interface CallOptions {
  /** Aborting it rejects the call at once with the signal's reason: no further attempt, no waiting. */
  signal?: AbortSignal | undefined;
}

/**
 * - `applied`: the service answered 204.
 * - `applied-before-lost-response`: an attempt's response was lost (network error after sending, timeout,
 *   500/502/504) and a retry was told the task or asset does not exist (`MPC.10211`, `VOD.10062`): most
 *   likely the lost attempt did the work. Not certain: the id may never have existed.
 */
export type OperationOutcome = 'applied' | 'applied-before-lost-response';

export interface OperationResult {
  /** `X-Request-Id` of the answer the outcome rests on, if the gateway sent one. */
  requestId: string | undefined;
  /** Requests sent, retries and a clock-correction re-send included. */
  attempts: number;
  outcome: OperationOutcome;
}

export interface OperationDefinition {
  /** The operation's name in the API reference, used in errors. */
  operation: string;
  /** The code a retry gets when an earlier, lost attempt already removed the thing. */
  alreadyGoneCode: string;
}

export interface OperationSettings {
  auth: AuthStrategy | undefined;
  retry: RetryPolicy;
  timeoutMs: number;
  transport: Transport;
}

/** One attempt on the raw client, given the attempt's signal; what openapi-fetch resolved with. */
export type SendAttempt = (signal: AbortSignal) => Promise<{ response: Response; error?: unknown; data?: unknown }>;

type AttemptResult =
  | { kind: 'response'; response: Response; body: string }
  | { kind: 'network'; error: unknown; sent: boolean }
  | { kind: 'timeout' };

// Responses after which the request may have been carried out: the gateway or the service failed, or
// gave up waiting, possibly after the work was done. 503 and 429 are refusals before any work.
const LOST_RESPONSE_STATUSES: ReadonlySet<number> = new Set([500, 502, 504]);
// Failures that prove the request never left: no connection was made.
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ConnectionRefused']);
const SIGNATURE_EXPIRED = /signature expired, signature time:\s*(\d{8}T\d{6}Z)\s*,\s*server time:\s*(\d{8}T\d{6}Z)/;

export async function runOperation(
  definition: OperationDefinition,
  settings: OperationSettings,
  send: SendAttempt,
  signal: AbortSignal | undefined,
): Promise<OperationResult> {
  const { retry, auth, transport, timeoutMs } = settings;
  let attempts = 0;
  let counted = 0; // attempts counted against retry.maxAttempts: a clock-correction re-send is not
  let lostResponse = false;
  let clockCorrected = false;

  for (;;) {
    if (signal?.aborted) throw signal.reason;
    attempts += 1;
    counted += 1;
    const result = await attempt(send, transport, timeoutMs, signal);
    const mayRetry = counted < retry.maxAttempts;
    const retryIndex = counted - 1;

    if (result.kind === 'timeout') {
      if (!mayRetry) throw new TimeoutError({ operation: definition.operation, timeoutMs, attempts, afterLostResponse: lostResponse });
      lostResponse = true;
      await sleep(backoffDelay(retryIndex, retry), signal);
      continue;
    }
    if (result.kind === 'network') {
      if (!mayRetry) {
        throw new NetworkError({ operation: definition.operation, attempts, afterLostResponse: lostResponse, cause: result.error });
      }
      if (result.sent) lostResponse = true;
      await sleep(backoffDelay(retryIndex, retry), signal);
      continue;
    }

    const { response, body } = result;
    const fields = response.status === 204 ? {} : parseErrorBody(body);
    const requestId = response.headers.get('X-Request-Id') || fields.requestId || undefined;
    if (response.status === 204) return { requestId, attempts, outcome: 'applied' };

    if (lostResponse && fields.errorCode === definition.alreadyGoneCode) {
      return { requestId, attempts, outcome: 'applied-before-lost-response' };
    }

    // A local clock more than 15 minutes off the gateway's fails every signature; the 401 says the
    // gateway's time, so the offset is corrected once and the request re-signed at once.
    if (!clockCorrected && auth?.kind === 'aksk' && response.status === 401 && isGatewayCode(fields.errorCode)) {
      const serverTime = parseSdkDate(SIGNATURE_EXPIRED.exec(fields.errorMsg ?? '')?.[2] ?? '');
      if (serverTime) {
        auth.setClockOffset(serverTime.getTime() - auth.now().getTime() + auth.clockOffsetMs);
        clockCorrected = true;
        counted -= 1;
        continue;
      }
    }

    const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'));
    const error = new HuaweiCloudError({
      operation: definition.operation,
      status: response.status,
      errorCode: fields.errorCode,
      errorMsg: fields.errorMsg,
      requestId,
      body,
      attempts,
      afterLostResponse: lostResponse,
      retryAfterMs,
    });
    if (!RETRYABLE_STATUSES.has(response.status) || !mayRetry) throw error;
    // A wait longer than the policy allows is the caller's decision, not ours: report it instead.
    if (retryAfterMs !== undefined && retryAfterMs > retry.maxDelayMs) throw error;
    if (LOST_RESPONSE_STATUSES.has(response.status)) lostResponse = true;
    await sleep(retryAfterMs ?? backoffDelay(retryIndex, retry), signal);
  }
}

async function attempt(send: SendAttempt, transport: Transport, timeoutMs: number, callerSignal: AbortSignal | undefined): Promise<AttemptResult> {
  const timeout = timeoutSignal(timeoutMs);
  const signal = callerSignal ? anySignal([callerSignal, timeout]) : timeout;
  try {
    // The timeout covers reading the body too: a server that sends headers and then stalls is as slow as
    // one that sends nothing.
    return await raceAbort(
      signal,
      (async (): Promise<AttemptResult> => {
        const { response, error, data } = await send(signal);
        const captured = await transport.bodyText(response);
        return { kind: 'response', response, body: captured ?? asText(error ?? data) };
      })(),
    );
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
    if (timeout.aborted) return { kind: 'timeout' };
    if (transport.isFetchFailure(error)) return { kind: 'network', error, sent: !provesNotSent(error) };
    // Thrown by a middleware (a token provider that failed, a ValidationError): not the network's doing,
    // and sending again would not help.
    throw error;
  }
}

// What openapi-fetch parsed, for a response the transport did not fetch (one a middleware made up).
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

// Node's fetch reports "fetch failed" with the socket error as its cause; other runtimes nest differently,
// so the whole cause chain is searched, and an AggregateError (happy eyeballs) proves it only if every
// address it tried refused.
function provesNotSent(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((inner) => provesNotSent(inner, depth + 1))) return true;
  return provesNotSent(cause, depth + 1);
}

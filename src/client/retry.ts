// Backoff and Retry-After. Nothing here sleeps or sends: operation.ts decides, these compute.

export interface RetryPolicy {
  /** Requests per call, the first one included. 1 means no retry. */
  maxAttempts: number;
  /** Ceiling of the first retry's delay; doubled for each further retry. */
  baseDelayMs: number;
  /** No delay is ever longer, and a Retry-After asking for longer ends the call instead. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 });

/**
 * Full jitter (a uniformly random delay between zero and the exponential ceiling): clients throttled
 * together do not come back together, which matters at a limit of 100 requests a minute per tenant.
 * `retryIndex` is 0 before the first retry.
 */
export function backoffDelay(retryIndex: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// The three HTTP-date forms a recipient must accept (RFC 9110 §5.6.7), all in GMT.
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC_850 = /^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * Milliseconds a `Retry-After` value asks to wait, from `now`: delay-seconds or an HTTP-date (a date in the
 * past means now). Undefined when the header is absent or is neither; Date.parse is not used, since it
 * reads far more than HTTP-dates (V8 takes "1.5" for a day in 2001).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

function parseHttpDate(text: string, now: number): number | undefined {
  let fields: [day: string, month: string, year: number, hour: string, minute: string, second: string] | undefined;
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    fields = [match[1]!, match[2]!, Number(match[3]), match[4]!, match[5]!, match[6]!];
  } else if ((match = RFC_850.exec(text))) {
    // A two-digit year more than 50 years ahead is in the past century (RFC 9110).
    const currentYear = new Date(now).getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + Number(match[3]);
    if (year > currentYear + 50) year -= 100;
    fields = [match[1]!, match[2]!, year, match[4]!, match[5]!, match[6]!];
  } else if ((match = ASCTIME.exec(text))) {
    fields = [match[2]!.trim(), match[1]!, Number(match[6]), match[3]!, match[4]!, match[5]!];
  }
  if (!fields) return undefined;
  const [day, monthName, year, hour, minute, second] = fields;
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month === -1) return undefined;
  const time = Date.UTC(year, month, Number(day), Number(hour), Number(minute), Number(second));
  // Reject what Date.UTC would roll over, such as 31 Feb or 25:00.
  const check = new Date(time);
  if (check.getUTCDate() !== Number(day) || check.getUTCHours() !== Number(hour) || check.getUTCMinutes() !== Number(minute) || check.getUTCSeconds() !== Number(second)) {
    return undefined;
  }
  return Number.isNaN(time) ? undefined : time;
}

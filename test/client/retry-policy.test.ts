// The pure parts of the retry policy: full-jitter backoff and Retry-After parsing.
import { describe, expect, test } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from '../../src/client/retry.js';

describe('backoffDelay', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

  test('the defaults are 3 attempts, 200 ms base and 5,000 ms max', () => {
    expect(DEFAULT_RETRY).toEqual({ maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 });
  });

  test.each([
    [0, 200],
    [1, 400],
    [2, 800],
    [4, 3_200],
    [5, 5_000],
    [30, 5_000],
  ])('retry %i draws from 0 up to %i ms', (retryIndex, ceiling) => {
    expect(backoffDelay(retryIndex, policy, () => 0)).toBe(0);
    expect(backoffDelay(retryIndex, policy, () => 0.5)).toBe(ceiling / 2);
    expect(backoffDelay(retryIndex, policy, () => 0.999_999_9)).toBe(ceiling - 1);
  });

  test('with the real random source every delay stays within the ceiling', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const delay = backoffDelay(i % 8, policy);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(5_000, 200 * 2 ** (i % 8)));
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('1994-11-06T08:49:30Z');

  test.each([
    ['0', 0],
    ['7', 7_000],
    [' 120 ', 120_000],
    ['Sun, 06 Nov 1994 08:49:37 GMT', 7_000],
    ['Sunday, 06-Nov-94 08:49:37 GMT', 7_000],
    ['Sun Nov  6 08:49:37 1994', 7_000],
    ['Sun, 06 Nov 1994 08:49:00 GMT', 0],
  ])('%j → %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  test.each([null, undefined, '', 'soon', '-5', '1.5', '0x10', 'Sun, 31 Feb 1994 08:49:37 GMT', 'Sun, 06 Nov 1994 25:49:37 GMT', '2024-04-16T09:53:41Z'])(
    '%j is not a Retry-After value',
    (value) => {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    },
  );
});

// Hostile input, generated (fast-check): project ids that try to leave their path segment, task ids that are
// not positive int32s, asset ids that are empty, huge or hold control characters, and header values with CR
// or LF. Each must be a ValidationError naming the field, and no request may leave: the clients' fetch counts
// every call, and the emulator behind it counts every request it receives.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateTaskId } from '../../src/client/validate.js';
import { taskIdFromText } from '../../src/cli/ids.js';
import { akskAuth, createMpcClient, createVodClient, signRequest, tokenAuth, ValidationError } from '../../src/index.js';
import { TENANT, withEmulator } from '../helpers/emulator.js';
import { processWatch, settleTicks } from './support.js';

const RUNS = 300;
// A fixed seed makes every run check the same cases; set RELIABILITY_SEED to explore others.
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 0x9e3779b9);
const params = { numRuns: RUNS, seed: SEED };
const INT32_MAX = 2_147_483_647;
const CANARY = 'SECRET-canary-4d2c';

let emulator: Awaited<ReturnType<typeof withEmulator>>['emulator'];
let fetched = 0;
const countingFetch = (request: Request) => {
  fetched += 1;
  return fetch(request);
};
const watch = processWatch();
beforeAll(async () => {
  watch.start();
  ({ emulator } = await withEmulator());
});
afterAll(async () => {
  watch.stop();
  await emulator.close();
});

const base = () => ({ endpoint: emulator.url, projectId: TENANT.projectId, fetch: countingFetch, auth: akskAuth({ ak: TENANT.ak, sk: TENANT.sk }) });

function expectValidationError(error: unknown, field: string, rules?: string[]) {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).field).toBe(field);
  if (rules) expect(rules).toContain((error as ValidationError).rule);
  // The message names the field and the rule, never the value.
  expect((error as ValidationError).message).toBe(`hwcloud-media: ${field} ${(error as ValidationError).rule}`);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

async function rejected(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const safe = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{0,${max}}$`));
const notA = (type: string) => fc.anything().filter((value) => typeof value !== type);

describe('project ids', () => {
  const PROJECT_RULES = ['must be a string', 'must not be empty', 'must be at most 64 characters', 'must contain only the characters A-Z, a-z, 0-9, _ and -'];
  const escapes = fc.constantFrom('..', '.', '/', '\\', '%2F', '%2f', '%2e%2e', '%00', '?', '#', '&', ' ', '\t', '\r', '\n', '\r\n', '\0', ':', '@', ';', '=', '+', 'é', 'ß', 'İ', '日本', '😀', '\u202e', '\u2028', '\ufeff', '\ud800');
  const hostileProjectId = fc.oneof(
    fc.tuple(safe(20), escapes, safe(20)).map(([before, escape, after]) => `${before}${escape}${after}`),
    fc.tuple(safe(8), fc.array(fc.constantFrom('../', '..%2F', '%2e%2e/', '/..'), { minLength: 1, maxLength: 4 })).map(([start, parts]) => start + parts.join('')),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }).filter((text) => !/^[A-Za-z0-9_-]{1,64}$/.test(text)),
    fc.stringMatching(/^[A-Za-z0-9_-]{65,200}$/),
    fc.constant(''),
    notA('string'),
  );

  test(`${RUNS} hostile project ids: refused by both clients at construction`, () => {
    fc.assert(
      fc.property(hostileProjectId, (projectId) => {
        for (const create of [createMpcClient, createVodClient]) {
          expectValidationError(thrown(() => create({ ...base(), projectId: projectId as string })), 'projectId', PROJECT_RULES);
        }
      }),
      params,
    );
    expect(fetched).toBe(0);
  });

  test(`${RUNS} project ids with CR, LF or NUL: refused by akskAuth too (it sends them as X-Project-Id)`, () => {
    fc.assert(
      fc.property(fc.tuple(safe(20), fc.constantFrom('\r', '\n', '\r\n', '\0', '\r\nX-Injected: 1'), safe(20)), ([before, breaker, after]) => {
        const error = thrown(() => akskAuth({ ak: TENANT.ak, sk: TENANT.sk, projectId: `${before}${breaker}${after}` }));
        // Only CR/LF/NUL and whitespace: "must not be empty" comes first; a refusal either way.
        expectValidationError(error, 'akskAuth.projectId', ['must not contain CR, LF or NUL characters', 'must not be empty']);
      }),
      params,
    );
  });
});

describe('task ids', () => {
  const TASK_RULES = ['must be a number', 'must be an integer', `must be a positive 32-bit integer (1 to ${INT32_MAX})`];
  const hostileTaskId = fc.oneof(
    fc.double({ min: -1e9, max: 3e9, noNaN: true }).filter((value) => !Number.isInteger(value)), // fractional
    fc.integer({ min: -(2 ** 31), max: 0 }), // zero and negative
    fc.bigInt({ min: 2n ** 31n, max: 2n ** 64n }).map(Number), // beyond int32
    fc.double().filter((value) => !(Number.isInteger(value) && value >= 1 && value <= INT32_MAX)), // any double that is not one
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 2 ** 31, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER, 1e21, 0.1 + 0.2, Number.EPSILON, 5e-324),
    fc.oneof(fc.nat().map(String), fc.string(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.nat(), { maxLength: 3 }), fc.object(), fc.nat().map((n) => new Number(n))),
  );

  test(`${RUNS} task ids that are fractional, negative, beyond int32 or not numbers: refused, nothing sent`, async () => {
    const mpc = createMpcClient(base());
    await fc.assert(
      fc.asyncProperty(hostileTaskId, async (taskId) => {
        expectValidationError(await rejected(() => mpc.deleteTranscodingTaskRecord(taskId as number)), 'taskId', TASK_RULES);
      }),
      params,
    );
    expect(fetched).toBe(0);
  });

  test(`${RUNS} command-line task ids: only plain decimal digits within int32 get through`, () => {
    const parse = taskIdFromText(validateTaskId);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('0', '1', '9', '-', '+', '.', 'e', 'x', ' ', '٣', '\n') }), fc.bigInt({ min: -10n, max: 2n ** 40n }).map(String)), (text) => {
        let value: number | undefined;
        const error = thrown(() => (value = parse(text)));
        if (error === undefined) {
          expect(text).toMatch(/^[0-9]+$/);
          expect(Number.isInteger(value) && value! >= 1 && value! <= INT32_MAX).toBe(true);
          expect(BigInt(text)).toBe(BigInt(value!));
        } else {
          expectValidationError(error, 'taskId');
        }
      }),
      params,
    );
  });
});

describe('asset ids', () => {
  const ASSET_RULES = ['must be a string', 'must not be empty', 'must be at most 128 characters', 'must not contain whitespace or control characters', 'must be well-formed Unicode (no lone surrogates)'];
  const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((code) => String.fromCharCode(code));
  const whitespace = fc.constantFrom(' ', '\t', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff');
  const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
  const around = (middle: fc.Arbitrary<string>) => fc.tuple(safe(40), middle, safe(40)).map(([before, inner, after]) => `${before}${inner}${after}`);
  const hostileAssetId = fc.oneof(
    fc.constant(''),
    fc.string({ unit: 'binary', minLength: 129, maxLength: 4_096 }), // more than 128 code points
    fc.integer({ min: 129, max: 1_000_000 }).map((length) => 'a'.repeat(length)),
    around(control),
    around(whitespace),
    around(fc.constantFrom('\r\n', '\r\nX-Injected: 1', '\n\r', '\r\n\r\nGET / HTTP/1.1')),
    around(loneSurrogate),
    notA('string'),
  );

  test(`${RUNS} asset ids that are empty, huge, or hold control characters: refused, nothing sent`, async () => {
    const vod = createVodClient(base());
    await fc.assert(
      fc.asyncProperty(hostileAssetId, async (assetId) => {
        expectValidationError(await rejected(() => vod.cancelAssetTranscodeTask(assetId as string)), 'assetId', ASSET_RULES);
      }),
      params,
    );
    expect(fetched).toBe(0);
  });
});

describe('header values with CR or LF', () => {
  const breaker = fc.constantFrom('\r', '\n', '\r\n', '\n\r', '\0', '\r\nX-Injected: 1', '\r\n\r\nDELETE /v1/other HTTP/1.1');
  const broken = fc.tuple(fc.string({ maxLength: 20 }), breaker, fc.string({ maxLength: 20 })).map(([before, inner, after]) => `${CANARY}${before}${inner}${after}`);
  const CRLF_RULE = ['must not contain CR, LF or NUL characters'];

  test(`${RUNS} × 6 option values: userAgent, AK, SK, security token, token, project id header`, () => {
    fc.assert(
      fc.property(broken, (value) => {
        const errors: Array<[unknown, string]> = [
          [thrown(() => createMpcClient({ ...base(), userAgent: value })), 'userAgent'],
          [thrown(() => akskAuth({ ak: value, sk: TENANT.sk })), 'akskAuth.ak'],
          [thrown(() => akskAuth({ ak: TENANT.ak, sk: value })), 'akskAuth.sk'],
          [thrown(() => akskAuth({ ak: TENANT.ak, sk: TENANT.sk, securityToken: value })), 'akskAuth.securityToken'],
          [thrown(() => tokenAuth(value)), 'tokenAuth.token'],
          [thrown(() => createVodClient({ ...base(), userAgent: value })), 'userAgent'],
        ];
        for (const [error, field] of errors) {
          expectValidationError(error, field, CRLF_RULE);
          expect(String((error as Error).stack)).not.toContain(CANARY);
        }
      }),
      params,
    );
  });

  test(`${RUNS} tokens from a provider with CR or LF: the call is refused before anything is sent`, async () => {
    await fc.assert(
      fc.asyncProperty(broken, async (token) => {
        const mpc = createMpcClient({ ...base(), auth: tokenAuth(async () => token), retry: false });
        const error = await rejected(() => mpc.deleteTranscodingTaskRecord(1));
        expectValidationError(error, 'tokenAuth provider result', CRLF_RULE);
      }),
      params,
    );
    expect(fetched).toBe(0);
  });

  test(`${RUNS} headers given to signRequest: bad values and names refused without quoting the value`, () => {
    const badName = fc.string({ minLength: 1, maxLength: 20 }).filter((name) => !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name));
    fc.assert(
      fc.property(broken, badName, (value, name) => {
        const valueError = thrown(() => signRequest({ method: 'DELETE', url: `${emulator.url}/v1/p/transcodings/task`, headers: { 'X-Custom': value } }, TENANT));
        expectValidationError(valueError, 'headers["X-Custom"]', CRLF_RULE);
        const nameError = thrown(() => signRequest({ method: 'DELETE', url: `${emulator.url}/v1/p/transcodings/task`, headers: [[name, 'v']] }, TENANT));
        expect(nameError).toBeInstanceOf(ValidationError);
        expect((nameError as ValidationError).rule).toBe('is not a valid header name');
      }),
      params,
    );
  });
});

describe('afterwards', () => {
  test('the emulator received no request at all, and nothing went unhandled', async () => {
    expect(fetched).toBe(0);
    expect(emulator.state().requests.total).toBe(0);
    // The same clients do send once the input is good: the counting above was live.
    await expect(createMpcClient(base()).deleteTranscodingTaskRecord(1)).resolves.toMatchObject({ outcome: 'applied' });
    expect(fetched).toBe(1);
    expect(emulator.state().requests.total).toBe(1);
    await settleTicks();
    expect(watch.unhandled).toEqual([]);
  });
});

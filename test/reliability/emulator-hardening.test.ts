// The emulator under hostile clients: oversized headers and bodies, slow requests (slowloris, bodies that
// never finish), malformed and fuzzed Authorization and X-Auth-Token headers, and fuzzed raw requests. Each
// gets a 4xx (or, for a client that hangs up, a closed connection), never a 5xx or a crash, and the emulator
// answers a valid request afterwards. The signature and security-token comparisons are constant-time: checked
// in the code and, at run time, by watching node:crypto's timingSafeEqual.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { signRequest } from '../../src/auth/sign-request.js';
import { formatSdkDate } from '../../src/auth/sdk-date.js';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { MPC_PATH, OTHER_TENANT, TENANT, VOD_PATH, withEmulator } from '../helpers/emulator.js';
import { projectRoot } from '../helpers/project.js';
import { processWatch, settleTicks } from './support.js';

// Every call of timingSafeEqual the gateway makes, with the lengths of what it compared.
const comparisons = vi.hoisted(() => [] as Array<[number, number]>);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      comparisons.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const RUNS = 300;
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 0x9e3779b9);
// A tenant no fuzzed request ever names, so that lockouts of the others cannot hide a dead emulator.
const LIVE = { ak: 'LIVENESSCHECKAK00001', sk: 'liveness-check-secret-key-000000000001', projectId: 'aaaabbbbccccddddeeeeffff00001111' };
const SLOW: EmulatorOptions = { headersTimeoutMs: 500, requestTimeoutMs: 1_000 };
// Upper bound for the server to cut a slow client off (limits of 0.5 s and 1 s, checked every 125 ms); it
// proves the connection is not held forever, not how fast it is cut.
const CUT_OFF_BOUND_MS = 5_000;

let current: Awaited<ReturnType<typeof withEmulator>> | undefined;
const watch = processWatch();
beforeAll(() => watch.start());
afterAll(() => watch.stop());
afterEach(async () => {
  if (current) {
    // 413 (a body past the gateway's limit) is not among the specs' documented responses; all else must be.
    expect(current.specProblems.filter((problem) => !/ → 413: /.test(problem)), 'answers outside the spec').toEqual([]);
    await current.emulator.close();
  }
  current = undefined;
  await settleTicks();
  expect(watch.unhandled).toEqual([]);
});

async function start(options: EmulatorOptions = {}) {
  current = await withEmulator({ tenants: [TENANT, OTHER_TENANT, LIVE], ...options });
  return current;
}

/** A signed request through the whole pipeline (gateway, throttling, validation, service): still alive. */
async function expectAlive() {
  const answer = await current!.signedDelete(`/v1/${LIVE.projectId}/transcodings/task?task_id=424242`, LIVE);
  expect(answer.status).toBe(403);
  expect(answer.json?.error_code).toBe('MPC.10211');
}

interface RawAnswer {
  text: string;
  status: number | undefined;
  elapsedMs: number;
}

/**
 * Writes `head`, then `drip` one character every `everyMs`, and collects what comes back until the server
 * closes the connection (or `giveUpMs` passes, which the caller treats as a failure).
 */
function rawExchange(url: string, head: string | Buffer, { drip = '', everyMs = 50, end = false, giveUpMs = 8_000 } = {}): Promise<RawAnswer & { gaveUp: boolean }> {
  const { hostname, port } = new URL(url);
  const started = performance.now();
  return new Promise((resolve) => {
    let text = '';
    let gaveUp = false;
    let dripped = 0;
    const socket = connect(Number(port), hostname, () => {
      if (end) socket.end(head);
      else socket.write(head);
    });
    const timer = setInterval(() => {
      if (dripped < drip.length && socket.writable) socket.write(drip[dripped++]!);
    }, everyMs);
    const giveUp = setTimeout(() => {
      gaveUp = true;
      socket.destroy();
    }, giveUpMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', () => {}); // a reset is an answer too; what arrived is what counts
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      // The final answer: an interim `100 Continue` (for Expect: 100-continue) may come first.
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3}) /g)].map((match) => Number(match[1]));
      const status = statuses.find((code) => code >= 200);
      resolve({ text, status, elapsedMs: performance.now() - started, gaveUp });
    });
  });
}

const HEAD = `DELETE ${MPC_PATH}?task_id=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n`;

describe('oversized headers and bodies', () => {
  test.each([
    ['one 17 KiB header', `${HEAD}X-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`],
    ['one 1 MiB header', `${HEAD}X-Big: ${'a'.repeat(1024 * 1024)}\r\n\r\n`],
    ['3,000 small headers', `${HEAD}${Array.from({ length: 3_000 }, (_, index) => `X-H${index}: v\r\n`).join('')}\r\n`],
    ['a 20 KiB request target', `DELETE ${MPC_PATH}?task_id=1&pad=${'a'.repeat(20 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['a 64 KiB Authorization header', `${HEAD}Authorization: SDK-HMAC-SHA256 Access=${'A'.repeat(64 * 1024)}, SignedHeaders=host, Signature=${'0'.repeat(64)}\r\n\r\n`],
  ])('%s: 431, and the emulator keeps answering', async (_, request) => {
    await start();
    const answer = await rawExchange(current!.emulator.url, request);
    expect(answer.status).toBe(431);
    await expectAlive();
  });

  test('a body past the limit, with Content-Length or chunked: 413, nothing applied', async () => {
    await start({ maxBodyBytes: 64 * 1024 });
    const declared = await current!.send('DELETE', `${MPC_PATH}?task_id=1`, {}, 'x'.repeat(1024 * 1024));
    expect(declared.status).toBe(413);
    const chunk = 'y'.repeat(16 * 1024);
    const chunks = Array.from({ length: 64 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const chunked = await rawExchange(current!.emulator.url, `${HEAD}Transfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`);
    expect(chunked.status).toBe(413);
    expect(current!.emulator.state().applied).toEqual([]);
    await expectAlive();
  });

  test('a 13 MiB body against the default 12 MiB limit: 413', async () => {
    await start();
    const answer = await current!.send('DELETE', `${MPC_PATH}?task_id=1`, {}, 'z'.repeat(13 * 1024 * 1024));
    expect(answer.status).toBe(413);
    expect(answer.json?.error_code).toBe('APIGW.0201');
    await expectAlive();
  });
});

describe('slow requests', () => {
  test('headers sent a byte at a time (slowloris): 408 and the connection closed', async () => {
    await start(SLOW);
    const answer = await rawExchange(current!.emulator.url, HEAD, { drip: `X-Slow: ${'s'.repeat(10_000)}`, everyMs: 50 });
    expect(answer.gaveUp).toBe(false);
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(CUT_OFF_BOUND_MS);
    await expectAlive();
  });

  test('a connection that sends nothing: closed with a 408', async () => {
    await start(SLOW);
    const answer = await rawExchange(current!.emulator.url, '');
    expect(answer.gaveUp).toBe(false);
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(CUT_OFF_BOUND_MS);
  });

  test.each([
    ['a body that stops short of its Content-Length', `${HEAD}Content-Length: 100\r\n\r\n0123456789`, ''],
    ['a body sent a byte at a time', `${HEAD}Content-Length: 10000\r\n\r\n`, 'b'.repeat(10_000)],
    ['a Content-Length of a terabyte, and nothing after it', `${HEAD}Content-Length: 1000000000000\r\n\r\n`, ''],
  ])('%s: 408 once the request time limit passes', async (_, head, drip) => {
    await start(SLOW);
    const answer = await rawExchange(current!.emulator.url, head, { drip, everyMs: 50 });
    expect(answer.gaveUp).toBe(false);
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(CUT_OFF_BOUND_MS);
    expect(current!.emulator.state().applied).toEqual([]);
    await expectAlive();
  });

  test('30 slowloris connections at once: valid requests are answered meanwhile, and every slow one is cut off', async () => {
    await start(SLOW);
    const attackers = Array.from({ length: 30 }, (_, index) =>
      rawExchange(current!.emulator.url, index % 2 === 0 ? HEAD : `${HEAD}Content-Length: 500\r\n\r\n`, { drip: 'x'.repeat(1_000), everyMs: 40 }),
    );
    const served: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      served.push((await current!.signedDelete(`/v1/${LIVE.projectId}/transcodings/task?task_id=${index + 1}`, LIVE)).status);
    }
    expect(served).toEqual(Array.from({ length: 20 }, () => 403)); // answered (MPC.10211), not queued behind the attackers
    const results = await Promise.all(attackers);
    expect(results.filter((result) => result.gaveUp)).toEqual([]);
    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 30 }, () => 408));
    await expectAlive();
  });

  test('the time limits are options with defaults, and nonsense is refused', async () => {
    const { startEmulator } = await import('../../src/emulator/index.js');
    for (const bad of [{ headersTimeoutMs: 0 }, { requestTimeoutMs: -1 }, { keepAliveTimeoutMs: 1.5 }, { headersTimeoutMs: 2_000, requestTimeoutMs: 1_000 }]) {
      await expect(startEmulator(bad)).rejects.toThrow(RangeError);
    }
    const defaults = await startEmulator();
    await defaults.close();
  });
});

describe('malformed and fuzzed credentials', () => {
  const latin1 = fc.string({ unit: fc.oneof(fc.constant('\t'), fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => (typeof c === 'string' ? c : String.fromCharCode(c))), maxLength: 300 });
  const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length });
  const structured = fc
    .record({
      scheme: fc.constantFrom('SDK-HMAC-SHA256', 'sdk-hmac-sha256', 'SDK-HMAC-SHA1', 'AWS4-HMAC-SHA256', 'SDK-HMAC-SHA256SDK-HMAC-SHA256', ''),
      ak: fc.oneof(fc.constantFrom(TENANT.ak, OTHER_TENANT.ak, '', ' ', 'A'.repeat(5_000)), fc.stringMatching(/^[A-Z0-9]{1,40}$/), latin1),
      signed: fc.oneof(
        fc.array(fc.constantFrom('host', 'x-sdk-date', 'x-project-id', 'content-type', 'authorization', 'x-nope', '', 'HOST', 'x-sdk-date;host', '..', '%00'), { maxLength: 8 }).map((names) => names.join(';')),
        latin1,
      ),
      signature: fc.oneof(hex(64), hex(63), hex(65), hex(128), fc.stringMatching(/^[g-z]{64}$/), fc.constant(''), latin1),
      separator: fc.constantFrom(', ', ',', ' , ', ' ', ';', ',\t'),
      date: fc.oneof(
        fc.constant(formatSdkDate(new Date())),
        fc.constantFrom('', '20240416T095341Z', '99991231T235959Z', '00000000T000000Z', '2024-04-16T09:53:41Z', 'now'),
        latin1,
        fc.constant(undefined),
      ),
    })
    .map(({ scheme, ak, signed, signature, separator, date }) => ({
      authorization: `${scheme} Access=${ak}${separator}SignedHeaders=${signed}${separator}Signature=${signature}`,
      date,
    }));

  test(`${RUNS} malformed Authorization headers, random and structured: 401 APIGW.0301 every time, then still alive`, async () => {
    await start();
    await fc.assert(
      fc.asyncProperty(fc.oneof(structured, latin1.map((authorization) => ({ authorization, date: formatSdkDate(new Date()) as string | undefined }))), async ({ authorization, date }) => {
        const headers: Record<string, string> = { Authorization: authorization };
        if (date !== undefined) headers['X-Sdk-Date'] = date;
        const answer = await current!.send('DELETE', `${MPC_PATH}?task_id=1`, headers);
        expect(answer.status).toBe(401);
        expect(answer.json?.error_code).toBe('APIGW.0301');
        expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(current!.emulator.state().applied).toEqual([]);
    await expectAlive();
  });

  test(`${RUNS} valid signatures with one character changed, or replayed on another request: 401, then lockout`, async () => {
    await start();
    await fc.assert(
      fc.asyncProperty(fc.nat(63), fc.nat(15), fc.boolean(), async (position, delta, replay) => {
        const target = `${VOD_PATH}?asset_id=queued-1`;
        const signed = signRequest({ method: 'DELETE', url: current!.emulator.url + target }, TENANT) as unknown as Record<string, string>;
        let authorization = signed['Authorization']!;
        if (!replay) {
          const signature = /Signature=([0-9a-f]{64})$/.exec(authorization)![1]!;
          const changed = (parseInt(signature[position]!, 16) + 1 + (delta % 15)) % 16;
          authorization = authorization.replace(signature, signature.slice(0, position) + changed.toString(16) + signature.slice(position + 1));
        }
        const answer = await current!.send('DELETE', replay ? `${VOD_PATH}?asset_id=queued-2` : target, { ...signed, Authorization: authorization });
        expect(answer.status).toBe(401);
        expect(answer.json?.error_code).toBe('APIGW.0301');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(current!.emulator.state().applied).toEqual([]);
    // Five failures in a row lock the AK: even a correct signature is refused now.
    const locked = await current!.signedDelete(`${VOD_PATH}?asset_id=queued-1`);
    expect(locked.status).toBe(401);
    expect(locked.json?.error_msg).toContain('AK access failed to reach the limit');
    await expectAlive();
  });

  test(`${RUNS} fuzzed X-Auth-Token values: 401 every time`, async () => {
    await start();
    await fc.assert(
      fc.asyncProperty(latin1, async (token) => {
        const answer = await current!.send('DELETE', `${MPC_PATH}?task_id=1`, { 'X-Auth-Token': token });
        // Except the one real token: never generated, but checked rather than assumed.
        if (token.trim() === TENANT.tokens[0]) return;
        expect(answer.status).toBe(401);
        expect(answer.json?.error_code).toBe('APIGW.0301');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    await expectAlive();
  });

  test(`${RUNS} fuzzed raw requests (method, target, header lines, body): a 4xx or a closed connection, never a 5xx`, async () => {
    // No lockout here: the fuzz signs as TENANT on purpose, so that the gateway rebuilds the canonical
    // request from every fuzzed path and query instead of refusing a locked AK early.
    await start({ ...SLOW, maxBodyBytes: 4 * 1024, lockout: { failures: 1_000_000_000, seconds: 1 } });
    const printable = (max: number, min = 0x21) => fc.string({ unit: fc.integer({ min, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: max });
    const method = fc.oneof({ weight: 4, arbitrary: fc.constant('DELETE') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'delete', 'DEL ETE', '') });
    const target = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(MPC_PATH, VOD_PATH, '/', '*', '/v1/../v1.0/x/asset/process', 'http://evil.example/', `${MPC_PATH}?task_id=1&task_id=2`, `${VOD_PATH}?asset_id=%ZZ`, `${MPC_PATH}?task_id=%`, `/v1/%E0%A4%A/transcodings/task?task_id=1`) },
      { weight: 5, arbitrary: fc.tuple(fc.constantFrom(`${MPC_PATH}?task_id=`, `${VOD_PATH}?asset_id=`, `${MPC_PATH}?`, '/v1/', '/v1.0/', `/v1/${TENANT.projectId}/`), printable(80)).map(([prefix, rest]) => prefix + rest) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 120 }) },
    );
    const headerLine = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom('Content-Length: -1', 'Content-Length: abc', 'Transfer-Encoding: chunked', 'Authorization:', 'X-Sdk-Date: 20240416T095341Z', 'Expect: 100-continue', 'X-Project-Id: ../x', ': no-name', 'No-Colon', 'X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD') },
      { weight: 3, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), printable(60, 0x20)).map(([name, value]) => `${name}: ${value}`) },
      { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), fc.string({ unit: 'binary-ascii', maxLength: 60 })).map(([name, value]) => `${name}: ${value}`) },
    );
    const signedAs = fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      // Parses, names a real AK and a current date: only the signature is wrong, checked last.
      { weight: 2, arbitrary: fc.tuple(hex(64), fc.constantFrom('host;x-sdk-date', 'host', 'x-sdk-date', 'host;x-nope;x-sdk-date')).map(([signature, signed]) => [`Authorization: SDK-HMAC-SHA256 Access=${TENANT.ak}, SignedHeaders=${signed}, Signature=${signature}`, `X-Sdk-Date: ${formatSdkDate(new Date())}`]) },
      { weight: 1, arbitrary: latin1.map((token) => [`X-Auth-Token: ${token}`]) },
    );
    const version = fc.oneof({ weight: 8, arbitrary: fc.constant('HTTP/1.1') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/9', '') });
    // Node wants a Host header with HTTP/1.1; most requests carry one so that the parser lets them through.
    const host = fc.oneof({ weight: 6, arbitrary: fc.constant(['Host: 127.0.0.1']) }, { weight: 1, arbitrary: fc.constant([]) });
    const body = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: printable(40) });
    const requests = fc.tuple(method, target, version, host, signedAs, fc.array(headerLine, { maxLength: 4 }), body);
    const statuses: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(requests, async ([verb, path, httpVersion, hostLine, auth, extra, payload]) => {
        const lines = [...hostLine, ...auth, ...extra, ...(payload ? [`Content-Length: ${payload.length}`] : [])];
        const request = `${verb} ${path} ${httpVersion}\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n${payload}`;
        const answer = await rawExchange(current!.emulator.url, Buffer.from(request, 'latin1'), { end: true });
        expect(answer.gaveUp).toBe(false);
        const label = String(answer.status ?? 'closed');
        statuses[label] = (statuses[label] ?? 0) + 1;
        if (answer.status !== undefined) {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`fuzzed raw requests, answers by status: ${JSON.stringify(statuses)}`);
    // The fuzz reached the gateway and the router, not only the HTTP parser.
    expect(statuses['401'] ?? 0).toBeGreaterThan(RUNS / 10);
    expect(statuses['404'] ?? 0).toBeGreaterThan(0);
    expect(current!.emulator.state().applied).toEqual([]);
    await expectAlive();
  });
});

describe('constant-time comparisons', () => {
  const source = readFileSync(path.join(projectRoot, 'src', 'emulator', 'gateway.ts'), 'utf8');

  test('in the code: signatures and security tokens go through timingSafeEqual on equal-length buffers, never === or !==', () => {
    expect(source).toMatch(/import \{[^}]*\btimingSafeEqual\b[^}]*\} from 'node:crypto';/);
    // The received signature must be exactly 64 hex characters to parse, so it decodes to 32 bytes, the
    // length of the HMAC-SHA256 it is compared with.
    expect(source).toContain('Signature=([0-9a-fA-F]{64})$/');
    expect(source).toMatch(/const expected = createHmac\('sha256', tenant\.sk\)/);
    expect(source).toContain("const received = Buffer.from(signature.toLowerCase(), 'hex');");
    expect(source).toContain('if (!timingSafeEqual(expected, received))');
    // Security tokens are compared as SHA-256 digests (equal lengths whatever the inputs); tokens are looked
    // up by digest.
    expect(source).toMatch(/timingSafeEqual\(secretDigest\(received\), secretDigest\(expected\)\)/);
    expect(source).toContain("!sameSecret(headerValue(request.headers, 'x-security-token'), tenant.securityToken)");
    expect(source).toContain("this.byToken.get(secretDigest(token).toString('hex'))");
    // No secret-bearing value is an operand of === or !== (a comparison with undefined is a presence check).
    const secret = /(?:^|\.)(signature|expected|received|securityToken|sk|token|tokens)$/;
    const offending = [...source.matchAll(/([\w.$[\]'"]+)\s*[!=]==\s*([\w.$[\]'"]+)/g)]
      .filter(([, left, right]) => left !== 'undefined' && right !== 'undefined')
      .filter(([, left, right]) => secret.test(left!) || secret.test(right!))
      .map(([comparison]) => comparison);
    expect(offending).toEqual([]);
    // The check itself finds what it looks for.
    expect([...'if (signature === tenant.token) x'.matchAll(/([\w.$[\]'"]+)\s*[!=]==\s*([\w.$[\]'"]+)/g)].filter(([, l, r]) => secret.test(l!) || secret.test(r!))).toHaveLength(1);
  });

  test('at run time: every signature and security-token check called timingSafeEqual with equal lengths', async () => {
    await start({ tenants: [TENANT, { ...OTHER_TENANT, securityToken: 'the-security-token' }] });
    comparisons.length = 0;
    expect((await current!.signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
    expect((await current!.signedDelete(`${MPC_PATH}?task_id=2`, { ak: TENANT.ak, sk: 'wrong' })).status).toBe(401);
    expect((await current!.signedDelete(`/v1/${OTHER_TENANT.projectId}/transcodings/task?task_id=1`, { ...OTHER_TENANT, securityToken: 'a-guess' })).status).toBe(401);
    expect((await current!.signedDelete(`/v1/${OTHER_TENANT.projectId}/transcodings/task?task_id=1`, { ...OTHER_TENANT, securityToken: 'the-security-token' })).status).toBe(204);
    // 2 signatures; the wrong token (refused before its signature is checked); the right token and its signature.
    expect(comparisons).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });
});

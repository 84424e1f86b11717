// Secrets that never leak: distinctive canary values for the AK, SK, security token and IAM token go through
// every error path of the client and of the CLI, against the emulator and against a "verbose gateway" that
// echoes every request header back (as JSON, escaped JSON, plain text, an HTML table, a canonical request, or
// cut off mid-value). None of the canaries may show in an error's message, stack, cause, String, JSON or
// util.inspect (showHidden, depth Infinity), in the views of the clients and auth objects, or in anything the
// CLI prints; and the client itself writes nothing at all (no console, stdout, stderr or process warning).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { akskAuth, createMpcClient, createVodClient, HuaweiCloudError, NetworkError, TimeoutError, tokenAuth, ValidationError } from '../../src/index.js';
import { closedPort } from '../client/scripted-server.js';
import { projectRoot } from '../helpers/project.js';
import { processWatch, settleTicks } from './support.js';

const AK = 'AKCANARY7F3E9D1B2C4A';
const SK = 'SK-canary-b7e1c4d2a9f8e3b6c5d4a1f0e9d8c7b6a5f4e3d2';
const STS = 'STS-canary-3c9a7e5b1d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c';
const TOKEN = 'TOKEN-canary-e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3';
const CANARIES = { AK, SK, STS, TOKEN };
const PROJECT = '0123456789abcdef0123456789abcdef';
const POLICY = { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 5_000 };
const HANG_POLICY = { ...POLICY, timeoutMs: 200 };

function expectNoCanary(text: string, where: string) {
  for (const [name, value] of Object.entries(CANARIES)) {
    expect(text, `${name} in ${where}`).not.toContain(value);
    // A part of one is a leak too: the first 16 characters are already distinctive.
    expect(text, `part of ${name} in ${where}`).not.toContain(value.slice(0, 16));
  }
  expect(text, `a signature in ${where}`).not.toMatch(/Signature=[0-9a-f]{64}/);
}

/** Everything a log, a bug report or a debugger could show of `value`. */
function everyView(value: unknown): string {
  const views: string[] = [String(value), safeJson(value), inspect(value), inspect(value, { depth: Infinity, showHidden: true, getters: true })];
  views.push(inspect(value, { depth: Infinity, showHidden: true, customInspect: false, getters: true }));
  if (typeof value === 'object' && value !== null) views.push(safeJson(Object.entries(value)), safeJson({ ...value }));
  let cause: unknown = value;
  for (let depth = 0; depth < 6 && cause instanceof Error; depth += 1) {
    views.push(cause.message, cause.stack ?? '', String(cause));
    cause = cause.cause;
  }
  return views.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    return String(error);
  }
}

// --- a gateway that quotes every request header back, in every format such pages come in ---------------

type EchoMode = 'canonical-401' | 'json-403' | 'escaped-429' | 'text-500' | 'text-502' | 'text-503' | 'text-504' | 'html-502' | 'cut-json-502' | 'hang' | 'hang-up';
const ECHO_MODES: EchoMode[] = ['canonical-401', 'json-403', 'escaped-429', 'text-500', 'text-502', 'text-503', 'text-504', 'html-502', 'cut-json-502', 'hang', 'hang-up'];

function echo(mode: EchoMode, req: IncomingMessage, res: ServerResponse) {
  const headers = req.headers;
  const lines = Object.entries(headers).map(([name, value]) => `${name}:${String(value)}`);
  const send = (status: number, body: string, type = 'application/json') => res.writeHead(status, { 'Content-Type': type, 'X-Request-Id': 'echo' }).end(body);
  switch (mode) {
    case 'canonical-401': {
      // What the real gateway answers to a signature it cannot match, without masking anything.
      const canonical = [req.method, req.url, ...lines.sort()].join('|');
      return send(401, JSON.stringify({ error_code: 'APIGW.0301', error_msg: `Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:${canonical}`, request_id: 'r' }));
    }
    case 'json-403':
      return send(403, JSON.stringify({ error_code: 'APIGW.0302', error_msg: 'Forbidden.', request: { method: req.method, url: req.url, headers } }));
    case 'escaped-429':
      return send(429, JSON.stringify({ error_code: 'APIGW.0308', error_msg: `throttled request ${JSON.stringify(headers)}`, request_id: 'r' }));
    case 'text-500':
    case 'text-502':
    case 'text-503':
    case 'text-504': {
      const titled = Object.entries(headers).map(([name, value]) => `${name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase())}: ${String(value)}`);
      return send(Number(mode.slice(5)), `upstream failed\nrequest headers:\n${titled.join('\n')}\n`, 'text/plain');
    }
    case 'html-502':
      return send(502, `<html><body><h1>502</h1><table>${lines.map((line) => `<tr><td>${line.replace(':', '</td><td>')}</td></tr>`).join('')}</table></body></html>`, 'text/html');
    case 'cut-json-502': {
      // A JSON echo cut off in the middle of the credential's value.
      const text = JSON.stringify({ error_code: 'APIGW.0201', request: { headers } });
      const secret = String(headers['x-security-token'] ?? headers['x-auth-token'] ?? '');
      return send(502, secret === '' ? text.slice(0, text.length / 2) : text.slice(0, text.indexOf(secret) + 20));
    }
    case 'hang':
      return undefined;
    case 'hang-up':
      return req.socket.destroy();
  }
}

let echoMode: EchoMode = 'json-403';
let echoUrl = '';
const echoServer = createServer((req, res) => {
  req.resume();
  req.on('end', () => echo(echoMode, req, res));
});

// --- the client, with everything it writes watched -------------------------------------------------------

const watch = processWatch();
const written: string[] = [];
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

/** Runs `call` with console.*, process.stdout and process.stderr watched; anything written is recorded. */
async function quietly<T>(call: () => Promise<T>): Promise<T> {
  const spies = [
    ...CONSOLE_METHODS.map((method) => vi.spyOn(console, method)),
    vi.spyOn(process.stdout, 'write'),
    vi.spyOn(process.stderr, 'write'),
  ];
  try {
    return await call();
  } finally {
    for (const spy of spies) {
      for (const args of spy.mock.calls) written.push(inspect(args));
      spy.mockRestore();
    }
  }
}

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  return quietly(async () => {
    try {
      await call();
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  });
}

const strategies = {
  'AK/SK with a security token': () => akskAuth({ ak: AK, sk: SK, securityToken: STS, projectId: PROJECT }),
  'an IAM token': () => tokenAuth(TOKEN),
  'a token provider': () => tokenAuth(async () => TOKEN),
};

let emulator: RunningEmulator | undefined;
async function startWith(options: EmulatorOptions) {
  await emulator?.close();
  emulator = await startEmulator({ rateLimitPerMinute: 100_000, mpcTasks: [{ projectId: PROJECT, taskId: 1, status: 'SUCCEEDED' }], ...options });
  return emulator.url;
}

beforeAll(async () => {
  watch.start();
  await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve));
  echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  watch.stop();
  echoServer.closeAllConnections();
  await new Promise<void>((resolve) => echoServer.close(() => resolve()));
  await emulator?.close();
});

describe('client error paths', () => {
  const cases = ECHO_MODES.flatMap((mode) => Object.keys(strategies).map((strategy) => [mode, strategy] as const));
  test.each(cases)('a gateway echoing the headers (%s), with %s', async (mode, strategy) => {
    echoMode = mode;
    const auth = strategies[strategy as keyof typeof strategies]();
    const policy = mode === 'hang' ? HANG_POLICY : POLICY;
    const mpc = createMpcClient({ endpoint: echoUrl, projectId: PROJECT, auth, ...policy });
    const vod = createVodClient({ endpoint: echoUrl, projectId: PROJECT, auth, ...policy });
    for (const call of [() => mpc.deleteTranscodingTaskRecord(1), () => vod.cancelAssetTranscodeTask('asset-1')]) {
      const error = await failure(call);
      const expected = mode === 'hang' ? TimeoutError : mode === 'hang-up' ? NetworkError : HuaweiCloudError;
      expect(error).toBeInstanceOf(expected);
      if (error instanceof HuaweiCloudError && mode !== 'cut-json-502') {
        // The echo was read (and redacted), not dropped: the check above is not vacuous.
        expect(error.bodySnippet + String(error.errorMsg)).toMatch(/\[REDACTED\]/);
      }
      expectNoCanary(everyView(error), `${mode} error`);
    }
    for (const value of [mpc, vod, mpc.raw, vod.raw, auth]) expectNoCanary(everyView(value), `${mode} objects`);
  });

  test('the emulator refuses the signature (SK mismatch, security token signed): 401 with its canonical request', async () => {
    const url = await startWith({ tenants: [{ ak: AK, sk: 'the-real-secret', projectId: PROJECT, securityToken: STS }] });
    const mpc = createMpcClient({ endpoint: url, projectId: PROJECT, auth: akskAuth({ ak: AK, sk: SK, securityToken: STS, projectId: PROJECT }), ...POLICY });
    const error = (await failure(() => mpc.deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toMatchObject({ status: 401, errorCode: 'APIGW.0301' });
    expect(error.errorMsg).toContain('canonicalRequest:DELETE|');
    expectNoCanary(everyView(error), 'signature mismatch');
  });

  test.each([
    ['a wrong security token', { ak: AK, sk: SK, projectId: PROJECT, securityToken: 'another-one' }, 'verify security token fail'],
    ['an unknown AK', { ak: 'SOMEONEELSE000000001', sk: SK, projectId: PROJECT }, 'ak not exist'],
    ['another project', { ak: AK, sk: SK, projectId: 'fedcba9876543210fedcba9876543210' }, 'Failed to verify the tenant ID'],
  ])('the emulator refuses %s', async (_, tenant, message) => {
    const url = await startWith({ tenants: [tenant] });
    const mpc = createMpcClient({ endpoint: url, projectId: PROJECT, auth: akskAuth({ ak: AK, sk: SK, securityToken: STS, projectId: PROJECT }), ...POLICY });
    const error = (await failure(() => mpc.deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.message).toContain(message);
    expectNoCanary(everyView(error), message);
  });

  test('an unknown token (401), and a token provider that fails when asked again after the 401', async () => {
    const url = await startWith({ tenants: [{ ak: 'TENANTAK000000000001', sk: 'x', projectId: PROJECT, tokens: ['the-real-token'] }] });
    const fixed = createVodClient({ endpoint: url, projectId: PROJECT, auth: tokenAuth(TOKEN), ...POLICY });
    const refused = await failure(() => fixed.cancelAssetTranscodeTask('asset-1'));
    expect(refused).toMatchObject({ status: 401, errorCode: 'APIGW.0301' });
    expectNoCanary(everyView(refused), 'unknown token');

    let asked = 0;
    const provider = tokenAuth(async () => {
      asked += 1;
      if (asked === 1) return TOKEN;
      throw new Error('IAM is unavailable');
    });
    const provided = createMpcClient({ endpoint: url, projectId: PROJECT, auth: provider, ...POLICY });
    const failed = await failure(() => provided.deleteTranscodingTaskRecord(1));
    expect(asked).toBe(2);
    expect((failed as Error).message).toBe('IAM is unavailable');
    expectNoCanary(everyView(failed), 'token provider failure');
    expectNoCanary(everyView(provider), 'token provider');
  });

  test('a token provider that fails at once, and one whose token breaks the header rules', async () => {
    const failing = createMpcClient({ endpoint: echoUrl, projectId: PROJECT, auth: tokenAuth(() => Promise.reject(new Error('no token today'))), ...POLICY });
    expectNoCanary(everyView(await failure(() => failing.deleteTranscodingTaskRecord(1))), 'provider rejection');
    const broken = createMpcClient({ endpoint: echoUrl, projectId: PROJECT, auth: tokenAuth(async () => `${TOKEN}\r\nX-Injected: 1`), ...POLICY });
    const error = await failure(() => broken.deleteTranscodingTaskRecord(1));
    expect(error).toBeInstanceOf(ValidationError);
    expectNoCanary(everyView(error), 'provider token with CR/LF');
  });

  test('a refused connection: NetworkError', async () => {
    const endpoint = await closedPort();
    for (const auth of Object.values(strategies)) {
      const mpc = createMpcClient({ endpoint, projectId: PROJECT, auth: auth(), ...POLICY });
      const error = await failure(() => mpc.deleteTranscodingTaskRecord(1));
      expect(error).toBeInstanceOf(NetworkError);
      expectNoCanary(everyView(error), 'refused connection');
    }
  });

  test('validation errors quoting nothing: credentials with CR/LF, an endpoint with user info', () => {
    const attempts: Array<() => unknown> = [
      () => akskAuth({ ak: `${AK}\n`, sk: SK }),
      () => akskAuth({ ak: AK, sk: `${SK}\r\n` }),
      () => akskAuth({ ak: AK, sk: SK, securityToken: `${STS}\nX: y` }),
      () => akskAuth({ ak: AK, sk: SK, projectId: `${TOKEN}\r` }),
      () => tokenAuth(`${TOKEN}\r\nX-Injected: 1`),
      () => createMpcClient({ endpoint: `https://${AK}:${SK}@proxy.example.com`, projectId: PROJECT }),
      () => createVodClient({ endpoint: `https://user:${TOKEN}@proxy.example.com`, projectId: PROJECT }),
      () => createMpcClient({ endpoint: echoUrl, projectId: `${STS}/..` }),
      () => createMpcClient({ endpoint: echoUrl, projectId: PROJECT, userAgent: `${TOKEN}\n` }),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expectNoCanary(everyView(caught), String(caught));
    }
  });

  test('the client wrote nothing anywhere during all of the above, and nothing went unhandled', async () => {
    await settleTicks();
    expect(written).toEqual([]);
    expect(watch.warnings).toEqual([]);
    expect(watch.unhandled).toEqual([]);
  });
});

// --- the CLI, built into a folder of its own and spawned -------------------------------------------------

const BUILD = path.join(projectRoot, 'test-results', 'reliability', 'build');
const CLI = path.join(BUILD, 'src', 'cli', 'main.js');
const CLI_ENV = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: STS, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };
const TOKEN_ENV = { HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: undefined, HUAWEICLOUD_SDK_SECURITY_TOKEN: undefined, HWCLOUD_MEDIA_TOKEN: TOKEN };

interface Run {
  code: number | null;
  output: string;
}

/** Runs the built CLI; `--rate` is raised so that two ids are not spaced 600 ms apart (the default 100/min). */
function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args, '--rate', '60000'], { env: { PATH: process.env['PATH'], ...CLI_ENV, ...env } as NodeJS.ProcessEnv });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end('');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe('the CLI', () => {
  beforeAll(() => {
    // Its own output folder: test/cli builds dist/ meanwhile, and the two must not write over each other.
    const build = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs'), '--out', BUILD], { cwd: projectRoot, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 120_000);

  test.each<[string, string[], Record<string, string | undefined>]>([
    ['the SK passed as a flag', ['--sk', SK], {}],
    ['the SK passed as --sk=', [`--sk=${SK}`], {}],
    ['a token passed as a flag', [`--token=${TOKEN}`], {}],
    ['an SK with a line break', [], { HUAWEICLOUD_SDK_SK: `${SK}\nX: y` }],
    ['an AK with a line break', [], { HUAWEICLOUD_SDK_AK: `${AK}\r\n` }],
    ['a security token with a line break', [], { HUAWEICLOUD_SDK_SECURITY_TOKEN: `${STS}\r\n` }],
    ['a token with a line break', [], { ...TOKEN_ENV, HWCLOUD_MEDIA_TOKEN: `${TOKEN}\n` }],
    ['a token and AK/SK together', [], { HWCLOUD_MEDIA_TOKEN: TOKEN }],
    ['an AK without an SK', [], { HUAWEICLOUD_SDK_SK: undefined }],
    ['an endpoint with credentials in it', ['--endpoint', `https://${AK}:${SK}@proxy.example.com`], {}],
    ['a project id that is a secret with a line break', ['--project-id', `${STS}\n`], {}],
  ])('usage error: %s (exit 2, nothing quoted)', async (_, extra, env) => {
    const endpoint = extra.includes('--endpoint') ? [] : ['--endpoint', 'http://127.0.0.1:9'];
    const run = await cli(['mpc', 'delete-task-record', '1', ...endpoint, ...extra], env);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toMatch(/^hwcloud-media: /);
    expectNoCanary(run.output, 'CLI output');
  });

  test.each(ECHO_MODES.filter((mode) => mode !== 'hang'))('a gateway echoing the headers (%s): text and --json, AK/SK and token', async (mode) => {
    echoMode = mode;
    for (const env of [{}, TOKEN_ENV]) {
      for (const json of [[], ['--json']]) {
        const run = await cli(['vod', 'cancel-transcode', 'asset-1', 'asset-2', '--endpoint', echoUrl, '--max-attempts', '2', ...json], env);
        expect(run.code, run.output).toBe(1);
        expect(run.output).toContain('failed: 2');
        expectNoCanary(run.output, `CLI output (${mode})`);
      }
    }
  });

  test('a request never answered: a timeout per id', async () => {
    echoMode = 'hang';
    const run = await cli(['mpc', 'delete-task-record', '1', '2', '--endpoint', echoUrl, '--timeout-ms', '200', '--max-attempts', '2', '--json']);
    expect(run.code).toBe(1);
    expect(run.output).toContain('timed out');
    expectNoCanary(run.output, 'CLI timeout output');
  });

  test('the emulator: a refused signature, a wrong security token, an unknown token, a refused connection', async () => {
    const runs: Run[] = [];
    let url = await startWith({ tenants: [{ ak: AK, sk: 'the-real-secret', projectId: PROJECT, securityToken: STS, tokens: ['the-real-token'] }] });
    runs.push(await cli(['mpc', 'delete-task-record', '1', '--endpoint', url]));
    runs.push(await cli(['mpc', 'delete-task-record', '1', '--endpoint', url, '--json']));
    runs.push(await cli(['mpc', 'delete-task-record', '1', '--endpoint', url, '--json'], TOKEN_ENV));
    url = await startWith({ tenants: [{ ak: AK, sk: SK, projectId: PROJECT, securityToken: 'another-one' }] });
    runs.push(await cli(['mpc', 'delete-task-record', '1', '--endpoint', url]));
    runs.push(await cli(['mpc', 'delete-task-record', '1', '--endpoint', await closedPort(), '--json']));
    for (const run of runs) {
      expect(run.code, run.output).toBe(1);
      expectNoCanary(run.output, 'CLI output against the emulator');
    }
    expect(runs.map((run) => run.output).join('\n')).toContain('APIGW.0301');

    // And the same credentials, when right, work: the canaries were live. (Last: it deletes task 1.)
    url = await startWith({ tenants: [{ ak: AK, sk: SK, projectId: PROJECT, securityToken: STS }] });
    const done = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url]);
    expect(done.code, done.output).toBe(0);
    expectNoCanary(done.output, 'CLI success output');
  });

  test('hwcloud-media emulator, seeded with the canaries, refusing a request and stopping: its output shows none', async () => {
    const seedFile = path.join(BUILD, '..', 'canary-seed.json');
    mkdirSync(path.dirname(seedFile), { recursive: true });
    writeFileSync(seedFile, JSON.stringify({ tenants: [{ ak: AK, sk: SK, projectId: PROJECT, securityToken: STS, tokens: [TOKEN] }] }));
    const child = spawn(process.execPath, [CLI, 'emulator', '--seed', seedFile], { env: { PATH: process.env['PATH'] } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), 15_000);
        child.stdout.on('data', () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const mpc = createMpcClient({ endpoint: url, projectId: PROJECT, auth: akskAuth({ ak: AK, sk: 'a-wrong-secret', securityToken: STS, projectId: PROJECT }), ...POLICY });
      const error = await failure(() => mpc.deleteTranscodingTaskRecord(1));
      expect(error).toMatchObject({ status: 401 });
      expectNoCanary(everyView(error), 'emulator command answer');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('emulator listening on');
    expectNoCanary(output, 'emulator command output');
  });
});

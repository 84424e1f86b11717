// The built CLI, spawned as users run it, against the emulator: single and bulk runs, ids from arguments,
// files and stdin, rate limiting, --json, exit codes, interruption with nothing lost, and no secret in output.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { projectRoot } from '../helpers/project.js';

const TENANT = { ak: 'CLITESTACCESSKEY0001', sk: 'SK-cli-canary-3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c', projectId: '0123456789abcdef0123456789abcdef' };
const CLI = path.join(projectRoot, 'dist', 'src', 'cli', 'main.js');
let scratch = '';
let emulator: RunningEmulator | undefined;

beforeAll(() => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, encoding: 'utf8' });
  expect(build.status, build.stdout + build.stderr).toBe(0);
  scratch = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-cli-'));
}, 120_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions = {}) {
  emulator = await startEmulator({
    tenants: [TENANT],
    mpcTasks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((taskId) => ({ projectId: TENANT.projectId, taskId, status: taskId === 9 ? 'TRANSCODING' : 'SUCCEEDED' })),
    vodAssets: [
      { projectId: TENANT.projectId, assetId: 'queued-a', transcodeStatus: 'WAITING_TRANSCODE' },
      { projectId: TENANT.projectId, assetId: 'queued-b', transcodeStatus: 'WAITING_TRANSCODE' },
      { projectId: TENANT.projectId, assetId: 'running', transcodeStatus: 'TRANSCODING' },
    ],
    rateLimitPerMinute: 10_000,
    ...options,
  });
  return emulator;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

function cli(args: string[], { stdin, env = {}, interruptAfterLines }: { stdin?: string; env?: Record<string, string | undefined>; interruptAfterLines?: number } = {}): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: {
      PATH: process.env['PATH'],
      HUAWEICLOUD_SDK_AK: TENANT.ak,
      HUAWEICLOUD_SDK_SK: TENANT.sk,
      HUAWEICLOUD_SDK_PROJECT_ID: TENANT.projectId,
      ...env,
    } as NodeJS.ProcessEnv,
  });
  let stdout = '';
  let stderr = '';
  let interrupted = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (interruptAfterLines !== undefined && !interrupted && stdout.split('\n').length - 1 >= interruptAfterLines) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, elapsedMs: performance.now() - started });
    }),
  );
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('single ids', () => {
  test('deletes one record: exit 0, one line naming the id and the request id', async () => {
    const { url } = await start();
    const run = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url]);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([expect.stringMatching(/^1\tdone\trequest-id=[0-9a-f]{32}$/)]);
    expect(run.stderr).toBe('1 ids: done: 1\n');
    expect(emulator!.state().applied.map((a) => a.id)).toEqual(['1']);
  });

  test('cancels one queued transcode', async () => {
    const { url } = await start();
    const run = await cli(['vod', 'cancel-transcode', 'queued-a', '--endpoint', url]);
    expect(run.code).toBe(0);
    expect(emulator!.state().vodAssets.find((a) => a.assetId === 'queued-a')?.transcodeStatus).toBe('UN_TRANSCODE');
  });

  test('works with a token instead of AK/SK', async () => {
    const { url } = await start({ tenants: [{ ...TENANT, tokens: ['cli-token'] }] });
    const run = await cli(['mpc', 'delete-task-record', '2', '--endpoint', url], { env: { HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: undefined, HWCLOUD_MEDIA_TOKEN: 'cli-token' } });
    expect(run.code).toBe(0);
  });
});

describe('bulk', () => {
  test('from a file: every id reported once, outcomes summarised, exit 1 when not all are done', async () => {
    const { url } = await start();
    const file = path.join(scratch, 'ids.txt');
    writeFileSync(file, '# finished tasks\n1\n2\n\n9\n404\n3\n2\n');
    const run = await cli(['mpc', 'delete-task-record', '--from-file', file, '--endpoint', url, '--json']);
    expect(run.code).toBe(1);
    const results = lines(run.stdout).map((line) => JSON.parse(line) as { id: string; outcome: string; errorCode?: string });
    expect(results.map((r) => [r.id, r.outcome]).sort()).toEqual([
      ['1', 'done'],
      ['2', 'done'],
      ['3', 'done'],
      ['404', 'not-found'],
      ['9', 'not-final'],
    ]);
    expect(results.find((r) => r.id === '9')?.errorCode).toBe('MPC.10213');
    expect(run.stderr).toBe('5 ids: done: 3, not in a final state: 1, not found: 1\n');
  });

  test('from standard input', async () => {
    const { url } = await start();
    const run = await cli(['vod', 'cancel-transcode', '--endpoint', url], { stdin: 'queued-a\nqueued-b\nrunning\nmissing\n' });
    expect(run.code).toBe(1);
    expect(lines(run.stdout).map((line) => line.split('\t').slice(0, 2).join(' ')).sort()).toEqual(['missing not-found', 'queued-a done', 'queued-b done', 'running not-queued']);
    expect(run.stderr).toBe('4 ids: done: 2, not queued: 1, not found: 1\n');
  });

  test('a bulk run of N ids at rate R takes at least the time the limit implies', async () => {
    const { url } = await start();
    const run = await cli(['mpc', 'delete-task-record', '1', '2', '3', '4', '5', '--endpoint', url, '--rate', '300', '--concurrency', '5']);
    expect(run.code).toBe(0);
    // 300 per minute is one start every 200 ms: the fifth cannot start before 800 ms.
    expect(run.elapsedMs).toBeGreaterThanOrEqual(800);
  });

  test('retries what the gateway throttles, within the client budget', async () => {
    const { url } = await start({ faults: { rules: [{ times: 2, action: { type: 'status', status: 429 } }] } });
    const run = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(lines(run.stdout)[0]!)).toMatchObject({ id: '1', outcome: 'done', attempts: 3 });
  });
});

describe('progress', () => {
  test('a bar is drawn on stderr when it is a terminal, and the summary replaces it', async () => {
    const { url } = await start();
    // script(1) gives the CLI a pseudo-terminal, as an operator's shell would (util-linux, always on Debian).
    const command = [process.execPath, CLI, 'mpc', 'delete-task-record', '1', '2', '9', '--endpoint', url, '--rate', '6000'].map((arg) => `'${arg}'`).join(' ');
    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { PATH: process.env['PATH'], HUAWEICLOUD_SDK_AK: TENANT.ak, HUAWEICLOUD_SDK_SK: TENANT.sk, HUAWEICLOUD_SDK_PROJECT_ID: TENANT.projectId },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => resolve({ code, output }));
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/\r\[#{24}\] 3\/3 done 2, other 1/);
    expect(run.output).toContain('\r\u001b[2K3 ids: done: 2, not in a final state: 1');
  });
});

describe('interruption', () => {
  test('Ctrl-C starts no new ids, finishes those in flight, and reports every id: nothing is lost', async () => {
    const { url } = await start({ faults: { rules: [{ action: { type: 'latency', ms: 250 } }] } });
    const ids = ['1', '2', '3', '4', '5', '6', '7', '8', '10'];
    const run = await cli(['mpc', 'delete-task-record', ...ids, '--endpoint', url, '--concurrency', '2', '--json'], { interruptAfterLines: 2 });
    expect(run.code).toBe(1);
    const results = lines(run.stdout).map((line) => JSON.parse(line) as { id: string; outcome: string });
    expect(results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const done = results.filter((r) => r.outcome === 'done').map((r) => r.id).sort();
    const notAttempted = results.filter((r) => r.outcome === 'not-attempted');
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(notAttempted.length).toBeGreaterThan(0);
    expect(done.length + notAttempted.length).toBe(ids.length);
    // What the CLI reports done is exactly what the server applied.
    expect(emulator!.state().applied.map((a) => a.id).sort()).toEqual(done);
    expect(run.stderr).toContain('interrupted: starting no new ids');
    expect(run.stderr).toMatch(/interrupted\. 9 ids: done: \d+, not attempted: \d+/);
  });
});

describe('usage errors: one line on stderr, exit 2, nothing sent', () => {
  test.each([
    ['an invalid task id', ['mpc', 'delete-task-record', '12x', '--endpoint', 'URL']],
    ['a task id beyond int32', ['mpc', 'delete-task-record', '2147483648', '--endpoint', 'URL']],
    ['an asset id with a space', ['vod', 'cancel-transcode', 'a b', '--endpoint', 'URL']],
    ['an unknown flag', ['mpc', 'delete-task-record', '1', '--sk', 'x', '--endpoint', 'URL']],
    ['a bad rate', ['mpc', 'delete-task-record', '1', '--rate', '0', '--endpoint', 'URL']],
    ['an unknown command', ['mpc', 'delete', '1']],
    ['region and endpoint together', ['mpc', 'delete-task-record', '1', '--region', 'cn-north-4', '--endpoint', 'URL']],
    ['an unknown region', ['mpc', 'delete-task-record', '1', '--region', 'mars-1']],
    ['a plain-http remote endpoint', ['mpc', 'delete-task-record', '1', '--endpoint', 'http://example.com']],
    ['a missing file', ['mpc', 'delete-task-record', '--from-file', '/nonexistent/ids.txt', '--endpoint', 'URL']],
  ])('%s', async (_, args) => {
    const { url } = await start();
    const run = await cli(args.map((arg) => (arg === 'URL' ? url : arg)));
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toHaveLength(1);
    expect(run.stderr).toMatch(/^hwcloud-media: /);
    expect(run.stdout).toBe('');
    expect(emulator!.state().requests.total).toBe(0);
  });

  test('no credentials', async () => {
    const { url } = await start();
    const run = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url], { env: { HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: undefined } });
    expect([run.code, run.stderr]).toEqual([2, 'hwcloud-media: no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (or HWCLOUD_MEDIA_TOKEN)\n']);
  });

  test('no project id', async () => {
    const { url } = await start();
    const run = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url], { env: { HUAWEICLOUD_SDK_PROJECT_ID: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--project-id');
  });
});

describe('help', () => {
  test.each([
    [['--help'], 'Usage:'],
    [['mpc', 'delete-task-record', '--help'], 'Examples:'],
    [['vod', 'cancel-transcode', '--help'], 'Examples:'],
    [['emulator', '--help'], 'Examples:'],
  ])('%j', async (args, text) => {
    const run = await cli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(text);
    expect(run.stdout).toContain('hwcloud-media');
  });
});

describe('secrets', () => {
  test('a rejected signature, a wrong token and a failing run show no credential', async () => {
    const { url } = await start({ tenants: [{ ...TENANT, sk: 'the-real-secret', securityToken: 'STS-canary-7d6c5b4a' }] });
    const signed = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url, '--json'], { env: { HUAWEICLOUD_SDK_SECURITY_TOKEN: 'STS-canary-7d6c5b4a' } });
    expect(signed.code).toBe(1);
    expect(signed.stdout).toContain('APIGW.0301');
    const token = await cli(['mpc', 'delete-task-record', '1', '--endpoint', url], { env: { HUAWEICLOUD_SDK_AK: undefined, HUAWEICLOUD_SDK_SK: undefined, HWCLOUD_MEDIA_TOKEN: 'TOKEN-canary-1a2b3c' } });
    expect(token.code).toBe(1);
    for (const run of [signed, token]) {
      for (const secret of [TENANT.sk, 'STS-canary-7d6c5b4a', 'TOKEN-canary-1a2b3c']) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    }
  });
});

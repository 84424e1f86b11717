// Hostile and unusual input gets a 4xx and never takes the emulator down; CORS for browser clients; the
// `npm run emulator` entry point.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { MPC_PATH, withEmulator } from '../helpers/emulator.js';
import { offlineEnv, projectRoot } from '../helpers/project.js';

let current: Awaited<ReturnType<typeof withEmulator>> | undefined;
afterEach(async () => {
  await current?.emulator.close();
  current = undefined;
});

function rawExchange(url: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(payload));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
  });
}

describe('hostile input', () => {
  test('an oversized body is 413 and the emulator keeps answering', async () => {
    current = await withEmulator({ maxBodyBytes: 1024 });
    const answer = await current.send('DELETE', `${MPC_PATH}?task_id=1`, {}, 'x'.repeat(4096));
    expect(answer.status).toBe(413);
    expect(answer.json?.error_code).toBe('APIGW.0201');
    expect((await current.signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
  });

  test('oversized headers are 431 and the emulator keeps answering', async () => {
    current = await withEmulator();
    const reply = await rawExchange(current.emulator.url, `DELETE ${MPC_PATH}?task_id=1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1\.1 431 /);
    expect((await current.signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
  });

  test('a malformed request line is 400 and the emulator keeps answering', async () => {
    current = await withEmulator();
    expect(await rawExchange(current.emulator.url, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect((await current.signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
  });

  test.each([
    'SDK-HMAC-SHA256',
    'SDK-HMAC-SHA256 Access=, SignedHeaders=, Signature=',
    `SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=${'z'.repeat(64)}`,
    `SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=${'a'.repeat(63)}`,
    `sdk-hmac-sha256 Access=A, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
    `SDK-HMAC-SHA256 Access=${'A'.repeat(10_000)}, SignedHeaders=${'h;'.repeat(2_000)}host, Signature=${'a'.repeat(64)}`,
  ])('malformed Authorization %# is a 401, not a crash', async (authorization) => {
    current = await withEmulator();
    const answer = await current.send('DELETE', `${MPC_PATH}?task_id=1`, { Authorization: authorization, 'X-Sdk-Date': '20240416T095341Z' });
    expect(answer.status).toBe(401);
    expect((await current.signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
  });

  test('path tricks never reach another route or project', async () => {
    current = await withEmulator();
    for (const target of [`/v1/../v1/${'0'.repeat(32)}/transcodings/task?task_id=1`, '/v1/%2e%2e/transcodings/task?task_id=1', `/v1//transcodings/task?task_id=1`]) {
      const answer = await current.signedDelete(target);
      expect([401, 403, 404], target).toContain(answer.status);
    }
    expect(current.emulator.state().applied).toEqual([]);
  });
});

describe('CORS', () => {
  test('off by default; when on, preflight allows the signing headers and answers expose X-Request-Id', async () => {
    current = await withEmulator();
    expect((await current.send('DELETE', `${MPC_PATH}?task_id=1`)).headers.get('access-control-allow-origin')).toBeNull();
    await current.emulator.close();
    current = await withEmulator({ cors: true });
    const preflight = await fetch(`${current.emulator.url}${MPC_PATH}?task_id=1`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization,x-sdk-date' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('X-Sdk-Date');
    const answer = await current.signedDelete(`${MPC_PATH}?task_id=1`);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-expose-headers')).toBe('X-Request-Id');
  });
});

describe('npm run emulator', () => {
  test('starts from the demo seed file, answers, and stops on SIGTERM', async () => {
    const child = spawn(path.join(projectRoot, 'node_modules', '.bin', 'tsx'), ['src/cli/main.ts', 'emulator', '--seed', 'scripts/demo-seed.json'], {
      cwd: projectRoot,
      env: offlineEnv,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no start line: ${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+) \(1 tenants, 5 MPC task records, 4 VOD assets\)/.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]!);
          }
        });
      });
      const answer = await fetch(`${url}/v1/0123456789abcdef0123456789abcdef/transcodings/task?task_id=100211`, { method: 'DELETE', headers: { 'X-Auth-Token': 'demo-iam-token' } });
      expect(answer.status).toBe(204);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});

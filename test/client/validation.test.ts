// Input that can never be right is refused before anything is sent: each error names the field and the
// rule, and neither the injected fetch nor a loopback server sees a request.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMpcClient, createVodClient, ValidationError } from '../../src/index.js';
import { captureFetch } from '../helpers/capture-fetch.js';
import { rejection, reply, startScriptedServer, type ScriptedServer } from './scripted-server.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

function expectValidationError(error: unknown, field: string, rule: string) {
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).field).toBe(field);
  expect((error as ValidationError).rule).toBe(rule);
  expect((error as ValidationError).message).toBe(`hwcloud-media: ${field} ${rule}`);
}

describe('projectId', () => {
  test.each([
    ['', 'must not be empty'],
    ['..', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['.', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['a/b', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['a%2Fb', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['%2e%2e', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['abc def', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['abc?x=1', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['abc\n', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['ä', 'must contain only the characters A-Z, a-z, 0-9, _ and -'],
    ['a'.repeat(65), 'must be at most 64 characters'],
    [undefined, 'must be a string'],
    [42, 'must be a string'],
  ])('%j: %s, at construction, for both clients', (projectId, rule) => {
    const { fetch, requests } = captureFetch();
    for (const create of [createMpcClient, createVodClient]) {
      let caught: unknown;
      try {
        create({ endpoint: server.url, projectId: projectId as string, fetch });
      } catch (error) {
        caught = error;
      }
      expectValidationError(caught, 'projectId', rule);
    }
    expect(requests).toHaveLength(0);
  });

  test.each(['a', 'A-Z_0-9', 'a'.repeat(64), PROJECT])('%j is accepted', (projectId) => {
    expect(createMpcClient({ endpoint: server.url, projectId }).projectId).toBe(projectId);
  });
});

describe('taskId', () => {
  test.each([
    [0, 'must be a positive 32-bit integer (1 to 2147483647)'],
    [-1, 'must be a positive 32-bit integer (1 to 2147483647)'],
    [2_147_483_648, 'must be a positive 32-bit integer (1 to 2147483647)'],
    [1.5, 'must be an integer'],
    [Number.NaN, 'must be an integer'],
    [Number.POSITIVE_INFINITY, 'must be an integer'],
    ['100211', 'must be a number'],
    [100211n, 'must be a number'],
    [undefined, 'must be a number'],
  ])('%s: %s; the server sees nothing', async (taskId, rule) => {
    server.script(reply(204));
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT });
    expectValidationError(await rejection(mpc.deleteTranscodingTaskRecord(taskId as number)), 'taskId', rule);
    expect(server.received).toHaveLength(0);
  });

  test.each([1, 100211, 2_147_483_647])('%s is sent', async (taskId) => {
    server.script(reply(204));
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT });
    await expect(mpc.deleteTranscodingTaskRecord(taskId)).resolves.toMatchObject({ outcome: 'applied' });
    expect(server.received[0]?.url).toBe(`/v1/${PROJECT}/transcodings/task?task_id=${taskId}`);
  });
});

describe('assetId', () => {
  test.each([
    ['', 'must not be empty'],
    ['a'.repeat(129), 'must be at most 128 characters'],
    ['😀'.repeat(129), 'must be at most 128 characters'],
    ['abc def', 'must not contain whitespace or control characters'],
    ['abc\tdef', 'must not contain whitespace or control characters'],
    ['abc\r\nX-Evil: 1', 'must not contain whitespace or control characters'],
    ['abc\u0000', 'must not contain whitespace or control characters'],
    ['abc\u007f', 'must not contain whitespace or control characters'],
    ['abc\u0085', 'must not contain whitespace or control characters'],
    ['abc\u00a0', 'must not contain whitespace or control characters'],
    ['abc\u2028', 'must not contain whitespace or control characters'],
    ['abc\ud800', 'must be well-formed Unicode (no lone surrogates)'],
    [42, 'must be a string'],
    [undefined, 'must be a string'],
  ])('%j: %s; the server sees nothing', async (assetId, rule) => {
    server.script(reply(204));
    const vod = createVodClient({ endpoint: server.url, projectId: PROJECT });
    expectValidationError(await rejection(vod.cancelAssetTranscodeTask(assetId as string)), 'assetId', rule);
    expect(server.received).toHaveLength(0);
  });

  test.each([
    ['f488337c31c8e4622f1590735b134c65'],
    ['a'.repeat(128)],
    ['😀'.repeat(128)],
    ["a+b/c?d&e=f*g'(一)~%2F.."],
  ])('%j is sent, encoded as one query value', async (assetId) => {
    server.script(reply(204));
    const vod = createVodClient({ endpoint: server.url, projectId: PROJECT });
    await expect(vod.cancelAssetTranscodeTask(assetId)).resolves.toMatchObject({ outcome: 'applied' });
    const url = new URL(server.received[0]!.url, server.url);
    expect(url.pathname).toBe(`/v1.0/${PROJECT}/asset/process`);
    expect(url.searchParams.get('asset_id')).toBe(assetId);
  });
});

describe('call options', () => {
  test('a signal that is not an AbortSignal is refused before sending', async () => {
    const { fetch, requests } = captureFetch();
    const mpc = createMpcClient({ endpoint: server.url, projectId: PROJECT, fetch });
    expectValidationError(await rejection(mpc.deleteTranscodingTaskRecord(1, { signal: {} as AbortSignal })), 'options.signal', 'must be an AbortSignal');
    expect(requests).toHaveLength(0);
  });
});

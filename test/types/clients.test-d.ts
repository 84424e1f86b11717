// Compile-time guarantees of createMpcClient / createVodClient: options, one auth strategy, the operation
// methods and their results. Type-checked only (vitest typecheck and `npm run typecheck`), never executed:
// each `@ts-expect-error` fails the build if the line below it ever starts to compile.
import { describe, expectTypeOf, test } from 'vitest';
import {
  akskAuth,
  createMpcClient,
  createVodClient,
  tokenAuth,
  type MpcClient,
  type MpcRegion,
  type OperationResult,
  type VodClient,
  type VodRegion,
} from '../../src/index.js';

const projectId = '0123456789abcdef0123456789abcdef';
const aksk = akskAuth({ ak: 'AK', sk: 'SK' });
const token = tokenAuth('token');
const mpc = createMpcClient({ region: 'cn-north-4', projectId, auth: aksk });
const vod = createVodClient({ endpoint: 'https://proxy.example.com', projectId, auth: token });

describe('options', () => {
  test('a region or an endpoint, with optional settings', () => {
    createMpcClient({ region: 'cn-north-1', projectId });
    createVodClient({ region: 'ap-southeast-2', projectId, timeoutMs: 10_000, retry: { maxAttempts: 5 }, userAgent: 'app/1' });
    createMpcClient({ endpoint: new URL('http://127.0.0.1:8080'), projectId, retry: false, userAgent: false, fetch: globalThis.fetch });
    // A region read from configuration is a plain string: accepted, checked at run time.
    const fromConfig: string = 'cn-north-4';
    createMpcClient({ region: fromConfig, projectId });
    expectTypeOf<'cn-north-1'>().toMatchTypeOf<MpcRegion>();
    expectTypeOf<'ap-southeast-1'>().toMatchTypeOf<VodRegion>();
    expectTypeOf<'ap-southeast-1'>().not.toMatchTypeOf<MpcRegion>();
  });

  test('region and endpoint together, or neither, do not compile', () => {
    // @ts-expect-error one of region or endpoint, not both
    createMpcClient({ region: 'cn-north-4', endpoint: 'https://proxy.example.com', projectId });
    // @ts-expect-error region or endpoint is required
    createVodClient({ projectId });
  });

  test('projectId is required', () => {
    // @ts-expect-error projectId is required
    createMpcClient({ region: 'cn-north-4' });
  });

  test('auth takes exactly one strategy', () => {
    createMpcClient({ region: 'cn-north-4', projectId, auth: token });
    // @ts-expect-error an array of strategies is not a strategy
    createMpcClient({ region: 'cn-north-4', projectId, auth: [aksk, token] });
    // @ts-expect-error an object holding both is not a strategy
    createVodClient({ region: 'cn-north-4', projectId, auth: { aksk, token } });
    // @ts-expect-error a hand-made object is not a strategy
    createVodClient({ region: 'cn-north-4', projectId, auth: { kind: 'aksk' } });
  });

  test('retry is an object or false', () => {
    // @ts-expect-error `true` is not a retry setting
    createMpcClient({ region: 'cn-north-4', projectId, retry: true });
    // @ts-expect-error maxAttempts is a number
    createMpcClient({ region: 'cn-north-4', projectId, retry: { maxAttempts: '3' } });
  });
});

describe('operation methods', () => {
  test('each client has its own operation and resolves an OperationResult', () => {
    expectTypeOf(mpc).toEqualTypeOf<MpcClient>();
    expectTypeOf(vod).toEqualTypeOf<VodClient>();
    expectTypeOf(mpc.deleteTranscodingTaskRecord(100211)).resolves.toEqualTypeOf<OperationResult>();
    expectTypeOf(vod.cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65', { signal: AbortSignal.timeout(1_000) })).resolves.toEqualTypeOf<OperationResult>();
    expectTypeOf<OperationResult['outcome']>().toEqualTypeOf<'applied' | 'applied-before-lost-response'>();
    expectTypeOf<OperationResult['requestId']>().toEqualTypeOf<string | undefined>();
  });

  test('taskId is a number, assetId a string', () => {
    // @ts-expect-error taskId is a number, not a string
    void mpc.deleteTranscodingTaskRecord('100211');
    // @ts-expect-error assetId is a string
    void vod.cancelAssetTranscodeTask(42);
    // @ts-expect-error taskId is required
    void mpc.deleteTranscodingTaskRecord();
  });

  test('a VOD method does not exist on the MPC client, nor the reverse', () => {
    // @ts-expect-error cancelAssetTranscodeTask is a VOD operation
    void mpc.cancelAssetTranscodeTask('a');
    // @ts-expect-error deleteTranscodingTaskRecord is an MPC operation
    void vod.deleteTranscodingTaskRecord(1);
  });

  test('signal is an AbortSignal', () => {
    // @ts-expect-error a controller is not a signal
    void mpc.deleteTranscodingTaskRecord(1, { signal: new AbortController() });
  });
});

describe('raw clients', () => {
  test('are typed for their own spec only', () => {
    void mpc.raw.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id: projectId }, query: { task_id: 1 } } });
    void vod.raw.DELETE('/v1.0/{project_id}/asset/process', { params: { path: { project_id: projectId }, query: { asset_id: 'a' } } });
    // @ts-expect-error the MPC spec has no VOD path
    void mpc.raw.DELETE('/v1.0/{project_id}/asset/process', { params: { path: { project_id: projectId }, query: { asset_id: 'a' } } });
  });

  test('endpoint and projectId are read-only', () => {
    // @ts-expect-error read-only
    mpc.endpoint = 'https://elsewhere.example.com';
    // @ts-expect-error read-only
    vod.projectId = 'other';
  });
});

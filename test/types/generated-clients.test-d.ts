// Compile-time guarantees of the generated `paths` types when used through openapi-fetch.
// These files are type-checked (vitest typecheck and `npm run typecheck`), never executed: each
// `@ts-expect-error` fails the build if the line below it ever starts to compile.
import createClient from 'openapi-fetch';
import { describe, expectTypeOf, test } from 'vitest';
import type { components as MpcComponents, operations as MpcOperations, paths as MpcPaths } from '../../generated/mpc.js';
import type { operations as VodOperations, paths as VodPaths } from '../../generated/vod.js';

type ServiceErrorBody = MpcComponents['schemas']['ServiceErrorBody'];
type GatewayErrorBody = MpcComponents['schemas']['GatewayErrorBody'];

const mpc = createClient<MpcPaths>({ baseUrl: 'https://mpc.cn-north-4.myhuaweicloud.com' });
const vod = createClient<VodPaths>({ baseUrl: 'https://vod.cn-north-4.myhuaweicloud.com' });
const project_id = '0123456789abcdef0123456789abcdef';

describe('MPC request parameters', () => {
  test('accepts a numeric task_id and a project_id', () => {
    void mpc.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id }, query: { task_id: 100211 } } });
  });

  test('rejects a string task_id', () => {
    // @ts-expect-error task_id is an integer, not a string
    void mpc.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id }, query: { task_id: '100211' } } });
  });

  test('rejects a missing task_id', () => {
    // @ts-expect-error task_id is required
    void mpc.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id }, query: {} } });
  });

  test('rejects a missing project_id', () => {
    // @ts-expect-error project_id is a required path parameter
    void mpc.DELETE('/v1/{project_id}/transcodings/task', { params: { path: {}, query: { task_id: 1 } } });
  });

  test('rejects the VOD path on the MPC client', () => {
    // @ts-expect-error the MPC spec has no VOD path
    void mpc.DELETE('/v1.0/{project_id}/asset/process', { params: { path: { project_id }, query: { asset_id: 'a' } } });
  });

  test('rejects methods the API does not have', () => {
    // @ts-expect-error only DELETE is described
    void mpc.GET('/v1/{project_id}/transcodings/task', { params: { path: { project_id }, query: { task_id: 1 } } });
  });
});

describe('VOD request parameters', () => {
  test('accepts a string asset_id', () => {
    void vod.DELETE('/v1.0/{project_id}/asset/process', {
      params: { path: { project_id }, query: { asset_id: 'f488337c31c8e4622f1590735b134c65' } },
    });
  });

  test('rejects a numeric asset_id', () => {
    // @ts-expect-error asset_id is a string
    void vod.DELETE('/v1.0/{project_id}/asset/process', { params: { path: { project_id }, query: { asset_id: 42 } } });
  });

  test('rejects a missing project_id', () => {
    // @ts-expect-error project_id is a required path parameter
    void vod.DELETE('/v1.0/{project_id}/asset/process', { params: { query: { asset_id: 'a' } } });
  });

  test('rejects the MPC path on the VOD client', () => {
    // @ts-expect-error the VOD spec has no MPC path
    void vod.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id }, query: { task_id: 1 } } });
  });
});

describe('response types', () => {
  test('a 204 types data as undefined', async () => {
    const { data } = await mpc.DELETE('/v1/{project_id}/transcodings/task', {
      params: { path: { project_id }, query: { task_id: 1 } },
    });
    expectTypeOf(data).toEqualTypeOf<undefined>();
    const cancel = await vod.DELETE('/v1.0/{project_id}/asset/process', {
      params: { path: { project_id }, query: { asset_id: 'a' } },
    });
    expectTypeOf(cancel.data).toEqualTypeOf<undefined>();
  });

  test('the 400 response is exactly the service error body', () => {
    type Mpc400 = MpcOperations['DeleteTranscodingTaskByConsole']['responses'][400]['content']['application/json'];
    type Vod400 = VodOperations['CancelAssetTranscodeTask']['responses'][400]['content']['application/json'];
    expectTypeOf<Mpc400>().toEqualTypeOf<{ error_code: string; error_msg: string }>();
    expectTypeOf<Vod400>().toEqualTypeOf<{ error_code: string; error_msg: string }>();
  });

  test('error is the union of the service and gateway bodies, each with error_code and error_msg', async () => {
    const { error } = await mpc.DELETE('/v1/{project_id}/transcodings/task', {
      params: { path: { project_id }, query: { task_id: 1 } },
    });
    expectTypeOf(error).toEqualTypeOf<ServiceErrorBody | GatewayErrorBody | undefined>();
    if (error) {
      expectTypeOf(error.error_code).toBeString();
      expectTypeOf(error.error_msg).toBeString();
    }
  });

  test('gateway errors carry request_id; the 429 body is the gateway body', () => {
    type Mpc429 = MpcOperations['DeleteTranscodingTaskByConsole']['responses'][429]['content']['application/json'];
    expectTypeOf<Mpc429>().toEqualTypeOf<{ error_code: string; error_msg: string; request_id: string }>();
  });

  test('every documented response carries X-Request-Id', () => {
    type Mpc204Headers = MpcOperations['DeleteTranscodingTaskByConsole']['responses'][204]['headers'];
    expectTypeOf<Mpc204Headers['X-Request-Id']>().toBeString();
  });
});

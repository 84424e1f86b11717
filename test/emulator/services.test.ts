// The two services: documented rules and error codes, state changes, tenant checks, races; every answer a
// documented response of the spec (checked in afterEach).
import { afterEach, describe, expect, test } from 'vitest';
import { MPC_PATH, OTHER_TENANT, TENANT, VOD_PATH, withEmulator } from '../helpers/emulator.js';

let current: Awaited<ReturnType<typeof withEmulator>> | undefined;
async function start(options: Parameters<typeof withEmulator>[0] = {}) {
  current = await withEmulator(options);
  return current;
}
afterEach(async () => {
  if (!current) return;
  expect(current.specProblems).toEqual([]);
  expect(current.checked()).toBeGreaterThan(0);
  await current.emulator.close();
  current = undefined;
});

describe('MPC DeleteTranscodingTaskByConsole', () => {
  test.each([
    [1, 'SUCCEEDED'],
    [2, 'FAILED'],
    [3, 'CANCELED'],
  ])('deletes a record in a final state (%i, %s), once', async (taskId) => {
    const { signedDelete, emulator } = await start();
    const first = await signedDelete(`${MPC_PATH}?task_id=${taskId}`);
    expect(first.status).toBe(204);
    expect(first.text).toBe('');
    expect(emulator.state().mpcTasks.some((t) => t.projectId === TENANT.projectId && t.taskId === taskId)).toBe(false);
    const again = await signedDelete(`${MPC_PATH}?task_id=${taskId}`);
    expect(again.status).toBe(403);
    expect(again.json).toEqual({ error_code: 'MPC.10211', error_msg: 'The task does not exist.' });
    expect(emulator.state().applied).toEqual([{ api: 'mpc', projectId: TENANT.projectId, id: String(taskId), requestId: first.headers.get('x-request-id') }]);
  });

  test.each([4, 5, 6])('refuses a record not in a final state (task %i) and keeps it', async (taskId) => {
    const { signedDelete, emulator } = await start();
    const answer = await signedDelete(`${MPC_PATH}?task_id=${taskId}`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error_code: 'MPC.10213', error_msg: 'Operation failed. The task is not in the final state.' });
    expect(emulator.state().mpcTasks.some((t) => t.taskId === taskId)).toBe(true);
  });

  test.each(['', 'task_id=', 'task_id=abc', 'task_id=1.5', 'task_id=0', 'task_id=-1', 'task_id=2147483648', 'task_id=1e3', 'task_id=0x10', 'task_id=1&task_id=2', 'other=1'])(
    'bad or missing task_id (%s) is 400 MPC.10202',
    async (query) => {
      const { signedDelete } = await start();
      const answer = await signedDelete(`${MPC_PATH}${query ? `?${query}` : ''}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error_code: 'MPC.10202', error_msg: 'Invalid request parameter.' });
    },
  );

  test('an unknown task is 403 MPC.10211', async () => {
    const { signedDelete } = await start();
    expect((await signedDelete(`${MPC_PATH}?task_id=999`)).json?.error_code).toBe('MPC.10211');
  });

  test("another tenant's project, or an X-Project-Id that differs, is 403 MPC.10208 and changes nothing", async () => {
    const { signedDelete, emulator } = await start();
    const foreign = await signedDelete(`/v1/${OTHER_TENANT.projectId}/transcodings/task?task_id=1`);
    expect(foreign.status).toBe(403);
    expect(foreign.json).toEqual({ error_code: 'MPC.10208', error_msg: 'Failed to verify the tenant ID.' });
    const header = await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, { 'X-Project-Id': OTHER_TENANT.projectId });
    expect(header.json?.error_code).toBe('MPC.10208');
    expect(emulator.state().applied).toEqual([]);
    expect((await signedDelete(`${MPC_PATH}?task_id=1`, TENANT, { 'X-Project-Id': TENANT.projectId })).status).toBe(204);
  });

  test('concurrent deletes of one record give exactly one 204', async () => {
    const { signedDelete, emulator } = await start();
    const answers = await Promise.all(Array.from({ length: 25 }, () => signedDelete(`${MPC_PATH}?task_id=1`)));
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(answers.filter((a) => a.json?.error_code === 'MPC.10211')).toHaveLength(24);
    expect(emulator.state().applied).toHaveLength(1);
  });
});

describe('VOD CancelAssetTranscodeTask', () => {
  test('cancels a queued task once; the asset leaves the queue', async () => {
    const { signedDelete, emulator } = await start();
    expect((await signedDelete(`${VOD_PATH}?asset_id=queued-1`)).status).toBe(204);
    expect(emulator.state().vodAssets.find((a) => a.assetId === 'queued-1')?.transcodeStatus).toBe('UN_TRANSCODE');
    const again = await signedDelete(`${VOD_PATH}?asset_id=queued-1`);
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error_code: 'VOD.10083', error_msg: 'The current media asset status does not support this operation.' });
    expect(emulator.state().vodAssets.find((a) => a.assetId === 'queued-2')?.transcodeStatus).toBe('WAITING_TRANSCODE');
  });

  test.each(['running', 'done', 'failed', 'untouched'])('refuses an asset that is not queued (%s) and keeps its state', async (assetId) => {
    const { signedDelete, emulator } = await start();
    const before = emulator.state().vodAssets.find((a) => a.assetId === assetId);
    const answer = await signedDelete(`${VOD_PATH}?asset_id=${assetId}`);
    expect(answer.json?.error_code).toBe('VOD.10083');
    expect(emulator.state().vodAssets.find((a) => a.assetId === assetId)).toEqual(before);
  });

  test.each(['', 'asset_id=', 'asset_id=a&asset_id=b', `asset_id=${'a'.repeat(129)}`, 'asset_id=has%20space', 'asset_id=%01'])(
    'missing or malformed asset_id (%s) is 400 VOD.10053 naming the field',
    async (query) => {
      const { signedDelete } = await start();
      const answer = await signedDelete(`${VOD_PATH}${query ? `?${query}` : ''}`);
      expect(answer.status).toBe(400);
      expect(answer.json).toEqual({ error_code: 'VOD.10053', error_msg: 'The request parameter is illegal, illegal field: asset_id.' });
    },
  );

  test('an unknown asset is 400 VOD.10062', async () => {
    const { signedDelete } = await start();
    const answer = await signedDelete(`${VOD_PATH}?asset_id=f488337c31c8e4622f1590735b134c65`);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error_code: 'VOD.10062', error_msg: 'Media asset or resource does not exist, please check.' });
  });

  test("another tenant's project is 403 VOD.10057", async () => {
    const { signedDelete } = await start();
    const answer = await signedDelete(`/v1.0/${OTHER_TENANT.projectId}/asset/process?asset_id=queued-1`);
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ error_code: 'VOD.10057', error_msg: 'Tenant ID verification failed.' });
  });

  test('concurrent cancels of one asset give exactly one 204', async () => {
    const { signedDelete, emulator } = await start();
    const answers = await Promise.all(Array.from({ length: 25 }, () => signedDelete(`${VOD_PATH}?asset_id=queued-2`)));
    expect(answers.filter((a) => a.status === 204)).toHaveLength(1);
    expect(emulator.state().applied.filter((a) => a.id === 'queued-2')).toHaveLength(1);
  });
});

describe('startEmulator', () => {
  test('listens on 127.0.0.1 on an ephemeral port by default, and close() stops it', async () => {
    const { emulator, signedDelete } = await start();
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await signedDelete(`${MPC_PATH}?task_id=1`)).status).toBe(204);
    expect(emulator.state().requests).toEqual({ total: 1, byOutcome: { 204: 1 } });
    expect(current?.specProblems).toEqual([]);
    await emulator.close();
    await expect(fetch(`${emulator.url}${MPC_PATH}?task_id=2`, { method: 'DELETE' })).rejects.toThrow();
    current = undefined;
  });

  test('seeds are copied: changing the input afterwards changes nothing', async () => {
    const tasks = [{ projectId: TENANT.projectId, taskId: 77, status: 'SUCCEEDED' as const }];
    const { emulator } = await start({ mpcTasks: tasks });
    tasks[0]!.status = 'SUCCEEDED';
    tasks.push({ projectId: TENANT.projectId, taskId: 78, status: 'SUCCEEDED' });
    expect(emulator.state().mpcTasks).toEqual([{ projectId: TENANT.projectId, taskId: 77, status: 'SUCCEEDED' }]);
    const snapshot = emulator.state();
    snapshot.mpcTasks.length = 0;
    expect(emulator.state().mpcTasks).toHaveLength(1);
    await current?.signedDelete(`${MPC_PATH}?task_id=77`);
  });
});

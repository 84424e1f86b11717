// The README's "Clients" example. Type-checked by `npm run typecheck` and run by readme.test.ts against a
// loopback server; the README must hold the region below verbatim, with the import from 'hwcloud-media'.
// #region readme
import { akskAuth, createMpcClient, createVodClient, HuaweiCloudError } from '../../src/index.js';

export async function tidyUp(env: Record<string, string | undefined>, taskId: number, assetId: string) {
  const projectId = env.HUAWEICLOUD_SDK_PROJECT_ID!;
  const auth = akskAuth({ ak: env.HUAWEICLOUD_SDK_AK!, sk: env.HUAWEICLOUD_SDK_SK!, projectId });
  // A region picks the public endpoint; an endpoint (a proxy, the local emulator) replaces it.
  const mpc = createMpcClient(env.MPC_ENDPOINT ? { endpoint: env.MPC_ENDPOINT, projectId, auth } : { region: 'cn-north-4', projectId, auth });
  const vod = createVodClient(env.VOD_ENDPOINT ? { endpoint: env.VOD_ENDPOINT, projectId, auth } : { region: 'ap-southeast-3', projectId, auth });

  // Checked before sending (a string taskId does not even compile), signed and retried per attempt.
  const deleted = await mpc.deleteTranscodingTaskRecord(taskId);
  try {
    const canceled = await vod.cancelAssetTranscodeTask(assetId, { signal: AbortSignal.timeout(60_000) });
    return { deleted: deleted.outcome, canceled: canceled.outcome };
  } catch (error) {
    // Every answer but 204 is a HuaweiCloudError: status, errorCode, errorMsg, requestId, retryable.
    if (error instanceof HuaweiCloudError && error.errorCode === 'VOD.10083') {
      return { deleted: deleted.outcome, canceled: 'no longer queued' };
    }
    throw error;
  }
}
// #endregion readme

// The two services behind the gateway, with the state they keep. Error codes: huawei-api-notes.md §c and the
// "Suggested emulator rules"; assumptions are marked ASSUMPTION.
import type { AppliedOperation, EmulatedApi, MpcTaskSeed, MpcTaskStatus, VodAssetSeed, VodTranscodeStatus } from './types.js';

export interface ServiceAnswer {
  status: number;
  body?: { error_code: string; error_msg: string };
}

const FINAL_MPC_STATES: ReadonlySet<MpcTaskStatus> = new Set(['CANCELED', 'SUCCEEDED', 'FAILED']);

export const SERVICE_ERRORS = {
  mpc: {
    invalidParameter: { status: 400, body: { error_code: 'MPC.10202', error_msg: 'Invalid request parameter.' } },
    tenantMismatch: { status: 403, body: { error_code: 'MPC.10208', error_msg: 'Failed to verify the tenant ID.' } },
    // ASSUMPTION: 403, by analogy with DeleteRemuxTask; the code for this API is unconfirmed.
    notFound: { status: 403, body: { error_code: 'MPC.10211', error_msg: 'The task does not exist.' } },
    notFinal: { status: 400, body: { error_code: 'MPC.10213', error_msg: 'Operation failed. The task is not in the final state.' } },
  },
  vod: {
    invalidParameter: (field: string) => ({
      status: 400,
      body: { error_code: 'VOD.10053', error_msg: `The request parameter is illegal, illegal field: ${field}.` },
    }),
    tenantMismatch: { status: 403, body: { error_code: 'VOD.10057', error_msg: 'Tenant ID verification failed.' } },
    // ASSUMPTION: 400 (the docs show VOD.10062 under both 400 and 403; this API documents only 400).
    notFound: { status: 400, body: { error_code: 'VOD.10062', error_msg: 'Media asset or resource does not exist, please check.' } },
    notQueued: { status: 400, body: { error_code: 'VOD.10083', error_msg: 'The current media asset status does not support this operation.' } },
  },
} as const;

export class MediaServices {
  private readonly mpcTasks = new Map<string, MpcTaskSeed>();
  private readonly vodAssets = new Map<string, VodAssetSeed>();
  readonly applied: AppliedOperation[] = [];

  constructor(mpcTasks: MpcTaskSeed[], vodAssets: VodAssetSeed[]) {
    for (const task of mpcTasks) this.mpcTasks.set(`${task.projectId}/${task.taskId}`, { ...task });
    for (const asset of vodAssets) this.vodAssets.set(`${asset.projectId}/${asset.assetId}`, { ...asset });
  }

  /**
   * Runs synchronously from lookup to removal, so that two deletes of one record racing each other get exactly
   * one 204: the event loop never interleaves them.
   */
  deleteTranscodingTaskRecord(projectId: string, taskId: number, requestId: string): ServiceAnswer {
    const key = `${projectId}/${taskId}`;
    const task = this.mpcTasks.get(key);
    if (!task) return SERVICE_ERRORS.mpc.notFound;
    if (!FINAL_MPC_STATES.has(task.status)) return SERVICE_ERRORS.mpc.notFinal;
    this.mpcTasks.delete(key);
    this.applied.push({ api: 'mpc', projectId, id: String(taskId), requestId });
    return { status: 204 };
  }

  cancelAssetTranscodeTask(projectId: string, assetId: string, requestId: string): ServiceAnswer {
    const asset = this.vodAssets.get(`${projectId}/${assetId}`);
    if (!asset) return SERVICE_ERRORS.vod.notFound;
    if (asset.transcodeStatus !== 'WAITING_TRANSCODE') return SERVICE_ERRORS.vod.notQueued;
    // ASSUMPTION: a canceled asset goes back to "not transcoded"; the docs do not say which state follows.
    asset.transcodeStatus = 'UN_TRANSCODE' satisfies VodTranscodeStatus;
    this.applied.push({ api: 'vod', projectId, id: assetId, requestId });
    return { status: 204 };
  }

  snapshot(): { mpcTasks: MpcTaskSeed[]; vodAssets: VodAssetSeed[]; applied: AppliedOperation[] } {
    return {
      mpcTasks: [...this.mpcTasks.values()].map((task) => ({ ...task })),
      vodAssets: [...this.vodAssets.values()].map((asset) => ({ ...asset })),
      applied: this.applied.map((entry) => ({ ...entry })),
    };
  }
}

export type { EmulatedApi };

import type { Client } from 'openapi-fetch';
import type { paths as MpcPaths } from '../../generated/mpc.js';
import type { CallOptions, OperationResult } from './operation.js';
import type { ClientOptions, Destination } from './options.js';
import { MPC_REGIONS, type MpcRegion } from './regions.js';
import { createServiceClient } from './service-client.js';
import { validateTaskId } from './validate.js';

export type MpcClientOptions = ClientOptions & Destination<MpcRegion>;

export interface MpcClient {
  /** The typed openapi-fetch client for the MPC spec: every path, no validation, timeout or retry. */
  readonly raw: Client<MpcPaths>;
  /** Base URL requests go to. */
  readonly endpoint: string;
  readonly projectId: string;
  /**
   * `DeleteTranscodingTaskByConsole`: deletes the record of a transcoding task in a final state (canceled,
   * succeeded or failed). Resolves on 204; throws HuaweiCloudError for any other answer (`MPC.10213`: the
   * task is not finished; `MPC.10211`: no such task), TimeoutError or NetworkError once retries run out,
   * and ValidationError, before sending, for a `taskId` that is not an integer from 1 to 2147483647.
   */
  deleteTranscodingTaskRecord(taskId: number, options?: CallOptions): Promise<OperationResult>;
}

const DELETE_RECORD = { operation: 'DeleteTranscodingTaskByConsole', alreadyGoneCode: 'MPC.10211' } as const;

/** A client for MPC (Media Processing Center). Throws ValidationError for unusable options. */
export function createMpcClient(options: MpcClientOptions): MpcClient {
  return createServiceClient<MpcPaths, number, 'deleteTranscodingTaskRecord'>(
    {
      service: 'MPC',
      label: 'MpcClient',
      regions: MPC_REGIONS,
      operation: DELETE_RECORD,
      validateId: validateTaskId,
      send: (raw, projectId, task_id, signal) =>
        raw.DELETE('/v1/{project_id}/transcodings/task', { params: { path: { project_id: projectId }, query: { task_id } }, signal, parseAs: 'text' }),
    },
    'deleteTranscodingTaskRecord',
    options,
  );
}

import type { Client } from 'openapi-fetch';
import type { paths as MpcPaths } from '../../generated/mpc.js';
import { withRedactedView } from '../auth/redact.js';
import { runOperation, type CallOptions, type OperationResult } from './operation.js';
import { resolveOptions, type ClientOptions, type Destination } from './options.js';
import { createRawClient } from './raw-client.js';
import { MPC_REGIONS, type MpcRegion } from './regions.js';
import { createTransport } from './transport.js';
import { validateSignal, validateTaskId } from './validate.js';

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
  const resolved = resolveOptions('MPC', MPC_REGIONS, options);
  const transport = createTransport(resolved.fetch);
  const raw = createRawClient<MpcPaths>(resolved, transport);
  const settings = { auth: resolved.auth, retry: resolved.retry, timeoutMs: resolved.timeoutMs, transport };
  const { projectId, baseUrl: endpoint } = resolved;

  const client: MpcClient = {
    raw,
    endpoint,
    projectId,
    async deleteTranscodingTaskRecord(taskId, callOptions) {
      const task_id = validateTaskId(taskId);
      const signal = validateSignal(callOptions?.signal);
      return runOperation(DELETE_RECORD, settings, (attemptSignal) =>
        raw.DELETE('/v1/{project_id}/transcodings/task', {
          params: { path: { project_id: projectId }, query: { task_id } },
          signal: attemptSignal,
          parseAs: 'text',
        }), signal);
    },
  };
  // The client holds the auth strategy (in its raw client's middleware): give it one safe face too.
  return withRedactedView(client, 'MpcClient', { endpoint, projectId, auth: resolved.auth?.kind ?? 'none' });
}

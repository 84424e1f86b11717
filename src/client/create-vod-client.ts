import type { Client } from 'openapi-fetch';
import type { paths as VodPaths } from '../../generated/vod.js';
import { withRedactedView } from '../auth/redact.js';
import { runOperation, type CallOptions, type OperationResult } from './operation.js';
import { resolveOptions, type ClientOptions, type Destination } from './options.js';
import { createRawClient } from './raw-client.js';
import { VOD_REGIONS, type VodRegion } from './regions.js';
import { createTransport } from './transport.js';
import { validateAssetId, validateSignal } from './validate.js';

export type VodClientOptions = ClientOptions & Destination<VodRegion>;

export interface VodClient {
  /** The typed openapi-fetch client for the VOD spec: every path, no validation, timeout or retry. */
  readonly raw: Client<VodPaths>;
  /** Base URL requests go to. */
  readonly endpoint: string;
  readonly projectId: string;
  /**
   * `CancelAssetTranscodeTask`: takes a media asset's transcoding task out of the queue. Resolves on 204;
   * throws HuaweiCloudError for any other answer (`VOD.10083`: not queued any more; `VOD.10062`: no such
   * asset), TimeoutError or NetworkError once retries run out, and ValidationError, before sending, for
   * an `assetId` that is empty, longer than 128 characters, or holds whitespace or control characters.
   */
  cancelAssetTranscodeTask(assetId: string, options?: CallOptions): Promise<OperationResult>;
}

const CANCEL_TRANSCODE = { operation: 'CancelAssetTranscodeTask', alreadyGoneCode: 'VOD.10062' } as const;

/** A client for VOD (Video on Demand). Throws ValidationError for unusable options. */
export function createVodClient(options: VodClientOptions): VodClient {
  const resolved = resolveOptions('VOD', VOD_REGIONS, options);
  const transport = createTransport(resolved.fetch);
  const raw = createRawClient<VodPaths>(resolved, transport);
  const settings = { auth: resolved.auth, retry: resolved.retry, timeoutMs: resolved.timeoutMs, transport };
  const { projectId, baseUrl: endpoint } = resolved;

  const client: VodClient = {
    raw,
    endpoint,
    projectId,
    async cancelAssetTranscodeTask(assetId, callOptions) {
      const asset_id = validateAssetId(assetId);
      const signal = validateSignal(callOptions?.signal);
      return runOperation(CANCEL_TRANSCODE, settings, (attemptSignal) =>
        raw.DELETE('/v1.0/{project_id}/asset/process', {
          params: { path: { project_id: projectId }, query: { asset_id } },
          signal: attemptSignal,
          parseAs: 'text',
        }), signal);
    },
  };
  // The client holds the auth strategy (in its raw client's middleware): give it one safe face too.
  return withRedactedView(client, 'VodClient', { endpoint, projectId, auth: resolved.auth?.kind ?? 'none' });
}

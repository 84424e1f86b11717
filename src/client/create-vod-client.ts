import type { Client } from 'openapi-fetch';
import type { paths as VodPaths } from '../../generated/vod.js';
import type { CallOptions, OperationResult } from './operation.js';
import type { ClientOptions, Destination } from './options.js';
import { VOD_REGIONS, type VodRegion } from './regions.js';
import { createServiceClient } from './service-client.js';
import { validateAssetId } from './validate.js';

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
  return createServiceClient<VodPaths, string, 'cancelAssetTranscodeTask'>(
    {
      service: 'VOD',
      label: 'VodClient',
      regions: VOD_REGIONS,
      operation: CANCEL_TRANSCODE,
      validateId: validateAssetId,
      send: (raw, projectId, asset_id, signal) =>
        raw.DELETE('/v1.0/{project_id}/asset/process', { params: { path: { project_id: projectId }, query: { asset_id } }, signal, parseAs: 'text' }),
    },
    'cancelAssetTranscodeTask',
    options,
  );
}

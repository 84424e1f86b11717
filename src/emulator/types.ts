/** An account the emulated gateway knows: its AK/SK pair, the project it is bound to, and any IAM tokens. */
export interface EmulatorTenant {
  ak: string;
  sk: string;
  projectId: string;
  /** Tokens accepted in X-Auth-Token for this tenant. */
  tokens?: string[];
  /** For temporary credentials: requests signed with this AK must carry this X-Security-Token. */
  securityToken?: string;
}

export type MpcTaskStatus = 'WAITING' | 'TRANSCODING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'NEED_TO_BE_AUDIT';
export type VodTranscodeStatus = 'UN_TRANSCODE' | 'WAITING_TRANSCODE' | 'TRANSCODING' | 'TRANSCODE_SUCCEED' | 'TRANSCODE_FAILED';

export interface MpcTaskSeed {
  projectId: string;
  taskId: number;
  status: MpcTaskStatus;
}

export interface VodAssetSeed {
  projectId: string;
  assetId: string;
  transcodeStatus: VodTranscodeStatus;
}

export type EmulatedApi = 'mpc' | 'vod';

/** What a fault does to a request it applies to. */
export type FaultAction =
  /** Waits, then lets the request go on (latency rules add up; other rules still apply). */
  | { type: 'latency'; ms: number | readonly [min: number, max: number] }
  /** Answers with this status instead of the service; the operation is not applied. Default body: the gateway's. */
  | { type: 'status'; status: number; retryAfter?: string; body?: string; contentType?: string }
  /**
   * Drops the connection. `before-headers`: nothing is applied or sent. `after-apply`: the operation is applied,
   * then the connection drops with nothing sent (a lost answer). `after-headers`: applied, and part of the
   * response head is sent before the drop.
   */
  | { type: 'reset'; when: 'before-headers' | 'after-apply' | 'after-headers' }
  /** The real answer, with its body cut short of its Content-Length (applies to answers that have a body). */
  | { type: 'truncate' }
  /** Never answers; the connection stays open until the client gives up or the emulator closes. */
  | { type: 'hang' };

export interface FaultRule {
  /** Which API's requests it applies to; default both. */
  route?: EmulatedApi | 'any';
  /** Requests (of that route) to let through before the rule starts; default 0. */
  skip?: number;
  /** How many requests it applies to at most; default no limit. `times: 2` of a 503 gives "503, 503, then real". */
  times?: number;
  /** Chance of applying to each eligible request, drawn from the seeded generator; default 1. */
  probability?: number;
  action: FaultAction;
}

export interface EmulatorFaults {
  /** Seed of the generator behind probabilities and latency ranges: the same seed, the same faults. */
  seed?: number;
  rules: FaultRule[];
}

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  tenants?: EmulatorTenant[];
  mpcTasks?: MpcTaskSeed[];
  vodAssets?: VodAssetSeed[];
  /** Per tenant and API; default 100, the documented limit. */
  rateLimitPerMinute?: number;
  /** Largest accepted distance between X-Sdk-Date and the emulator's clock; default 900 (15 minutes). */
  maxClockSkewSeconds?: number;
  /** Consecutive signature failures that lock an AK, and for how long; default 5 failures, 300 s. */
  lockout?: { failures: number; seconds: number };
  faults?: EmulatorFaults;
  /** Prefix of gateway error codes; both occur in real responses. Default `APIGW`. */
  errorCodePrefix?: 'APIG' | 'APIGW';
  /** Adds CORS headers and answers preflight requests, for browser clients. Default false. */
  cors?: boolean;
  /** The emulator's clock; default `Date.now`. Tests move it to check the skew window and lockout expiry. */
  now?: () => number;
  /** Largest accepted request body, bytes; default 12 MiB, the gateway's documented limit for AK/SK. */
  maxBodyBytes?: number;
  /**
   * Longest wait for a request's head (request line and headers), in milliseconds; default 10,000. A client
   * that sends them slowly (slowloris) gets a 408 and the connection is closed.
   */
  headersTimeoutMs?: number;
  /** Longest wait for a whole request, body included, in milliseconds; default 30,000, then a 408. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection is kept open, in milliseconds; default 5,000. */
  keepAliveTimeoutMs?: number;
}

export interface AppliedOperation {
  api: EmulatedApi;
  projectId: string;
  id: string;
  requestId: string;
}

export interface EmulatorState {
  mpcTasks: MpcTaskSeed[];
  vodAssets: VodAssetSeed[];
  /** Every delete or cancel the services applied, in order. */
  applied: AppliedOperation[];
  /** Requests received, and answers by status (`reset` and `hang` for connections dropped or left open). */
  requests: { total: number; byOutcome: Record<string, number> };
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:54321. */
  url: string;
  /** Stops listening and drops open connections (hung requests included). */
  close(): Promise<void>;
  /** A snapshot of the emulator's data and counters. */
  state(): EmulatorState;
}

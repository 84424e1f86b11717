// Shared set-up for tests that talk to the emulator: tenants, seeds, a signed `call`, and a check that every
// answer to a documented route is a documented response of the spec.
import { buildResponseValidator, loadBundledSpec, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { signRequest } from '../../src/auth/sign-request.js';

export const TENANT = { ak: 'EMULATORTESTAK000001', sk: 'emulator-test-secret-key-000000000000001', projectId: '0123456789abcdef0123456789abcdef', tokens: ['tenant-token'] };
export const OTHER_TENANT = { ak: 'EMULATORTESTAK000002', sk: 'emulator-test-secret-key-000000000000002', projectId: 'fedcba9876543210fedcba9876543210' };

export const MPC_PATH = `/v1/${TENANT.projectId}/transcodings/task`;
export const VOD_PATH = `/v1.0/${TENANT.projectId}/asset/process`;

const validators = { mpc: buildResponseValidator(loadBundledSpec('mpc')), vod: buildResponseValidator(loadBundledSpec('vod')) };

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: { error_code?: string; error_msg?: string; request_id?: string } | undefined;
}

export async function withEmulator(options: EmulatorOptions = {}) {
  const emulator: RunningEmulator = await startEmulator({
    tenants: [TENANT, OTHER_TENANT],
    mpcTasks: [
      { projectId: TENANT.projectId, taskId: 1, status: 'SUCCEEDED' },
      { projectId: TENANT.projectId, taskId: 2, status: 'FAILED' },
      { projectId: TENANT.projectId, taskId: 3, status: 'CANCELED' },
      { projectId: TENANT.projectId, taskId: 4, status: 'WAITING' },
      { projectId: TENANT.projectId, taskId: 5, status: 'TRANSCODING' },
      { projectId: TENANT.projectId, taskId: 6, status: 'NEED_TO_BE_AUDIT' },
      { projectId: OTHER_TENANT.projectId, taskId: 1, status: 'SUCCEEDED' },
    ],
    vodAssets: [
      { projectId: TENANT.projectId, assetId: 'queued-1', transcodeStatus: 'WAITING_TRANSCODE' },
      { projectId: TENANT.projectId, assetId: 'queued-2', transcodeStatus: 'WAITING_TRANSCODE' },
      { projectId: TENANT.projectId, assetId: 'running', transcodeStatus: 'TRANSCODING' },
      { projectId: TENANT.projectId, assetId: 'done', transcodeStatus: 'TRANSCODE_SUCCEED' },
      { projectId: TENANT.projectId, assetId: 'failed', transcodeStatus: 'TRANSCODE_FAILED' },
      { projectId: TENANT.projectId, assetId: 'untouched', transcodeStatus: 'UN_TRANSCODE' },
    ],
    rateLimitPerMinute: 1_000,
    ...options,
  });
  /** Problems found in answers to documented routes; tests assert it stays empty. */
  const specProblems: string[] = [];
  let checkedAnswers = 0;

  /** Sends a request as given (headers and all) and checks the answer against the spec. */
  async function send(method: string, pathAndQuery: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
    const response = await fetch(emulator.url + pathAndQuery, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let json: Answer['json'];
    try {
      json = text ? (JSON.parse(text) as Answer['json']) : undefined;
    } catch {
      json = undefined;
    }
    const api = pathAndQuery.startsWith('/v1.0/') ? 'vod' : pathAndQuery.startsWith('/v1/') ? 'mpc' : undefined;
    if (api && method === 'DELETE' && response.status !== 404) {
      checkedAnswers += 1;
      for (const problem of validators[api](response.status, response.headers, text)) specProblems.push(`${method} ${pathAndQuery} → ${response.status}: ${problem}`);
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** A DELETE signed with signRequest for `credentials` (default the main tenant). */
  function signedDelete(pathAndQuery: string, credentials: { ak: string; sk: string; securityToken?: string } = TENANT, extraHeaders: Record<string, string> = {}, date?: Date) {
    const headers = { ...extraHeaders, ...signRequest({ method: 'DELETE', url: emulator.url + pathAndQuery, headers: extraHeaders }, credentials, date ? { date } : {}) };
    return send('DELETE', pathAndQuery, headers as Record<string, string>);
  }

  return { emulator, send, signedDelete, specProblems, checked: () => checkedAnswers };
}

import { akskAuth, type AkskAuth } from '../auth/aksk-auth.js';
import { tokenAuth, type TokenAuth } from '../auth/token-auth.js';
import { UsageError } from './usage-error.js';

/** The environment variables the official SDKs read, plus one of ours for a token. */
export const ENV = {
  ak: 'HUAWEICLOUD_SDK_AK',
  sk: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
  token: 'HWCLOUD_MEDIA_TOKEN',
} as const;

/** One auth strategy from the environment; a usage error when there is none, or both kinds. */
export function authFromEnvironment(env: NodeJS.ProcessEnv, projectId: string): AkskAuth | TokenAuth {
  const ak = env[ENV.ak];
  const sk = env[ENV.sk];
  const token = env[ENV.token];
  const hasKeys = ak !== undefined && ak !== '' && sk !== undefined && sk !== '';
  if (token && hasKeys) throw new UsageError(`set either ${ENV.ak}/${ENV.sk} or ${ENV.token}, not both`);
  if (token) return tokenAuth(token);
  if (!hasKeys) {
    if (ak || sk) throw new UsageError(`${ENV.ak} and ${ENV.sk} must both be set`);
    throw new UsageError(`no credentials: set ${ENV.ak} and ${ENV.sk} (or ${ENV.token})`);
  }
  const securityToken = env[ENV.securityToken] || undefined;
  return akskAuth({ ak, sk, securityToken, projectId });
}

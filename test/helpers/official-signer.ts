// The official Node SDK's signer (@huaweicloud/huaweicloud-sdk-core, a devDependency), as an oracle.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: {
    sign(
      request: { method: string; endpoint: string; headers: Record<string, string>; queryParams?: Record<string, unknown>; data?: unknown },
      credential: { getAk(): string; getSk(): string },
    ): Record<string, string>;
  };
};

export interface OfficialSignInput {
  method: string;
  /** scheme://host[:port]/path, unencoded, as the SDK keeps it. */
  endpoint: string;
  headers: Record<string, string>;
  queryParams: Record<string, string | number>;
  ak: string;
  sk: string;
  /** The SDK takes the signing time from an X-Sdk-Date header when one is set. */
  sdkDate: string;
  securityToken?: string | undefined;
}

/** The Authorization header the official signer computes; it adds X-Security-Token before signing, as the SDK does. */
export function officialAuthorization(input: OfficialSignInput): string {
  const headers: Record<string, string> = { ...input.headers, 'X-Sdk-Date': input.sdkDate };
  if (input.securityToken !== undefined) headers['X-Security-Token'] = input.securityToken;
  const signed = AKSKSigner.sign(
    { method: input.method, endpoint: input.endpoint, headers, queryParams: input.queryParams },
    { getAk: () => input.ak, getSk: () => input.sk },
  );
  return signed['Authorization']!;
}

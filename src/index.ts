// Package entry. Portable: runs on Node >= 20.19, Deno, Bun, browsers and edge workers, so no `node:` imports.
export type { paths as MpcPaths, components as MpcComponents, operations as MpcOperations } from '../generated/mpc.js';
export type { paths as VodPaths, components as VodComponents, operations as VodOperations } from '../generated/vod.js';

export { signRequest, signRequestDetailed } from './auth/sign-request.js';
export type { AkskCredentials, SignOptions, SignatureDetails, SignatureHeaders, SigningRequest } from './auth/sign-request.js';
export type { HeaderInput } from './auth/normalize-headers.js';
export type { BodyInput } from './auth/payload-hash.js';
export { akskAuth } from './auth/aksk-auth.js';
export type { AkskAuth, AkskAuthOptions } from './auth/aksk-auth.js';
export { tokenAuth } from './auth/token-auth.js';
export type { TokenAuth, TokenProvider } from './auth/token-auth.js';
export { useAuth } from './auth/use-auth.js';
export type { AuthStrategy } from './auth/use-auth.js';
export { portableHash, defaultHash } from './auth/hash.js';
export type { HashImplementation } from './auth/hash.js';
export { formatSdkDate, parseSdkDate } from './auth/sdk-date.js';
export { ValidationError } from './errors/validation-error.js';

export { createMpcClient } from './client/create-mpc-client.js';
export type { MpcClient, MpcClientOptions } from './client/create-mpc-client.js';
export { createVodClient } from './client/create-vod-client.js';
export type { VodClient, VodClientOptions } from './client/create-vod-client.js';
export type { ClientOptions, Destination, RetryOptions } from './client/options.js';
export type { CallOptions, OperationOutcome, OperationResult } from './client/operation.js';
export type { FetchLike } from './client/transport.js';
export { MPC_REGIONS, VOD_REGIONS } from './client/regions.js';
export type { MpcRegion, VodRegion } from './client/regions.js';
export { HuaweiCloudError } from './errors/huawei-cloud-error.js';
export type { HuaweiCloudErrorDetails } from './errors/huawei-cloud-error.js';
export { NetworkError } from './errors/network-error.js';
export { TimeoutError } from './errors/timeout-error.js';

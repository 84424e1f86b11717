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

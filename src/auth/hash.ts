import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 and HMAC-SHA256 as lower-case hex, synchronous. Injectable through `signRequest`'s `hash` option. */
export interface HashImplementation {
  readonly name: string;
  sha256Hex(data: string | Uint8Array): string;
  hmacSha256Hex(key: string, data: string): string;
}

/**
 * Pure JavaScript (@noble/hashes: audited, ESM, no dependencies): works in every runtime, browsers included.
 */
export const portableHash: HashImplementation = {
  name: '@noble/hashes',
  sha256Hex: (data) => bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data)),
  hmacSha256Hex: (key, data) => bytesToHex(hmac(sha256, utf8ToBytes(key), utf8ToBytes(data))),
};

interface NodeCryptoSubset {
  createHash(algorithm: 'sha256'): { update(data: string | Uint8Array): { digest(encoding: 'hex'): string } };
  createHmac(algorithm: 'sha256', key: string): { update(data: string): { digest(encoding: 'hex'): string } };
}

/**
 * The runtime's native crypto, where the runtime offers `process.getBuiltinModule` (Node >= 20.16, Bun,
 * Deno 2, workers with Node compatibility). Looked up at run time rather than imported, so the entry has no
 * `node:` import and bundles for browsers unchanged; and looked up at the first signature rather than at
 * import, since loading node:crypto costs several milliseconds of cold start that an unused client never needs.
 */
function loadNativeCrypto(): NodeCryptoSubset | undefined {
  const runtime = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  try {
    const nodeCrypto = runtime.process?.getBuiltinModule?.('node:crypto') as NodeCryptoSubset | undefined;
    return typeof nodeCrypto?.createHash === 'function' && typeof nodeCrypto.createHmac === 'function' ? nodeCrypto : undefined;
  } catch {
    return undefined;
  }
}

const hasNativeCrypto = typeof (globalThis as { process?: { getBuiltinModule?: unknown } }).process?.getBuiltinModule === 'function';
let nativeCrypto: NodeCryptoSubset | null | undefined;
// undefined: not looked up yet; null: looked up and missing (a runtime with getBuiltinModule but no crypto).
const native = (): NodeCryptoSubset | null => (nativeCrypto ??= loadNativeCrypto() ?? null);

export const nativeHash: HashImplementation | undefined = hasNativeCrypto
  ? {
      name: 'node:crypto',
      sha256Hex: (data) => native()?.createHash('sha256').update(data).digest('hex') ?? portableHash.sha256Hex(data),
      hmacSha256Hex: (key, data) => native()?.createHmac('sha256', key).update(data).digest('hex') ?? portableHash.hmacSha256Hex(key, data),
    }
  : undefined;

/**
 * Chosen by measurement (bench/RESULTS.md; one SHA-256 of a canonical request plus one HMAC, Node 20, 2 vCPU):
 * node:crypto about 4.2 µs, @noble/hashes about 17 µs, WebCrypto about 200 µs (every call is an async
 * round trip through a thread pool). Native where the runtime has it, @noble/hashes everywhere else.
 */
export const defaultHash: HashImplementation = nativeHash ?? portableHash;

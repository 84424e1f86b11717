import { randomBytes } from 'node:crypto';

/** mulberry32: small, fast and seedable, which is all fault injection needs (never used for secrets). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32 lower-case hex characters, the gateway's X-Request-Id format. */
export function newRequestId(): string {
  return randomBytes(16).toString('hex');
}

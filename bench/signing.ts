// Signing time per request: our signRequest (native and portable hash) against the official Node signer,
// on the same MPC DELETE, in the same process, interleaved so that machine noise hits all three alike.
import { createRequire } from 'node:module';
// The built library, as users run it (tsx's transpiled source carries keep-names wrappers that skew timings).
import { portableHash, signRequest } from '../dist/src/index.js';
import { formatSpread, summarize, timeLoop, type Summary } from './lib/stats.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: object, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

const AK = 'QTWAOYTTINDUT2QVKYUC';
const SK = 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc';
const PROJECT = '0123456789abcdef0123456789abcdef';
const ENDPOINT = 'https://mpc.cn-north-4.myhuaweicloud.com';

export interface SigningResult {
  ours: Summary;
  oursPortable: Summary;
  official: Summary;
  iterations: number;
}

export function runSigningBench({ smoke = false } = {}): SigningResult {
  const iterations = smoke ? 200 : 10_000;
  const repeats = smoke ? 1 : 7;
  const url = `${ENDPOINT}/v1/${PROJECT}/transcodings/task?task_id=100211`;
  const headers = { 'X-Project-Id': PROJECT };
  const credentials = { ak: AK, sk: SK };
  const date = new Date();
  // The official SDK takes the time of day from its clock and formats it with moment; ours is handed the
  // same instant, so both do the same work (formatting the date included).
  const ours = () => signRequest({ method: 'DELETE', url, headers }, credentials, { date }).Authorization;
  const oursPortable = () => signRequest({ method: 'DELETE', url, headers }, credentials, { date, hash: portableHash }).Authorization;
  const official = () =>
    AKSKSigner.sign(
      { method: 'DELETE', endpoint: `${ENDPOINT}/v1/${PROJECT}/transcodings/task`, headers: { ...headers }, queryParams: { task_id: 100211 } },
      { getAk: () => AK, getSk: () => SK },
    )['Authorization'];

  const samples = { ours: [] as number[], oursPortable: [] as number[], official: [] as number[] };
  for (let round = 0; round < repeats; round += 1) {
    samples.official.push(...timeLoop(official, iterations, 1));
    samples.ours.push(...timeLoop(ours, iterations, 1));
    samples.oursPortable.push(...timeLoop(oursPortable, iterations, 1));
  }
  return { ours: summarize(samples.ours), oursPortable: summarize(samples.oursPortable), official: summarize(samples.official), iterations };
}

export function signingTable(result: SigningResult): string[][] {
  const ratio = (s: Summary) => `${(s.median / result.official.median).toFixed(2)}×`;
  return [
    ['signer', 'µs per signature, median (min–max)', 'vs official'],
    ['official Node SDK (AKSKSigner)', formatSpread(result.official), '1.00×'],
    ['hwcloud-media signRequest (node:crypto)', formatSpread(result.ours), ratio(result.ours)],
    ['hwcloud-media signRequest (@noble/hashes, browsers)', formatSpread(result.oursPortable), ratio(result.oursPortable)],
  ];
}

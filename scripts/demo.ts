// The end-to-end demo behind `npm start`: the emulator, seeded from scripts/demo-seed.json, and both clients
// signing with AK/SK. Exits non-zero when any answer differs from what the API documents.
import { readFileSync } from 'node:fs';
import { createMpcClient, createVodClient, HuaweiCloudError, akskAuth } from '../src/index.js';
import { startEmulator, type EmulatorOptions } from '../src/emulator/index.js';

const seed = JSON.parse(readFileSync(new URL('./demo-seed.json', import.meta.url), 'utf8')) as Required<Pick<EmulatorOptions, 'tenants' | 'mpcTasks' | 'vodAssets'>>;
const tenant = seed.tenants[0]!;
const emulator = await startEmulator(seed);

const auth = () => akskAuth({ ak: tenant.ak, sk: tenant.sk, projectId: tenant.projectId });
const mpc = createMpcClient({ endpoint: emulator.url, projectId: tenant.projectId, auth: auth() });
const vod = createVodClient({ endpoint: emulator.url, projectId: tenant.projectId, auth: auth() });

interface Step {
  title: string;
  expected: string;
  run: () => Promise<unknown>;
}
const steps: Step[] = [
  { title: 'MPC delete record of task 100211 (SUCCEEDED)', expected: '204', run: () => mpc.deleteTranscodingTaskRecord(100211) },
  { title: 'MPC delete record of task 100212 (FAILED)', expected: '204', run: () => mpc.deleteTranscodingTaskRecord(100212) },
  { title: 'MPC delete record of task 100214 (TRANSCODING)', expected: '400 MPC.10213', run: () => mpc.deleteTranscodingTaskRecord(100214) },
  { title: 'MPC delete record of task 100211 again', expected: '403 MPC.10211', run: () => mpc.deleteTranscodingTaskRecord(100211) },
  { title: 'VOD cancel transcode of f488337c… (WAITING_TRANSCODE)', expected: '204', run: () => vod.cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65') },
  { title: 'VOD cancel transcode of b4f39691… (TRANSCODING)', expected: '400 VOD.10083', run: () => vod.cancelAssetTranscodeTask('b4f39691d66cc0ef75d62ee567146e11') },
  { title: 'VOD cancel transcode of f488337c… again (no longer queued)', expected: '400 VOD.10083', run: () => vod.cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65') },
];

let failures = 0;
const rows: string[][] = [];
for (const step of steps) {
  let got: string;
  let requestId: string | undefined;
  try {
    const result = (await step.run()) as { requestId?: string };
    got = '204';
    requestId = result.requestId;
  } catch (error) {
    if (!(error instanceof HuaweiCloudError)) throw error;
    got = `${error.status} ${error.errorCode}`;
    requestId = error.requestId;
  }
  const ok = got === step.expected;
  if (!ok) failures += 1;
  rows.push([ok ? 'ok  ' : 'FAIL', step.title, `expected ${step.expected}`, `got ${got}`, requestId ? `request ${requestId.slice(0, 8)}…` : '']);
}

const state = emulator.state();
const checks: Array<[string, boolean]> = [
  ['records 100211 and 100212 are gone, 100213-100215 remain', JSON.stringify(state.mpcTasks.map((t) => t.taskId).sort()) === '[100213,100214,100215]'],
  ['asset f488337c… left the queue (UN_TRANSCODE)', state.vodAssets.find((a) => a.assetId.startsWith('f488337c'))?.transcodeStatus === 'UN_TRANSCODE'],
  ['asset 14d7b2fa… is still queued', state.vodAssets.find((a) => a.assetId.startsWith('14d7b2fa'))?.transcodeStatus === 'WAITING_TRANSCODE'],
  ['exactly three operations were applied', state.applied.length === 3],
];
await emulator.close();

const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
console.log(`\nEnd to end against the emulator at ${emulator.url} (AK/SK signed, SDK-HMAC-SHA256):`);
for (const row of rows) console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`);
console.log('\nEmulator state afterwards:');
for (const [label, ok] of checks) {
  if (!ok) failures += 1;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${label}`);
}
if (failures > 0) {
  console.error(`\n${failures} check(s) did not behave as documented.`);
  process.exit(1);
}
console.log('\nEverything behaved as documented.');

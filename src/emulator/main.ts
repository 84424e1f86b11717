// Runs the emulator from a shell: `npm run emulator -- [--seed FILE] [--port N] [--host H]`.
// The seed file is JSON with the options of startEmulator (tenants, mpcTasks, vodAssets, faults, ...).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './types.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('Usage: npm run emulator -- [--seed FILE] [--port N] [--host 127.0.0.1]');
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`emulator: --port must be an integer from 0 to 65535`);
  process.exit(2);
}
let seed: EmulatorOptions = {};
if (values.seed) {
  try {
    seed = JSON.parse(readFileSync(values.seed, 'utf8')) as EmulatorOptions;
  } catch (error) {
    console.error(`emulator: cannot read seed file ${values.seed}: ${(error as Error).message}`);
    process.exit(2);
  }
}

const emulator = await startEmulator({ ...seed, port, host: values.host });
const { mpcTasks, vodAssets } = emulator.state();
console.log(`emulator listening on ${emulator.url} (${seed.tenants?.length ?? 0} tenants, ${mpcTasks.length} MPC task records, ${vodAssets.length} VOD assets)`);
const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

// Runs the built emulator in its own process (so that the load generator does not share its core), seeded
// from a JSON file named on the command line; prints its URL on the first line of stdout.
import { readFileSync } from 'node:fs';
import { startEmulator, type EmulatorOptions } from '../dist/src/emulator/index.js';

const options = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as EmulatorOptions;
const emulator = await startEmulator(options);
console.log(emulator.url);
process.on('message', (message) => {
  if (message === 'state') process.send?.(emulator.state().requests);
});
process.once('SIGTERM', () => void emulator.close().then(() => process.exit(0)));

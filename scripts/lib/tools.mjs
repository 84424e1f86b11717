// Helpers shared by the scripts: run the project's own CLI tools offline and quietly.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// Redocly phones home for telemetry and update notices; both would fail (or leak) on an offline machine.
export const offlineEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

/** Runs a binary from node_modules/.bin and returns its result; throws with its output when it fails. */
export function runBin(name, args, { cwd = projectRoot, quiet = false } = {}) {
  const bin = path.join(projectRoot, 'node_modules', '.bin', name);
  const result = spawnSync(bin, args, { cwd, env: offlineEnv, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const output = `${result.stdout}\n${result.stderr}`.trim();
    throw new Error(`${name} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
  if (!quiet) process.stdout.write(result.stdout);
  return result;
}

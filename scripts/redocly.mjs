// `redocly` with telemetry and update checks off, so that lint and docs never reach for the network.
// Usage: node scripts/redocly.mjs <redocly arguments...>
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { offlineEnv, projectRoot } from './lib/tools.mjs';

const result = spawnSync(path.join(projectRoot, 'node_modules', '.bin', 'redocly'), process.argv.slice(2), {
  stdio: 'inherit',
  env: offlineEnv,
});
process.exit(result.status ?? 1);

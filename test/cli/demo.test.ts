// The demo behind `npm start` runs both operations end to end and checks them itself.
import { expect, test } from 'vitest';
import { runProjectBin } from '../helpers/project.js';

test('scripts/demo.ts: successes and documented refusals, then the emulator state, all as documented', () => {
  const run = runProjectBin('tsx', ['scripts/demo.ts']);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout.match(/^ {2}ok {4}/gm)).toHaveLength(11);
  expect(run.stdout).not.toMatch(/^ {2}FAIL/m);
  expect(run.stdout).toContain('expected 400 MPC.10213  got 400 MPC.10213');
  expect(run.stdout).toContain('expected 400 VOD.10083  got 400 VOD.10083');
  expect(run.stdout).toContain('Everything behaved as documented.');
  // The demo's own secret never reaches its output.
  expect(run.stdout + run.stderr).not.toContain('demo-secret-key-for-the-local-emulator-only');
}, 60_000);

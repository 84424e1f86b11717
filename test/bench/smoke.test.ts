// Benchmarks are measured by `npm run bench`, never here: this only checks that they still build and run.
import { describe, expect, test } from 'vitest';
import { runProjectBin, runScript } from '../helpers/project.js';

describe('benchmarks', () => {
  test('build, type-check and complete a smoke run that prints every section', () => {
    const build = runScript('build.mjs', []);
    expect(build.status, build.stdout + build.stderr).toBe(0);
    const typecheck = runProjectBin('tsc', ['-p', 'tsconfig.bench.json']);
    expect(typecheck.status, typecheck.stdout + typecheck.stderr).toBe(0);
    const run = runProjectBin('tsx', ['bench/run.ts', '--smoke']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('## 1. Signing time per request');
    expect(run.stdout).toMatch(/\| official Node SDK \(AKSKSigner\) \| \d+\.\d+ /);
    for (const heading of [
      '## 2. End-to-end calls against the emulator, with signature verification',
      '## 3. Cold start',
      '## 4. Emulator throughput with signature verification',
    ]) {
      expect(run.stdout).toContain(heading);
    }
    // Every client completed its calls with 204s, the official SDK's included.
    expect(run.stdout).toMatch(/\| official SDK VodClient \| 32 \| \d+ .*\| 0 \|/);
    expect(run.stdout).toMatch(/\| hwcloud-media createVodClient \| 32 \| \d+ .*\| 0 \|/);
    expect(run.stdout).not.toContain('wrote ');
  }, 120_000);
});

// Benchmarks are measured by `npm run bench`, never here: this only checks that they still build and run.
import { describe, expect, test } from 'vitest';
import { runProjectBin } from '../helpers/project.js';

describe('benchmarks', () => {
  test('build, type-check and complete a smoke run that prints every section', () => {
    const build = runProjectBin('tsc', ['-p', 'tsconfig.build.json']);
    expect(build.status, build.stdout + build.stderr).toBe(0);
    const typecheck = runProjectBin('tsc', ['-p', 'tsconfig.bench.json']);
    expect(typecheck.status, typecheck.stdout + typecheck.stderr).toBe(0);
    const run = runProjectBin('tsx', ['bench/run.ts', '--smoke']);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('## 1. Signing time per request');
    expect(run.stdout).toMatch(/\| official Node SDK \(AKSKSigner\) \| \d+\.\d+ /);
    expect(run.stdout).toContain('## 4. Emulator throughput with signature verification');
    expect(run.stdout).not.toContain('wrote ');
  }, 120_000);
});

// The package as users get it: built and packed into a scratch folder by scripts/pack.mjs (the project's own
// dist/ is left alone), and helpers to run npm and node there.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { offlineEnv, runScript } from './project.js';

export interface PackedFile {
  path: string;
  size: number;
}

export interface PackedPackage {
  /** Scratch folder holding everything below; removed by `cleanup`. */
  workDir: string;
  /** The staged package root: package.json, README.md, LICENSE and a fresh dist/. */
  stageDir: string;
  tarball: string;
  size: number;
  unpackedSize: number;
  /** What npm put in the tarball, as `npm pack --json` lists it. */
  files: PackedFile[];
  cleanup(): void;
}

export function packProject(): PackedPackage {
  const workDir = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-pack-'));
  const result = runScript('pack.mjs', ['--out', workDir]);
  if (result.status !== 0) throw new Error(`scripts/pack.mjs failed:\n${result.stdout}\n${result.stderr}`);
  const info = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Omit<PackedPackage, 'workDir' | 'cleanup'>;
  return { ...info, workDir, cleanup: () => rmSync(workDir, { recursive: true, force: true }) };
}

/** Runs a command in `cwd`; never throws, the caller asserts on the result. */
export function run(command: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: offlineEnv, encoding: 'utf8', timeout });
}

/** Output of a spawned process, for assertion messages. */
export const output = (result: SpawnSyncReturns<string>) =>
  `exit ${result.status}${result.error ? ` (${result.error.message})` : ''}\n${result.stdout}\n${result.stderr}`;

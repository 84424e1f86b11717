// Paths and process helpers for tests that drive the project's own scripts and tools.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const offlineEnv = {
  ...process.env,
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  NO_UPDATE_NOTIFIER: '1',
};

/** Runs a binary from the project's node_modules/.bin; never throws, the caller asserts on the result. */
export function runProjectBin(name: string, args: string[], cwd = projectRoot): SpawnSyncReturns<string> {
  return spawnSync(path.join(projectRoot, 'node_modules', '.bin', name), args, { cwd, env: offlineEnv, encoding: 'utf8' });
}

/** Runs one of the project's scripts/*.mjs with the current Node. */
export function runScript(script: string, args: string[], cwd = projectRoot): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(projectRoot, 'scripts', script), ...args], {
    cwd,
    env: offlineEnv,
    encoding: 'utf8',
  });
}

/** A scratch copy of the spec pipeline's inputs (specs, config, generated output), for tests that break them. */
export function copySpecWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-spec-'));
  for (const entry of ['openapi', 'generated', 'redocly.yaml']) {
    cpSync(path.join(projectRoot, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

export type OpenApiDocument = {
  servers: Array<{ url: string; variables?: Record<string, { enum?: string[]; default: string }> }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, Record<string, unknown>>;
};
export type OpenApiOperation = {
  operationId: string;
  parameters: Array<{ $ref?: string; name?: string; in?: string; required?: boolean; schema?: Record<string, unknown> }>;
  responses: Record<string, unknown>;
};

export function readYaml<T = unknown>(relativePath: string, root = projectRoot): T {
  return parse(readFileSync(path.join(root, relativePath), 'utf8')) as T;
}

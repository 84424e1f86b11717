// The spec pipeline guards itself: a stale generated/ and a broken example must each fail `npm test`.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { copySpecWorkspace, runProjectBin, runScript } from '../helpers/project.js';

const workspaces: string[] = [];
function scratch(): string {
  const dir = copySpecWorkspace();
  workspaces.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function generateCheck(root: string) {
  return runScript('generate.mjs', ['--check', '--root', root]);
}

function edit(file: string, from: string, to: string) {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, () => to));
}

describe('generation drift check', () => {
  test('passes on the committed specs and generated files', () => {
    const result = generateCheck(scratch());
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('fails when a spec changes without regenerating', () => {
    const root = scratch();
    edit(path.join(root, 'openapi', 'mpc.yaml'), 'summary: Delete a transcoding task record', 'summary: Delete a record');
    const result = generateCheck(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('generated/mpc.ts');
    expect(result.stderr).toContain('generated/mpc.openapi.json');
    expect(result.stderr).not.toContain('generated/vod');
  });

  test('fails when only the shared components change', () => {
    const root = scratch();
    edit(path.join(root, 'openapi', 'common.yaml'), 'Quote it when asking', 'Mention it when asking');
    const result = generateCheck(root);
    expect(result.status).toBe(1);
    for (const file of ['mpc.ts', 'mpc.openapi.json', 'vod.ts', 'vod.openapi.json']) {
      expect(result.stderr).toContain(`generated/${file}`);
    }
  });

  test('fails when a generated file is edited by hand', () => {
    const root = scratch();
    edit(path.join(root, 'generated', 'vod.ts'), 'asset_id: string;', 'asset_id: string | number;');
    const result = generateCheck(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('generated/vod.ts');
  });
});

describe('spec lint', () => {
  test('the committed specs lint clean', () => {
    const result = runProjectBin('redocly', ['lint'], scratch());
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  test('an example that contradicts its schema is an error', () => {
    const root = scratch();
    edit(path.join(root, 'openapi', 'mpc.yaml'), 'example: 100211', 'example: not-a-number');
    const result = runProjectBin('redocly', ['lint'], root);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('no-invalid-parameter-examples');
  });

  test('an operation without a description is an error', () => {
    const root = scratch();
    edit(path.join(root, 'openapi', 'vod.yaml'), '      description: |\n        Takes a media asset', '      x-was-description: |\n        Takes a media asset');
    const result = runProjectBin('redocly', ['lint'], root);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('operation-description');
  });
});

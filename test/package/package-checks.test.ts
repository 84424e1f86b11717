// What `npm pack` ships, and how publint and arethetypeswrong judge it. Everything runs on a tarball built
// from the current sources into a scratch folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { output, packProject, run, type PackedPackage } from '../helpers/package.js';
import { projectRoot, runScript } from '../helpers/project.js';

let packed: PackedPackage;
beforeAll(() => {
  packed = packProject();
}, 180_000);
afterAll(() => packed?.cleanup());

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  main: string;
  types: string;
  sideEffects: unknown;
  type: string;
  dependencies: Record<string, string>;
};
const packedPaths = () => packed.files.map((file) => file.path);
const shipped = (target: string) => packedPaths().includes(target.replace(/^\.\//, ''));

describe('tarball contents', () => {
  test('holds every file that exports, main, types and bin point at', () => {
    const targets = [
      manifest.main,
      manifest.types,
      ...Object.values(manifest.bin),
      ...Object.values(manifest.exports).flatMap((value) => (typeof value === 'string' ? [value] : Object.values(value))),
    ];
    expect(targets.length).toBeGreaterThanOrEqual(7);
    for (const target of targets) expect(shipped(target), target).toBe(true);
  });

  test('holds the bundled specs the emulator reads at run time, the README and the LICENSE', () => {
    for (const file of ['dist/generated/mpc.openapi.json', 'dist/generated/vod.openapi.json', 'README.md', 'LICENSE', 'package.json']) {
      expect(shipped(file), file).toBe(true);
    }
    expect(readFileSync(path.join(packed.stageDir, 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  test('holds nothing users do not need: no sources, tests, benchmarks, specs in YAML, scripts or declaration maps', () => {
    const unwanted = packedPaths().filter(
      (file) =>
        !/^(?:dist\/(?:src|generated)\/|README\.md$|LICENSE$|package\.json$)/.test(file) ||
        /\.d\.ts\.map$/.test(file) ||
        (/\.ts$/.test(file) && !/\.d\.ts$/.test(file)),
    );
    expect(unwanted).toEqual([]);
    expect(packedPaths().some((file) => file.startsWith('dist/src/auth/'))).toBe(true);
  });

  test('every source map carries its sources, since src/ is not shipped', () => {
    const maps = packedPaths().filter((file) => file.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(10);
    for (const file of maps) {
      const map = JSON.parse(readFileSync(path.join(packed.stageDir, file), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> };
      expect(map.sources.length, file).toBeGreaterThan(0);
      expect(map.sourcesContent?.length, file).toBe(map.sources.length);
      expect(map.sourcesContent?.every((content) => typeof content === 'string' && content.length > 0), file).toBe(true);
    }
  });

  test('the CLI starts with a shebang, so the installed bin runs on its own', () => {
    for (const target of Object.values(manifest.bin)) {
      expect(readFileSync(path.join(packed.stageDir, target), 'utf8').startsWith('#!/usr/bin/env node\n'), target).toBe(true);
    }
  });

  test('is ESM without side effects, for bundlers to tree-shake', () => {
    expect(manifest.type).toBe('module');
    expect(manifest.sideEffects).toBe(false);
  });
});

describe('publint', () => {
  test('finds no error, warning or suggestion in the tarball (strict)', async () => {
    const tarball = readFileSync(packed.tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(pkg['name']).toBe('hwcloud-media');
    expect(messages.map((message) => `${message.type} ${message.code}: ${formatMessage(message, pkg) ?? ''}`)).toEqual([]);
  }, 60_000);
});

describe('arethetypeswrong', () => {
  // The package is ESM only. The esm-only profile leaves out two resolution modes: node10 (TypeScript's
  // pre-exports `moduleResolution: node`, which cannot see the ./emulator subpath at all) and node16 from
  // CommonJS (where TypeScript types a require() of ESM as an error, although Node >= 20.19, this package's
  // minimum, runs it: the consumer test requires the package from CommonJS). Every other mode must be clean.
  test('finds no problem for ESM consumers: Node (node16/nodenext) and bundlers', () => {
    const result = run(path.join(projectRoot, 'node_modules', '.bin', 'attw'), [packed.tarball, '--profile', 'esm-only', '--format', 'json'], packed.workDir);
    expect(result.status, output(result)).toBe(0);
    const report = JSON.parse(result.stdout) as {
      analysis: { entrypoints: Record<string, unknown> };
      problems?: Record<string, Array<{ kind: string; entrypoint: string; resolutionKind?: string }>>;
    };
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './emulator', './package.json']);
    const problems = Object.values(report.problems ?? {}).flat();
    expect(problems.filter((problem) => problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs')).toEqual([]);
  }, 120_000);
});

describe('npm run build (scripts/build.mjs)', () => {
  test('removes what it did not write, so a deleted module is never packed, and leaves dist/docs alone', () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-build-'));
    try {
      for (const file of ['src/removed-module.js', 'src/gone/old.d.ts.map', 'docs/index.html']) {
        mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
        writeFileSync(path.join(outDir, file), 'left over');
      }
      const result = runScript('build.mjs', ['--out', outDir]);
      expect(result.status, output(result)).toBe(0);
      expect(existsSync(path.join(outDir, 'src', 'removed-module.js'))).toBe(false);
      expect(existsSync(path.join(outDir, 'src', 'gone'))).toBe(false);
      expect(existsSync(path.join(outDir, 'docs', 'index.html'))).toBe(true);
      for (const file of ['src/index.js', 'src/index.d.ts', 'src/index.js.map', 'src/emulator/index.js', 'generated/vod.openapi.json']) {
        expect(existsSync(path.join(outDir, file)), file).toBe(true);
      }
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});

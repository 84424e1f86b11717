// The client as a browser loads it: scripts/size-report.mjs bundles the packed build with its dependencies
// (esbuild, ESM, platform browser, minified) and gzips it. Sizes, not timings: deterministic for given sources.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { output, packProject, type PackedPackage } from '../helpers/package.js';
import { runScript } from '../helpers/project.js';

/**
 * Issue #7's goal for the whole client entry is 8 kB (8,000 bytes) minified and gzipped. It is missed: the entry
 * measured 13,650 bytes (openapi-fetch about 2.6 kB, @noble/hashes about 3.0 kB, our code about 8.6 kB; the
 * README's "Supported runtimes and size" says what would close the gap). This budget, just above what was
 * measured, keeps the entry from growing unnoticed until then.
 */
const CLIENT_GZIP_BUDGET_BYTES = 14_000;

interface Bundle {
  id: string;
  rawBytes: number;
  minifiedBytes: number;
  gzipBytes: number;
  nodeImports: string[];
  packages: string[];
}

let packed: PackedPackage;
let bundles: Bundle[] = [];
beforeAll(() => {
  packed = packProject();
  const result = runScript('size-report.mjs', ['--bundle-only', '--json', '--dist', path.join(packed.stageDir, 'dist')]);
  if (result.status !== 0) throw new Error(`size-report.mjs failed: ${output(result)}`);
  bundles = (JSON.parse(result.stdout) as { bundles: Bundle[] }).bundles;
}, 180_000);
afterAll(() => packed?.cleanup());

const bundle = (id: string) => {
  const found = bundles.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no bundle "${id}" in the size report`);
  return found;
};

describe('the client entry bundled for browsers', () => {
  test('is the real client: the signer and its portable hash are in it', () => {
    const entry = bundle('entry');
    expect(entry.packages).toContain('@noble/hashes');
    expect(entry.minifiedBytes).toBeGreaterThan(5_000);
    expect(entry.gzipBytes).toBeLessThan(entry.minifiedBytes);
  });

  test('imports no node: module, so it runs in browsers and edge workers', () => {
    for (const { id, nodeImports } of bundles) expect(nodeImports, id).toEqual([]);
  });

  test(`is under ${CLIENT_GZIP_BUDGET_BYTES} bytes minified and gzipped`, () => {
    const { gzipBytes, minifiedBytes } = bundle('entry');
    expect(gzipBytes, `${gzipBytes} B gzipped (${minifiedBytes} B minified); run \`npm run size\` for the breakdown`).toBeLessThan(
      CLIENT_GZIP_BUDGET_BYTES,
    );
  });

  test('tree-shakes: an app that only signs requests gets neither openapi-fetch nor the typed clients', () => {
    const signOnly = bundle('sign-request');
    expect(signOnly.packages).toEqual(['@noble/hashes']);
    expect(signOnly.gzipBytes).toBeLessThan(bundle('entry').gzipBytes * 0.6);
  });
});

// `npm run docs` renders self-contained pages: an index linking one page per service, each page showing its
// operation, parameters, headers and responses in the prerendered HTML, and loading nothing from the network.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runScript } from '../helpers/project.js';

let outDir = '';
let output = '';
beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-docs-'));
  const result = runScript('build-docs.mjs', ['--out', outDir]);
  output = result.stdout + result.stderr;
  expect(result.status, output).toBe(0);
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const page = (name: string) => readFileSync(path.join(outDir, name), 'utf8');
// What a page would fetch while rendering: script/img sources (markup or JSX props), stylesheets, CSS urls.
const networkLoads = /\bsrc\s*[=:]\s*[`"']?https?:|<link\b[^>]*\bhref\s*=\s*["']?https?:|url\(\s*["']?https?:|@import\s+["']?https?:/gi;

describe('index page', () => {
  test('links one page per service and names each operation', () => {
    const index = page('index.html');
    expect(index).toContain('href="./mpc.html"');
    expect(index).toContain('href="./vod.html"');
    expect(index).toContain('DeleteTranscodingTaskByConsole');
    expect(index).toContain('CancelAssetTranscodeTask');
    expect(index).toContain('DELETE /v1/{project_id}/transcodings/task');
    expect(index).toContain('DELETE /v1.0/{project_id}/asset/process');
  });

  test('the build says where the docs are', () => {
    expect(output).toContain(path.join(outDir, 'index.html'));
  });
});

describe.each([
  { file: 'mpc.html', query: 'task_id', headers: ['X-Auth-Token', 'X-Sdk-Date', 'X-Project-Id', 'X-Security-Token'], example: 'MPC.10213' },
  { file: 'vod.html', query: 'asset_id', headers: ['X-Auth-Token', 'X-Sdk-Date', 'X-Security-Token'], example: 'VOD.10083' },
])('$file', ({ file, query, headers, example }) => {
  test('is self-contained: nothing is loaded from the network to render it', () => {
    const html = page(file);
    expect(html.match(networkLoads)).toBeNull();
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html.length).toBeGreaterThan(500_000); // the Redoc bundle itself is inlined
  });

  test('embeds the operation with its parameters, headers, responses and examples', () => {
    const html = page(file);
    for (const text of ['project_id', query, ...headers, 'X-Request-Id', example, 'SDK-HMAC-SHA256']) {
      expect(html, text).toContain(text);
    }
  });
});

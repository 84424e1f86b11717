// The built client in a real browser: a page served from loopback imports dist/src/index.js (unbundled, with an
// import map for its dependencies, and bundled by esbuild as an application would), signs a DELETE with a fixed
// date, and calls the emulator across origins (CORS). The browser hashes with @noble/hashes, Node with
// node:crypto: the Authorization both compute must be the same, and the emulator must accept it.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defaultHash, signRequest } from '../../src/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { allowOnly, launchChromium } from '../helpers/browser.js';
import { projectRoot, runScript } from '../helpers/project.js';

const TENANT = { ak: 'BROWSERTESTAK0000001', sk: 'browser-test-secret-key-0001', projectId: '0123456789abcdef0123456789abcdef' };
// Fixed, and the emulator's clock is set to it, so the signature is the same on every run.
const SIGNING_DATE = new Date('2024-04-16T09:53:41Z');

// What the page may load from the test's server: the build, and the two packages the client imports.
const SERVED_PACKAGES = ['openapi-fetch', '@noble/hashes'];
const importMap = {
  imports: {
    'openapi-fetch': '/node_modules/openapi-fetch/dist/index.mjs',
    '@noble/hashes/': '/node_modules/@noble/hashes/',
  },
};

const pageScript = (moduleUrl: string) => `
import { signRequest, defaultHash } from ${JSON.stringify(moduleUrl)};
window.signAndCall = async ({ url, ak, sk, date }) => {
  const headers = signRequest({ method: 'DELETE', url }, { ak, sk }, { date: new Date(date) });
  const response = await fetch(url, { method: 'DELETE', headers });
  return {
    authorization: headers.Authorization,
    sdkDate: headers['X-Sdk-Date'],
    status: response.status,
    body: await response.text(),
    hash: defaultHash.name,
  };
};
document.title = 'ready';
`;

const pages: Record<string, string> = {
  '/import-map.html': `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">${pageScript('/dist/src/index.js')}</script>`,
  '/bundle.html': `<!doctype html><meta charset="utf-8"><title>loading</title>
<script type="module">${pageScript('/bundle.js')}</script>`,
};

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

let buildDir = '';
let bundle = '';
let server: Server;
let serverUrl = '';
let emulator: RunningEmulator;
let browser: Browser;

/** Serves the pages, the bundle, the build and the two dependencies; 404 for anything else. */
function serve(): Promise<void> {
  server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (pages[pathname]) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pages[pathname]);
    if (pathname === '/bundle.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle);
    let file: string | undefined;
    if (pathname.startsWith('/dist/')) file = path.join(buildDir, pathname.slice('/dist/'.length));
    const served = SERVED_PACKAGES.find((name) => pathname.startsWith(`/node_modules/${name}/`));
    if (served) file = path.join(projectRoot, pathname);
    const root = served ? path.join(projectRoot, 'node_modules', served) : buildDir;
    // path.join has resolved any '..': refuse whatever ends up outside the folder it was meant for.
    if (!file || !file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  buildDir = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-browser-build-'));
  const build = runScript('build.mjs', ['--out', buildDir]);
  if (build.status !== 0) throw new Error(`build.mjs failed:\n${build.stdout}\n${build.stderr}`);
  const bundled = await esbuild.build({
    entryPoints: [path.join(buildDir, 'src', 'index.js')],
    nodePaths: [path.join(projectRoot, 'node_modules')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  bundle = bundled.outputFiles[0]!.text;
  await serve();
  emulator = await startEmulator({
    tenants: [TENANT],
    mpcTasks: [{ projectId: TENANT.projectId, taskId: 100211, status: 'SUCCEEDED' }],
    vodAssets: [{ projectId: TENANT.projectId, assetId: 'f488337c31c8e4622f1590735b134c65', transcodeStatus: 'WAITING_TRANSCODE' }],
    cors: true,
    now: () => SIGNING_DATE.getTime(),
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

interface PageOutcome {
  authorization: string;
  sdkDate: string;
  status: number;
  body: string;
  hash: string;
}

/** Opens `page` with only the test server and the emulator reachable, and runs one signed DELETE in it. */
async function signAndCallInBrowser(page: string, url: string, sk: string) {
  const context = await browser.newContext();
  const allowedOrigins = new Set([serverUrl, emulator.url]);
  const blocked = await allowOnly(context, (candidate) => allowedOrigins.has(candidate.origin));
  const errors: string[] = [];
  try {
    const tab = await context.newPage();
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tab.goto(serverUrl + page);
    await tab.waitForFunction(() => document.title === 'ready');
    const outcome = await tab.evaluate(
      (input) => (window as unknown as { signAndCall(input: unknown): Promise<PageOutcome> }).signAndCall(input),
      { url, ak: TENANT.ak, sk, date: SIGNING_DATE.toISOString() },
    );
    return { outcome, blocked, errors };
  } finally {
    await context.close();
  }
}

describe.each([
  {
    page: '/import-map.html',
    how: 'the built ESM files, unbundled',
    route: `/v1.0/${TENANT.projectId}/asset/process?asset_id=f488337c31c8e4622f1590735b134c65`,
    applied: () => emulator.state().vodAssets.find((asset) => asset.assetId === 'f488337c31c8e4622f1590735b134c65')?.transcodeStatus === 'UN_TRANSCODE',
  },
  {
    page: '/bundle.html',
    how: 'the build bundled by esbuild',
    route: `/v1/${TENANT.projectId}/transcodings/task?task_id=100211`,
    applied: () => !emulator.state().mpcTasks.some((task) => task.taskId === 100211),
  },
])('$how ($page)', ({ page, route, applied }) => {
  test('signs like Node, and the emulator applies the request (204)', async () => {
    const url = emulator.url + route;
    expect(applied()).toBe(false);
    const { outcome, blocked, errors } = await signAndCallInBrowser(page, url, TENANT.sk);
    const expected = signRequest({ method: 'DELETE', url }, TENANT, { date: SIGNING_DATE });

    expect(outcome.hash).toBe('@noble/hashes');
    expect(defaultHash.name).toBe('node:crypto');
    expect(outcome.sdkDate).toBe('20240416T095341Z');
    expect(outcome.authorization).toBe(expected.Authorization);
    expect(outcome.status, outcome.body).toBe(204);
    expect(applied()).toBe(true);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  test('a signature with the wrong secret key is refused (401), so the 204 above is earned', async () => {
    const { outcome, blocked } = await signAndCallInBrowser(page, emulator.url + route, 'not-the-secret-key');
    expect(outcome.status).toBe(401);
    expect(outcome.authorization).not.toBe(signRequest({ method: 'DELETE', url: emulator.url + route }, TENANT, { date: SIGNING_DATE }).Authorization);
    expect(blocked).toEqual([]);
  }, 60_000);
});

// The packed tarball installed into a fresh project, as a user installs it (dependencies from the registry),
// then used there the way users use it: imported from ESM and CommonJS, compiled against by TypeScript,
// the emulator called through the installed package, and the installed CLI run.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as source from '../../src/index.js';
import { output, packProject, run, type PackedPackage } from '../helpers/package.js';
import { projectRoot } from '../helpers/project.js';

let packed: PackedPackage;
let consumer = '';
beforeAll(() => {
  packed = packProject();
  consumer = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-consumer-'));
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // --prefer-offline: after `npm ci` the dependencies are in npm's cache; the registry is asked for the rest.
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', packed.tarball], consumer, 240_000);
  if (install.status !== 0) throw new Error(`npm install of the tarball failed: ${output(install)}`);
}, 420_000);
afterAll(() => {
  packed?.cleanup();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

/** Runs an ES module in the consumer project, so that `hwcloud-media` resolves to the installed copy. */
function node(file: string, code: string, timeout = 60_000) {
  writeFileSync(path.join(consumer, file), code);
  return run(process.execPath, [file], consumer, timeout);
}

const sourceExports = Object.keys(source).sort();

describe('importing the installed package', () => {
  test('from ESM: the entry exports what src/index.ts exports', () => {
    const result = node('esm.mjs', `import * as m from 'hwcloud-media'; console.log(JSON.stringify(Object.keys(m).sort()));`);
    expect(result.status, output(result)).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(sourceExports);
    expect(sourceExports).toEqual(expect.arrayContaining(['signRequest', 'akskAuth', 'tokenAuth', 'useAuth', 'ValidationError']));
  });

  test('from CommonJS: require() loads the ESM entry on Node >= 20.19', () => {
    const result = node('cjs.cjs', `const m = require('hwcloud-media'); console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'module.exports' && k !== '__esModule').sort()));`);
    expect(result.status, output(result)).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(sourceExports);
  });

  test('only the exported subpaths resolve', () => {
    const result = node(
      'deep.mjs',
      `const outcomes = {};
for (const id of ['hwcloud-media/emulator', 'hwcloud-media/package.json', 'hwcloud-media/dist/src/auth/hash.js']) {
  try { await import(id, id.endsWith('.json') ? { with: { type: 'json' } } : undefined); outcomes[id] = 'ok'; }
  catch (error) { outcomes[id] = error.code; }
}
console.log(JSON.stringify(outcomes));`,
    );
    expect(result.status, output(result)).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      'hwcloud-media/emulator': 'ok',
      'hwcloud-media/package.json': 'ok',
      'hwcloud-media/dist/src/auth/hash.js': 'ERR_PACKAGE_PATH_NOT_EXPORTED',
    });
  });
});

describe('the installed emulator and client together', () => {
  test('a request signed by the installed signRequest is applied; a wrong key and a bad parameter are refused', () => {
    const result = node(
      'emulator.mjs',
      `import { signRequest } from 'hwcloud-media';
import { startEmulator } from 'hwcloud-media/emulator';
const tenant = { ak: 'CONSUMERAK0000000001', sk: 'consumer-secret-key', projectId: '0123456789abcdef0123456789abcdef' };
const emulator = await startEmulator({
  tenants: [tenant],
  vodAssets: [{ projectId: tenant.projectId, assetId: 'f488337c31c8e4622f1590735b134c65', transcodeStatus: 'WAITING_TRANSCODE' }],
});
try {
  const call = async (query, credentials) => {
    const url = emulator.url + '/v1.0/' + tenant.projectId + '/asset/process' + query;
    const response = await fetch(url, { method: 'DELETE', headers: signRequest({ method: 'DELETE', url }, credentials) });
    return { status: response.status, body: await response.text() };
  };
  const wrongKey = await call('?asset_id=f488337c31c8e4622f1590735b134c65', { ak: tenant.ak, sk: 'not-the-secret' });
  const missingAsset = await call('', tenant);
  const canceled = await call('?asset_id=f488337c31c8e4622f1590735b134c65', tenant);
  console.log(JSON.stringify({ wrongKey, missingAsset, canceled, assets: emulator.state().vodAssets }));
} finally {
  await emulator.close();
}`,
    );
    expect(result.status, output(result)).toBe(0);
    const outcome = JSON.parse(result.stdout) as Record<string, { status: number; body: string }> & { assets: unknown };
    expect(outcome['wrongKey']).toMatchObject({ status: 401 });
    // The emulator validates parameters against the specs it loads from dist/generated: shipped and found.
    expect(outcome['missingAsset']!.status).toBe(400);
    expect(JSON.parse(outcome['missingAsset']!.body)).toMatchObject({ error_code: 'VOD.10053' });
    expect(outcome['canceled']).toEqual({ status: 204, body: '' });
    expect(outcome.assets).toEqual([{ projectId: '0123456789abcdef0123456789abcdef', assetId: 'f488337c31c8e4622f1590735b134c65', transcodeStatus: 'UN_TRANSCODE' }]);
  });
});

describe('TypeScript against the installed declarations', () => {
  const tsc = path.join(projectRoot, 'node_modules', '.bin', 'tsc');
  const compilerOptions = {
    target: 'ES2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    exactOptionalPropertyTypes: true,
  };

  test.each([
    { resolution: 'NodeNext', module: 'NodeNext' },
    { resolution: 'Bundler', module: 'ESNext' },
  ])('the portable entry compiles without Node types ($resolution resolution), and its types catch mistakes', ({ resolution, module }) => {
    const dir = path.join(consumer, `ts-portable-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...compilerOptions, module, moduleResolution: resolution, lib: ['ES2022', 'DOM'], types: [] }, files: ['app.ts'] }),
    );
    writeFileSync(
      path.join(dir, 'app.ts'),
      `import { signRequest, type MpcPaths, type SignatureHeaders } from 'hwcloud-media';
const headers: SignatureHeaders = signRequest({ method: 'DELETE', url: 'https://mpc.cn-north-4.myhuaweicloud.com/v1/p/transcodings/task?task_id=1' }, { ak: 'AK', sk: 'SK' });
type TaskId = MpcPaths['/v1/{project_id}/transcodings/task']['delete']['parameters']['query']['task_id'];
const taskId: TaskId = 100211;
// @ts-expect-error task_id is a number in the spec
const wrong: TaskId = '100211';
export { headers, taskId, wrong };
`,
    );
    const result = run(tsc, ['-p', dir], dir);
    expect(result.status, output(result)).toBe(0);
  }, 120_000);

  test('the emulator entry compiles for Node', () => {
    const dir = path.join(consumer, 'ts-emulator');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { ...compilerOptions, module: 'NodeNext', moduleResolution: 'NodeNext', types: ['node'], typeRoots: [path.join(projectRoot, 'node_modules', '@types')] },
        files: ['app.ts'],
      }),
    );
    writeFileSync(
      path.join(dir, 'app.ts'),
      `import { startEmulator, type RunningEmulator } from 'hwcloud-media/emulator';
export const started: Promise<RunningEmulator> = startEmulator({ tenants: [{ ak: 'AK', sk: 'SK', projectId: 'p1' }], cors: true });
`,
    );
    const result = run(tsc, ['-p', dir], dir);
    expect(result.status, output(result)).toBe(0);
  }, 120_000);
});

describe('the installed CLI', () => {
  test('`hwcloud-media --help` exits 0 with its usage', () => {
    const result = run(path.join(consumer, 'node_modules', '.bin', 'hwcloud-media'), ['--help'], consumer);
    expect(result.status, output(result)).toBe(0);
    expect(result.stdout).toContain('hwcloud-media');
    expect(result.stdout.toLowerCase()).toContain('usage');
  });
});

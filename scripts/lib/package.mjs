// Building, packing, installing and measuring the npm package, shared by scripts/pack.mjs,
// scripts/size-report.mjs and (through those scripts) the tests in test/package/ and test/browser/.
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { offlineEnv, projectRoot } from './tools.mjs';

function run(command, args, { cwd, timeout = 300_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env: offlineEnv, encoding: 'utf8', timeout });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.trim());
  }
  return result.stdout;
}

/**
 * Lays out the package in `stageDir` exactly as `npm pack` would see it from the project root (package.json,
 * README, LICENSE, a fresh build in dist/), without touching the project's own dist/, which `npm run bench`,
 * the docs and whoever is working in the checkout use at the same time.
 */
export function stagePackage(stageDir) {
  mkdirSync(stageDir, { recursive: true });
  for (const file of ['package.json', 'README.md', 'LICENSE']) cpSync(path.join(projectRoot, file), path.join(stageDir, file));
  run(process.execPath, [path.join(projectRoot, 'scripts', 'build.mjs'), '--out', path.join(stageDir, 'dist')]);
  return stageDir;
}

/** `npm pack` of a staged package: the tarball's path and npm's own listing of what it holds. */
export function packPackage(stageDir, destDir) {
  mkdirSync(destDir, { recursive: true });
  // The stage is already built, and prepack (npm run build) has no scripts/ or tsconfig to run with there.
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destDir], { cwd: stageDir }));
  return {
    tarball: path.join(destDir, info.filename),
    size: info.size,
    unpackedSize: info.unpackedSize,
    files: info.files.map(({ path: file, size }) => ({ path: file, size })),
  };
}

/**
 * A fresh ESM project in `dir` with `spec` (a tarball path, or name@version) installed from the registry, as a
 * user would install it.
 */
export function installIntoFreshProject(spec, dir, { omitDev = true, timeout = 240_000 } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  // --prefer-offline: the dependencies are usually in npm's cache already (npm ci put them there).
  const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'];
  if (omitDev) args.push('--omit=dev');
  run('npm', [...args, spec], { cwd: dir, timeout });
  return dir;
}

/**
 * Size of the regular files under `dir`, links not followed: `bytes` is their apparent size (what npm's
 * unpackedSize counts), `diskBytes` the blocks they take (what `du` shows; small files round up to a block).
 */
export function directorySize(dir) {
  let bytes = 0;
  let diskBytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = directorySize(full);
      bytes += inner.bytes;
      diskBytes += inner.diskBytes;
    } else if (entry.isFile()) {
      const stats = lstatSync(full);
      bytes += stats.size;
      diskBytes += stats.blocks * 512;
    }
  }
  return { bytes, diskBytes };
}

/** Every installed package under `nodeModules` (top level and scoped), with its size and runtime dependencies. */
export function installedPackages(nodeModules) {
  const packages = new Map();
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const names = entry.name.startsWith('@')
      ? readdirSync(path.join(nodeModules, entry.name)).map((child) => `${entry.name}/${child}`)
      : [entry.name];
    for (const name of names) {
      const dir = path.join(nodeModules, name);
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      packages.set(name, { name, version: manifest.version, ...directorySize(dir), dependencies: Object.keys(manifest.dependencies ?? {}) });
    }
  }
  return packages;
}

/** The named packages and everything they depend on, as installed. */
export function dependencyClosure(packages, roots) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name) || !packages.has(name)) return;
    seen.add(name);
    for (const dependency of packages.get(name).dependencies) visit(dependency);
  };
  roots.forEach(visit);
  return [...seen].map((name) => packages.get(name));
}

/** The package that an import path in a bundle's metafile comes from, or undefined for the project's own files. */
export function packageOfInput(inputPath) {
  const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(inputPath);
  return match?.[1];
}

/**
 * Bundles `contents` (ESM importing from `resolveDir`) for browsers the way an application's bundler would:
 * ESM, tree-shaken, with every dependency. `node:` modules are left external so that a stray one shows up in
 * the result instead of failing the build.
 */
export async function bundleForBrowser(contents, { resolveDir, nodePaths = [] }) {
  const esbuild = await import('esbuild');
  const options = {
    stdin: { contents, resolveDir, sourcefile: 'app.js' },
    nodePaths,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    treeShaking: true,
    external: ['node:*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  };
  const raw = await esbuild.build({ ...options, minify: false });
  const minified = await esbuild.build({ ...options, minify: true });
  const code = minified.outputFiles[0].contents;
  const [output] = Object.values(minified.metafile.outputs);
  return {
    rawBytes: raw.outputFiles[0].contents.byteLength,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    code: Buffer.from(code).toString('utf8'),
    nodeImports: output.imports.filter((entry) => entry.path.startsWith('node:')).map((entry) => entry.path),
    // Only what made it into the output: the metafile's top-level inputs also list modules tree-shaken away.
    packages: [
      ...new Set(
        Object.entries(output.inputs)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([file]) => packageOfInput(file))
          .filter(Boolean),
      ),
    ].sort(),
    esbuildVersion: esbuild.version,
  };
}

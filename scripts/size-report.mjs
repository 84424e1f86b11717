// `npm run size`: what the client costs a browser (bundled with its dependencies, minified, gzipped) and what
// the package costs a disk (a production install of the packed tarball), next to the official SDK's core.
//
// Usage: node scripts/size-report.mjs [--json] [--bundle-only] [--dist DIR] [--no-official]
//   --bundle-only  only the browser bundles (no pack, no install, no network)
//   --dist DIR     bundle an existing build (DIR/src/index.js) instead of building one into a scratch folder
//   --no-official  skip installing the official SDK core for comparison
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  bundleForBrowser,
  dependencyClosure,
  installedPackages,
  installIntoFreshProject,
  packPackage,
  stagePackage,
} from './lib/package.mjs';
import { projectRoot } from './lib/tools.mjs';

/** The goal for the whole client entry, bundled, minified and gzipped (SI kilobytes). */
const CLIENT_GZIP_BUDGET = 8_000;
/** The goal for the production install: under 1% of the official SDK's. */
const FOOTPRINT_BUDGET_RATIO = 0.01;

const flag = (name) => process.argv.includes(name);
const option = (name) => {
  const index = process.argv.indexOf(name);
  return index > -1 ? process.argv[index + 1] : undefined;
};

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
const officialSpec = `@huaweicloud/huaweicloud-sdk-core@${manifest.devDependencies['@huaweicloud/huaweicloud-sdk-core']}`;

// What an application would import. "entry" is the budgeted figure: nothing tree-shaken away.
const scenarios = [
  { id: 'entry', label: 'everything the entry exports', source: (entry) => `export * from ${JSON.stringify(entry)};` },
  {
    id: 'mpc-client',
    label: 'createMpcClient + akskAuth',
    source: (entry) => `export { createMpcClient, akskAuth } from ${JSON.stringify(entry)};`,
  },
  { id: 'sign-request', label: 'signRequest only', source: (entry) => `export { signRequest } from ${JSON.stringify(entry)};` },
];

const work = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-size-'));
try {
  const distOption = option('--dist');
  const stageDir = distOption ? undefined : stagePackage(path.join(work, 'package'));
  const distDir = distOption ? path.resolve(distOption) : path.join(stageDir, 'dist');
  const entry = path.join(distDir, 'src', 'index.js');

  const bundles = [];
  for (const scenario of scenarios) {
    // Dependencies resolve from the project's node_modules: the same pinned versions a user installs.
    const bundle = await bundleForBrowser(scenario.source(entry), { resolveDir: work, nodePaths: [path.join(projectRoot, 'node_modules')] });
    bundles.push({ id: scenario.id, label: scenario.label, ...bundle });
  }

  let install;
  if (!flag('--bundle-only')) {
    const packed = packPackage(stageDir ?? stagePackage(path.join(work, 'package')), work);
    const consumer = installIntoFreshProject(packed.tarball, path.join(work, 'consumer'));
    const packages = installedPackages(path.join(consumer, 'node_modules'));
    const ours = packages.get(manifest.name);
    // The client's share: this package plus what the portable entry's bundle actually contains, with their
    // own dependencies; not ajv and the rest, which only the emulator and the CLI load.
    const clientPackages = [ours, ...dependencyClosure(packages, bundles[0].packages)];
    let official;
    if (!flag('--no-official')) {
      const officialDir = installIntoFreshProject(officialSpec, path.join(work, 'official'));
      official = { spec: officialSpec, ...sizeOf([...installedPackages(path.join(officialDir, 'node_modules')).values()]) };
    }
    install = {
      tarballBytes: packed.size,
      unpackedBytes: packed.unpackedSize,
      composition: composition(packed.files),
      total: sizeOf([...packages.values()]),
      packages: [...packages.values()].sort((a, b) => b.bytes - a.bytes).map(({ name, version, bytes, diskBytes }) => ({ name, version, bytes, diskBytes })),
      client: { ...sizeOf(clientPackages), names: clientPackages.map((pkg) => pkg.name) },
      official,
    };
  }

  const report = {
    package: `${manifest.name}@${manifest.version}`,
    node: process.version,
    esbuild: bundles[0].esbuildVersion,
    budget: { clientGzipBytes: CLIENT_GZIP_BUDGET, footprintRatio: FOOTPRINT_BUDGET_RATIO },
    bundles: bundles.map(({ code: _code, esbuildVersion: _version, ...rest }) => rest),
    install,
  };
  if (flag('--json')) console.log(JSON.stringify(report));
  else print(report);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function sizeOf(packages) {
  return {
    packages: packages.length,
    bytes: packages.reduce((sum, pkg) => sum + pkg.bytes, 0),
    diskBytes: packages.reduce((sum, pkg) => sum + pkg.diskBytes, 0),
  };
}

/** Packed bytes by kind of file, to show where the package's own weight is. */
function composition(files) {
  const kinds = [
    ['JavaScript', (file) => file.endsWith('.js')],
    ['type declarations', (file) => file.endsWith('.d.ts')],
    ['source maps (with sources)', (file) => file.endsWith('.map')],
    ['bundled specs (emulator)', (file) => file.endsWith('.openapi.json')],
    ['README, LICENSE, package.json', () => true],
  ];
  const totals = Object.fromEntries(kinds.map(([kind]) => [kind, 0]));
  for (const { path: file, size } of files) totals[kinds.find(([, test]) => test(file))[0]] += size;
  return totals;
}

function print(report) {
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
  const table = (head, rows) =>
    [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

  console.log(`# Size of ${report.package} (Node ${report.node}, esbuild ${report.esbuild})\n`);
  console.log('## In a browser: bundled with its dependencies (ESM, platform browser, tree-shaken)\n');
  console.log(
    table(
      ['import', 'bundled', 'minified', 'min + gzip -9', 'dependencies in the bundle'],
      report.bundles.map((b) => [b.label, `${b.rawBytes} B`, `${b.minifiedBytes} B`, `**${b.gzipBytes} B**`, b.packages.join(', ') || 'none']),
    ),
  );
  const [entry] = report.bundles;
  const verdict = entry.gzipBytes < report.budget.clientGzipBytes ? 'met' : 'NOT met';
  console.log(`\nGoal: the whole entry under ${kb(report.budget.clientGzipBytes)} gzipped: ${verdict} (${kb(entry.gzipBytes)}).`);
  if (entry.nodeImports.length > 0) console.log(`PROBLEM: the browser bundle imports ${entry.nodeImports.join(', ')}`);

  const install = report.install;
  if (!install) return;
  console.log('\n## On disk: a production install of the packed tarball (`npm install <tgz> --omit=dev`)\n');
  console.log(`Tarball ${kb(install.tarballBytes)}, unpacked ${kb(install.unpackedBytes)}:\n`);
  console.log(table(['part of the package', 'bytes'], Object.entries(install.composition).map(([kind, bytes]) => [kind, kb(bytes)])));
  console.log('');
  console.log(table(['installed package', 'version', 'bytes', 'on disk'], install.packages.map((p) => [p.name, p.version, kb(p.bytes), kb(p.diskBytes)])));
  // Two measures: apparent bytes (npm's unpackedSize) and blocks on disk (du; the README's "23 MB" for the
  // official SDK is du's figure). Shares compare like with like.
  const rows = [
    ['everything (client, emulator and CLI dependencies)', install.total],
    [`the client alone (${install.client.names.join(', ')})`, install.client],
  ];
  if (install.official) rows.push([`official SDK core (${install.official.spec})`, install.official]);
  const share = (size, key) => (install.official ? ` (${((size[key] / install.official[key]) * 100).toFixed(1)}%)` : '');
  console.log('');
  console.log(
    table(
      ['production install', 'packages', 'bytes', 'on disk'],
      rows.map(([label, size]) => [label, String(size.packages), mb(size.bytes) + share(size, 'bytes'), mb(size.diskBytes) + share(size, 'diskBytes')]),
    ),
  );
  if (install.official) {
    const met = install.total.diskBytes < install.official.diskBytes * report.budget.footprintRatio;
    console.log(`\nGoal: under ${(report.budget.footprintRatio * 100).toFixed(0)}% of the official SDK core's install: ${met ? 'met' : 'NOT met'}.`);
  }
}

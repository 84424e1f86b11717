// Regenerates everything derived from the specs in openapi/ (the apis listed in redocly.yaml):
//   generated/<api>.ts            typed `paths` for openapi-fetch (openapi-typescript)
//   generated/<api>.openapi.json  the spec bundled into one dereferenced JSON file, which the emulator
//                                 validates requests and responses against at run time
// Usage: node scripts/generate.mjs [--check] [--root DIR]
//   --check  writes nothing; exits 1 and names the stale files when generated/ is out of step
//   --root   the project folder to work on (default: this checkout); tests point it at a scratch copy
//
// Both modes generate into a scratch folder and compare bytes. `openapi-typescript --check` is not used:
// with several apis in redocly.yaml it exits 0 as soon as the first up-to-date one finishes, so a stale
// second file passes (openapi-typescript 7.13, bin/cli.js checkStaleOutput).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot, runBin } from './lib/tools.mjs';

const check = process.argv.includes('--check');
const rootFlag = process.argv.indexOf('--root');
const root = rootFlag > -1 ? path.resolve(process.argv[rootFlag + 1]) : projectRoot;
const config = parse(readFileSync(path.join(root, 'redocly.yaml'), 'utf8'));
const apis = Object.keys(config.apis);

const scratch = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-generate-'));
const outputs = [];
try {
  cpSync(path.join(root, 'openapi'), path.join(scratch, 'openapi'), { recursive: true });
  cpSync(path.join(root, 'redocly.yaml'), path.join(scratch, 'redocly.yaml'));
  mkdirSync(path.join(scratch, 'generated'));

  runBin('openapi-typescript', [], { cwd: scratch, quiet: true });
  for (const api of apis) {
    outputs.push(path.normalize(config.apis[api]['x-openapi-ts'].output));
    const bundle = path.join('generated', `${api}.openapi.json`);
    runBin('redocly', ['bundle', api, '--dereferenced', '--ext', 'json', '--output', bundle], {
      cwd: scratch,
      quiet: true,
    });
    // redocly ends the file without a newline; editors add one, so settle it here.
    const bundlePath = path.join(scratch, bundle);
    writeFileSync(bundlePath, `${readFileSync(bundlePath, 'utf8').trimEnd()}\n`);
    outputs.push(bundle);
  }

  const stale = outputs.filter((file) => {
    const target = path.join(root, file);
    return !existsSync(target) || readFileSync(target, 'utf8') !== readFileSync(path.join(scratch, file), 'utf8');
  });

  if (check) {
    if (stale.length > 0) {
      console.error(
        `generated/ is out of step with openapi/: ${stale.join(', ')}\n` +
          'Run `npm run generate` and commit the result; never edit generated/ by hand.',
      );
      process.exitCode = 1;
    } else {
      console.log(`generated/ is up to date with openapi/ (${outputs.join(', ')})`);
    }
  } else {
    mkdirSync(path.join(root, 'generated'), { recursive: true });
    for (const file of stale) {
      cpSync(path.join(scratch, file), path.join(root, file));
      console.log(`wrote ${file}`);
    }
    if (stale.length === 0) console.log('generated/ was already up to date');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

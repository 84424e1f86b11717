// `npm run build`: compiles src/ and generated/ to DIR/src and DIR/generated (ESM, .d.ts, source maps) and copies
// the bundled specs the emulator reads at run time. Usage: node scripts/build.mjs [--out DIR]   (default dist)
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, runBin } from './lib/tools.mjs';

const outFlag = process.argv.indexOf('--out');
const outDir = path.resolve(outFlag > -1 ? process.argv[outFlag + 1] : path.join(projectRoot, 'dist'));

const emitted = new Set();
const tsc = runBin('tsc', ['-p', path.join(projectRoot, 'tsconfig.build.json'), '--outDir', outDir, '--listEmittedFiles'], { quiet: true });
for (const line of tsc.stdout.split('\n')) if (line.startsWith('TSFILE: ')) emitted.add(path.resolve(line.slice('TSFILE: '.length).trim()));
// Should tsc's output format ever change, clearing against an empty list would wipe the build.
if (emitted.size === 0) throw new Error('tsc listed no emitted file; not clearing stale files');

// tsc emits no JSON: the emulator finds its specs at ../../generated/<api>.openapi.json from dist/src/emulator/.
const target = path.join(outDir, 'generated');
mkdirSync(target, { recursive: true });
for (const file of readdirSync(path.join(projectRoot, 'generated')).filter((name) => name.endsWith('.openapi.json'))) {
  cpSync(path.join(projectRoot, 'generated', file), path.join(target, file));
  emitted.add(path.join(target, file));
}

// tsc never deletes: a module removed from src/ would live on in dist/ and be packed and published. Removing
// what this build did not write, after writing, never leaves a current file missing for a process (a test, a
// benchmark) using dist/ meanwhile. dist/docs (npm run docs) is not the build's and is left alone.
function removeStale(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeStale(full);
      if (readdirSync(full).length === 0) rmSync(full, { recursive: true, force: true });
    } else if (!emitted.has(full)) {
      rmSync(full, { force: true });
    }
  }
}
for (const part of ['src', 'generated']) removeStale(path.join(outDir, part));

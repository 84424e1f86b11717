// `npm start`: the spec pipeline end to end (lint, generated-code drift check, rendered docs).
// The end-to-end demo against the embedded emulator joins this once the emulator exists (issue #6).
import path from 'node:path';
import { projectRoot, runBin } from './lib/tools.mjs';
import { spawnSync } from 'node:child_process';

function step(title, run) {
  const started = performance.now();
  process.stdout.write(`• ${title} ... `);
  try {
    run();
  } catch (error) {
    console.log('FAILED');
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  console.log(`ok (${Math.round(performance.now() - started)} ms)`);
}

function runScript(script, args = []) {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', script), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

step('lint openapi/mpc.yaml and openapi/vod.yaml', () => runBin('redocly', ['lint'], { quiet: true }));
step('check generated/ against the specs', () => runScript('generate.mjs', ['--check']));
step('render the API reference', () => runScript('build-docs.mjs'));

console.log(`\nAPI reference: ${path.join(projectRoot, 'dist', 'docs', 'index.html')} (open it in a browser; works offline)`);

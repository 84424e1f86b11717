// `npm start`: regenerate and check the client, render the docs, then run both operations end to end against
// the embedded emulator with AK/SK signing. Exits non-zero as soon as a step fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { offlineEnv, projectRoot } from './lib/tools.mjs';

const started = performance.now();

function run(title, command, args, { show = false } = {}) {
  const stepStarted = performance.now();
  process.stdout.write(`• ${title} ... `);
  const result = spawnSync(command, args, { cwd: projectRoot, env: offlineEnv, encoding: 'utf8' });
  if (result.status !== 0) {
    console.log('FAILED');
    console.error(`${result.stdout}${result.stderr}`.trim());
    process.exit(1);
  }
  console.log(`ok (${Math.round(performance.now() - stepStarted)} ms)`);
  if (show) process.stdout.write(result.stdout);
}

const bin = (name) => path.join(projectRoot, 'node_modules', '.bin', name);
run('lint openapi/mpc.yaml and openapi/vod.yaml', bin('redocly'), ['lint']);
run('regenerate generated/ from the specs', process.execPath, ['scripts/generate.mjs']);
run('type-check the client against the generated types', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
run('render the API reference', process.execPath, ['scripts/build-docs.mjs']);
run('run the end-to-end demo', bin('tsx'), ['scripts/demo.ts'], { show: true });

console.log(`\nAPI reference: ${path.join(projectRoot, 'dist', 'docs', 'index.html')} (open it in a browser; works offline)`);
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

// `npm run bench`: runs every benchmark in one process, prints the tables, and writes bench/RESULTS.md.
// `--smoke` runs each with tiny counts and writes nothing: npm test uses it to check they still run.
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emulatorTable, runEmulatorThroughputBench } from './emulator-throughput.js';
import { runSigningBench, signingTable } from './signing.js';

const smoke = process.argv.includes('--smoke');

function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [`| ${head!.join(' | ')} |`, `| ${head!.map(() => '---').join(' | ')} |`, ...body.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

const sections: string[] = [];

const signing = runSigningBench({ smoke });
const signingRatio = signing.ours.median / signing.official.median;
sections.push(
  [
    '## 1. Signing time per request',
    '',
    `One MPC DELETE signed ${signing.iterations.toLocaleString('en-US')} times per run; ${signing.ours.runs} runs per signer, interleaved.`,
    '',
    markdownTable(signingTable(signing)),
    '',
    `Goal: at most 0.5× the official signer. Measured: ${signingRatio.toFixed(2)}× (${signingRatio <= 0.5 ? 'met' : `missed by ${(signingRatio - 0.5).toFixed(2)}×`}).`,
    'The portable row is what browsers and other runtimes without `process.getBuiltinModule` use.',
  ].join('\n'),
);

const emulator = await runEmulatorThroughputBench({ smoke });
const emulatorRps = emulator.requestsPerSecond.median;
sections.push(
  [
    '## 4. Emulator throughput with signature verification',
    '',
    `autocannon, ${emulator.connections} connections, ${emulator.requestsPerSecond.runs} runs of ${emulator.seconds} s; every request signed afresh and deleting a different record; the emulator (built) in its own process, the load generator in this one, on a 2-core machine.`,
    '',
    markdownTable(emulatorTable(emulator)),
    '',
    `Goal: at least 5,000 requests/s. Measured: ${Math.round(emulatorRps).toLocaleString('en-US')} (${emulatorRps >= 5000 ? 'met' : `missed by ${Math.round(5000 - emulatorRps)}`}). Answers other than 204, or errors: ${emulator.non2xx}.`,
  ].join('\n'),
);

const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores)`,
  `- Node: ${process.version}`,
  `- Date: ${new Date().toISOString()}`,
].join('\n');
const report = `# Benchmark results\n\nProduced by \`npm run bench\`; every figure is a median over repeated runs, with the spread (min–max).\n\n${machine}\n\n${sections.join('\n\n')}\n`;

console.log(report);
if (!smoke) {
  const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
  writeFileSync(target, report);
  console.log(`wrote ${target}`);
}

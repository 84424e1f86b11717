// Cold start: the time to import our client entry against the official core, each in a fresh Node process,
// repeated; plus each process's whole wall time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatSpread, summarize, type Summary } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SUBJECTS = {
  'hwcloud-media (dist/src/index.js)': `await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/src/index.js')).href)});`,
  'official @huaweicloud/huaweicloud-sdk-core': `(await import('node:module')).createRequire(${JSON.stringify(pathToFileURL(path.join(root, 'package.json')).href)})('@huaweicloud/huaweicloud-sdk-core');`,
} as const;
export type ColdStartSubject = keyof typeof SUBJECTS;

export interface ColdStartResult {
  runs: number;
  importMs: Record<ColdStartSubject, Summary>;
  processMs: Record<ColdStartSubject, Summary>;
}

export function runColdStartBench({ smoke = false } = {}): ColdStartResult {
  const runs = smoke ? 2 : 15;
  const importMs = {} as Record<ColdStartSubject, number[]>;
  const processMs = {} as Record<ColdStartSubject, number[]>;
  for (const subject of Object.keys(SUBJECTS) as ColdStartSubject[]) {
    importMs[subject] = [];
    processMs[subject] = [];
  }
  for (let run = 0; run < runs; run += 1) {
    for (const [subject, load] of Object.entries(SUBJECTS) as Array<[ColdStartSubject, string]>) {
      const started = performance.now();
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', `const t = performance.now(); ${load} console.log(performance.now() - t);`], {
        cwd: root,
        encoding: 'utf8',
      });
      const wall = performance.now() - started;
      if (child.status !== 0) throw new Error(`cold start of ${subject} failed: ${child.stderr}`);
      importMs[subject].push(Number(child.stdout.trim()));
      processMs[subject].push(wall);
    }
  }
  const summarizeAll = (samples: Record<ColdStartSubject, number[]>) =>
    Object.fromEntries(Object.entries(samples).map(([subject, values]) => [subject, summarize(values)])) as Record<ColdStartSubject, Summary>;
  return { runs, importMs: summarizeAll(importMs), processMs: summarizeAll(processMs) };
}

export function coldStartTable(result: ColdStartResult): string[][] {
  const official = result.importMs['official @huaweicloud/huaweicloud-sdk-core'].median;
  return [
    ['module', 'import, ms', 'whole process, ms', 'import vs official'],
    ...(Object.keys(result.importMs) as ColdStartSubject[]).map((subject) => [
      subject,
      formatSpread(result.importMs[subject]),
      formatSpread(result.processMs[subject], 1),
      `${(result.importMs[subject].median / official).toFixed(2)}×`,
    ]),
  ];
}

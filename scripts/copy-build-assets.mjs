// tsc emits no JSON: copy the bundled specs the emulator reads at run time next to the compiled code.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './lib/tools.mjs';

const target = path.join(projectRoot, 'dist', 'generated');
mkdirSync(target, { recursive: true });
for (const file of readdirSync(path.join(projectRoot, 'generated')).filter((name) => name.endsWith('.openapi.json'))) {
  cpSync(path.join(projectRoot, 'generated', file), path.join(target, file));
}

// Builds the package into a scratch folder and packs it, leaving the project's dist/ alone.
// Usage: node scripts/pack.mjs --out DIR   → DIR/package (the staged package), DIR/hwcloud-media-<version>.tgz;
// prints one JSON line: { stageDir, tarball, size, unpackedSize, files }.
import path from 'node:path';
import { packPackage, stagePackage } from './lib/package.mjs';

const outFlag = process.argv.indexOf('--out');
if (outFlag === -1 || !process.argv[outFlag + 1]) {
  console.error('usage: node scripts/pack.mjs --out DIR');
  process.exit(2);
}
const outDir = path.resolve(process.argv[outFlag + 1]);
const stageDir = stagePackage(path.join(outDir, 'package'));
console.log(JSON.stringify({ stageDir, ...packPackage(stageDir, outDir) }));

// Renders the API reference with @redocly/cli: one self-contained HTML page per service spec, plus an
// index page linking them. Usage: node scripts/build-docs.mjs [--out DIR]   (default dist/docs)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot, runBin } from './lib/tools.mjs';

const outFlag = process.argv.indexOf('--out');
const outDir = path.resolve(outFlag > -1 ? process.argv[outFlag + 1] : path.join(projectRoot, 'dist', 'docs'));

const services = [
  { api: 'mpc', spec: 'openapi/mpc.yaml' },
  { api: 'vod', spec: 'openapi/vod.yaml' },
];

// The inline bundle still points the "API docs by Redocly" logo at a CDN. Swap it for an inline image so
// that opening the page makes no network request at all.
const inlineLogo =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16"><text x="0" y="12" font-size="12" font-family="sans-serif">Redocly</text></svg>',
  );
const cdnLogo = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
// Anything the page would load from the network at render time. Links a reader may click are fine.
const networkLoad =
  /\bsrc\s*[=:]\s*[`"']?https?:|<link\b[^>]*\bhref\s*=\s*["']?https?:|url\(\s*["']?https?:|@import\s+["']?https?:/i;

mkdirSync(outDir, { recursive: true });
const pages = [];
for (const { api, spec } of services) {
  const document = parse(readFileSync(path.join(projectRoot, spec), 'utf8'));
  const file = `${api}.html`;
  const target = path.join(outDir, file);
  runBin('redocly', ['build-docs', api, '--inlineBundle', '--output', target, '--title', document.info.title], {
    quiet: true,
  });
  const html = readFileSync(target, 'utf8').replace(cdnLogo, inlineLogo);
  const leftover = html.match(networkLoad);
  if (leftover) {
    throw new Error(`${file} would load from the network at render time (near "${leftover[0]}"): not self-contained`);
  }
  writeFileSync(target, html);
  const operations = Object.entries(document.paths).flatMap(([route, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), route, operation })),
  );
  pages.push({ file, document, operations, bytes: Buffer.byteLength(html) });
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const items = pages
  .map(
    ({ file, document, operations }) => `    <li>
      <a href="./${file}">${escapeHtml(document.info.title)}</a>
      <p>${escapeHtml(document.info.summary ?? '')}</p>
      <ul>
${operations
  .map(
    ({ method, route, operation }) =>
      `        <li><code>${method} ${escapeHtml(route)}</code>: ${escapeHtml(operation.summary)} (<code>${escapeHtml(operation.operationId)}</code>)</li>`,
  )
  .join('\n')}
      </ul>
    </li>`,
  )
  .join('\n');

writeFileSync(
  path.join(outDir, 'index.html'),
  `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>hwcloud-media API reference</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
    code { background: #f3f3f3; padding: 0 .25rem; }
  </style>
</head>
<body>
  <h1>hwcloud-media API reference</h1>
  <p>One page per service, rendered from the OpenAPI specs in <code>openapi/</code>. Every page works offline.</p>
  <ul>
${items}
  </ul>
</body>
</html>
`,
);

for (const { file, bytes } of pages) console.log(`docs: ${path.join(outDir, file)} (${Math.round(bytes / 1024)} KiB)`);
console.log(`docs: open ${path.join(outDir, 'index.html')}`);

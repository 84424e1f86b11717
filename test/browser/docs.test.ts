// The rendered API reference in a real browser: opened from disk with every non-file request blocked, each
// operation shows its parameters, headers and responses, and the 400 examples are the spec's. Screenshots
// of each page go to test-results/.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { allowOnly, artifactPath, launchChromium } from '../helpers/browser.js';
import { projectRoot, runScript } from '../helpers/project.js';

interface BundledOperation {
  operationId: string;
  summary: string;
  parameters: Array<{ name: string; in: string }>;
  responses: Record<
    string,
    { description: string; headers?: Record<string, unknown>; content?: Record<string, { examples?: Record<string, { summary: string; value: unknown }> }> }
  >;
}
interface BundledSpec {
  info: { title: string };
  paths: Record<string, { delete: BundledOperation }>;
}

// The dereferenced bundles (generated/<api>.openapi.json) are what the pages are rendered from, $refs resolved.
const services = (['mpc', 'vod'] as const).map((api) => {
  const spec = JSON.parse(readFileSync(path.join(projectRoot, 'generated', `${api}.openapi.json`), 'utf8')) as BundledSpec;
  const [route, item] = Object.entries(spec.paths)[0]!;
  return { api, title: spec.info.title, route, operation: item.delete };
});

let docsDir = '';
let browser: Browser;
beforeAll(async () => {
  docsDir = mkdtempSync(path.join(tmpdir(), 'hwcloud-media-docs-browser-'));
  const result = runScript('build-docs.mjs', ['--out', docsDir]);
  if (result.status !== 0) throw new Error(`build-docs.mjs failed:\n${result.stdout}\n${result.stderr}`);
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(docsDir, { recursive: true, force: true });
});

/** A fresh page on a context that lets file: URLs through and aborts (and records) everything else. */
async function openPage(): Promise<{ context: BrowserContext; page: Page; blocked: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const blocked = await allowOnly(context, (url) => url.protocol === 'file:');
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, blocked, errors };
}

const fileUrl = (file: string) => pathToFileURL(path.join(docsDir, file)).href;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectScreenshot(file: string) {
  // A blank or failed capture of a rendered page is a few kilobytes; a real one is far larger.
  expect(statSync(file).size, file).toBeGreaterThan(40_000);
}

describe('index page', () => {
  test('links both service pages, and the links open them from disk', async () => {
    const { context, page, blocked, errors } = await openPage();
    try {
      await page.goto(fileUrl('index.html'));
      for (const { operation } of services) await expect(page.getByText(operation.operationId).count()).resolves.toBe(1);
      const screenshot = artifactPath('docs-index.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      expectScreenshot(screenshot);

      await page.getByRole('link', { name: services[0]!.title }).click();
      await page.waitForURL(new RegExp(`${escapeRegExp(fileUrl('mpc.html'))}`));
      await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(services[0]!.title)) }).waitFor();
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

describe.each(services)('$api.html', ({ api, title, route, operation }) => {
  test('renders the operation with its parameters, headers, 204 and 400 responses and the documented 400 examples', async () => {
    const { context, page, blocked, errors } = await openPage();
    try {
      await page.goto(fileUrl(`${api}.html`));
      await page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(title)) }).waitFor();

      // Operations start collapsed: open this one from the tag's operation list.
      await page.getByRole('button', { name: new RegExp(`^delete ${escapeRegExp(route)}$`, 'i') }).first().click();
      await page.getByRole('heading', { level: 2, name: new RegExp(escapeRegExp(operation.summary)) }).waitFor();

      // Every parameter, path, query and header alike, is listed with its anchor.
      const parameters = operation.parameters.map((parameter) => parameter.name);
      expect(parameters).toEqual(expect.arrayContaining(['project_id', 'X-Auth-Token', 'Authorization', 'X-Sdk-Date', 'X-Security-Token']));
      for (const name of parameters) {
        await expect(page.getByRole('link', { name: `link to ${name}`, exact: true }).count(), name).resolves.toBeGreaterThan(0);
      }

      // One tab per documented status; 204 comes first, with its description and X-Request-Id header.
      const statusTabs = page.getByRole('tablist', { name: 'Response status' }).getByRole('tab');
      await expect(statusTabs.allInnerTexts()).resolves.toEqual(Object.keys(operation.responses));
      await expect(page.getByRole('tab', { name: '204', selected: true }).count()).resolves.toBe(1);
      await page.getByText(operation.responses['204']!.description.trim()).waitFor();
      await page.getByRole('link', { name: 'link to X-Request-Id', exact: true }).first().waitFor();

      // 400: its description, its body fields, and in the sample panel each documented example, verbatim.
      await page.getByRole('tab', { name: '400' }).click();
      await page.getByText(operation.responses['400']!.description.trim().split('(')[0]!.trim()).first().waitFor();
      for (const field of ['error_code', 'error_msg']) await page.getByRole('link', { name: `link to ${field}`, exact: true }).waitFor();
      const examples = Object.values(operation.responses['400']!.content!['application/json']!.examples!);
      expect(examples.length).toBeGreaterThanOrEqual(2);
      const sample = page.locator('.panel-response-samples [data-testid="json-viewer"] pre');
      for (const example of examples) {
        await page.getByRole('button', { name: 'Example' }).click();
        await page.getByRole('menuitem', { name: example.summary, exact: true }).click();
        await expect(page.getByRole('button', { name: 'Example' }).innerText()).resolves.toBe(example.summary);
        expect(JSON.parse(await sample.innerText()), example.summary).toEqual(example.value);
      }

      const screenshot = artifactPath(`docs-${api}.png`);
      await page.screenshot({ path: screenshot, fullPage: true });
      expectScreenshot(screenshot);
      expect(blocked).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});

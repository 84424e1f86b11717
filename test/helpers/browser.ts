// Chromium for the browser tests: Debian's build (apt-get install chromium; .ci/run installs it when absent),
// driven by playwright-core, which downloads no browser of its own.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { projectRoot } from './project.js';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where screenshots go: test-results/ (git-ignored), kept after the run as artifacts. */
export function artifactPath(file: string): string {
  const dir = path.join(projectRoot, 'test-results');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, file);
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * Aborts every request of the context that `allowed` refuses, and records it: a test asserts the list stays
 * empty, so a page that quietly reaches for the network fails instead of working only while online.
 */
export async function allowOnly(context: BrowserContext, allowed: (url: URL) => boolean): Promise<string[]> {
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (allowed(url)) return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

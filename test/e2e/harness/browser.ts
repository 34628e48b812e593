// Debian's Chromium, headless, driven by playwright-core: opens code-server's workbench on a folder.
// The flags keep Chromium itself off the network (no background networking, component updates or
// first-run fetches); on top of that every request the page makes to anything but the code-server
// origin is aborted and recorded, so a test run never reaches outside this machine.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface Editor {
  page: Page;
  /** Requests to other origins that were blocked. */
  blocked: string[];
  /** Console errors and page errors from the workbench (for the log). */
  consoleErrors: string[];
  /** Resolves with a description when the page crashes or closes. */
  gone: Promise<string>;
  /** Screenshot after the workbench has painted its latest state. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export async function openEditor(opts: {
  chromium: string;
  origin: string;
  folder: string;
  log: (line: string) => void;
  timeoutMs?: number;
  /** Where to save a screenshot when the workbench does not come up. */
  failureScreenshot?: string;
  /** Private folder for what Chromium writes outside its profile (crashpad's ~/.config/chromium). */
  homeDir: string;
}): Promise<Editor> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  mkdirSync(opts.homeDir, { recursive: true });
  const browser: Browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
    env: { ...env, XDG_CONFIG_HOME: join(opts.homeDir, 'config'), XDG_CACHE_HOME: join(opts.homeDir, 'cache') },
  });
  let page: Page | undefined;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const blocked: string[] = [];
    const consoleErrors: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(opts.origin + '/') || url === opts.origin || /^(data|blob):/.test(url)) return route.continue();
      blocked.push(url);
      opts.log(`browser: blocked request to ${url}`);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 500));
    });
    page.on('response', (r) => {
      if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message.slice(0, 500)}`));
    const p = page;
    const gone = new Promise<string>((resolve) => {
      p.on('crash', () => resolve('the browser page crashed'));
      p.on('close', () => resolve('the browser page closed'));
    });

    const url = `${opts.origin}/?folder=${encodeURIComponent(opts.folder)}`;
    opts.log(`browser: opening ${url}`);
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: opts.timeoutMs ?? 120_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: opts.timeoutMs ?? 120_000 });
    opts.log(`browser: workbench shown after ${Date.now() - started} ms`);

    return {
      page: p,
      blocked,
      consoleErrors,
      gone,
      async screenshot(path: string) {
        // Two animation frames: whatever the last command changed has been laid out and painted.
        await p.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))').catch(() => undefined);
        await p.screenshot({ path, timeout: 30_000 });
      },
      async close() {
        await browser.close();
      },
    };
  } catch (err) {
    if (page && opts.failureScreenshot) {
      await page.screenshot({ path: opts.failureScreenshot, timeout: 10_000 }).then(
        () => opts.log(`browser: screenshot of the failed start saved to ${opts.failureScreenshot}`),
        () => undefined,
      );
    }
    await browser.close().catch(() => undefined);
    throw err;
  }
}

// Launches the Debian Chromium (/usr/bin/chromium) headless through playwright-core for browser
// tests, and saves screenshots as test artifacts under test-artifacts/browser/ (gitignored).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../helpers/server-process.js';

/** The system browser the tests drive; .ci/run installs the Debian `chromium` package when it is missing. */
export const CHROMIUM_PATH = process.env['TRIBUTARY_CHROMIUM'] ?? '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless run that never reaches the network on its own. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why browser tests cannot run here (for `test(..., { skip })`), or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} not found (install the Debian chromium package)`;
}

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** URLs the page tried to load from anywhere but 127.0.0.1/localhost (all aborted). */
  readonly blockedRequests: readonly string[];
  /** Uncaught page exceptions and console errors, in order. */
  readonly pageErrors: readonly string[];
  /** Saves a full-page PNG of `page` as test-artifacts/browser/<name>.png; resolves with its path. */
  screenshot(name: string): Promise<string>;
  /** Closes the browser (idempotent). */
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Default timeout for every locator wait and action (ms, default 10 s: a loaded 2-core machine is slow). */
  readonly timeoutMs?: number;
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** The directory screenshots go to, created on demand. */
export function artifactsDir(): string {
  const dir = join(repoRoot(), 'test-artifacts', 'browser');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Starts headless Chromium with one page. Every request leaving 127.0.0.1 is aborted, so a page
 * that tries to load an external asset fails visibly instead of depending on the network.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS], timeout: 30_000 });
  let closed = false;
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 1000 } });
    context.setDefaultTimeout(options.timeoutMs ?? 10_000);
    const blockedRequests: string[] = [];
    const pageErrors: string[] = [];
    await context.route(/^(?!https?:\/\/(127\.0\.0\.1|localhost)[:/])[a-z]+:\/\//, (route) => {
      blockedRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
    return {
      browser,
      context,
      page,
      blockedRequests,
      pageErrors,
      screenshot: async (name) => {
        const path = join(artifactsDir(), `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      close: async () => {
        if (closed) return;
        closed = true;
        await browser.close();
      },
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

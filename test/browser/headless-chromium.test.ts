// The browser harness itself: Chromium starts headless, loads a page from a local listener, aborts
// requests to any other host and writes screenshots under test-artifacts/browser/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromiumMissing, launchChromium, type BrowserSession } from './support/headless-chromium.js';

const PAGE = `<!doctype html><title>harness</title>
<img src="https://example.invalid/tracker.png" alt="">
<p data-testid="greeting">ready</p>`;

const skip = chromiumMissing();

describe('headless chromium harness', { skip }, () => {
  let server: Server;
  let url: string;
  let session: BrowserSession;

  before(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    session = await launchChromium();
  });

  after(async () => {
    await session?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  test('loads a local page, blocks the external image and saves a screenshot', async () => {
    await session.page.goto(url);
    assert.equal(await session.page.getByTestId('greeting').textContent(), 'ready');
    await session.page.waitForLoadState('load');
    assert.deepEqual(session.blockedRequests, ['https://example.invalid/tracker.png']);
    const path = await session.screenshot('harness');
    assert.ok(path.endsWith('/test-artifacts/browser/harness.png'));
    assert.ok(statSync(path).size > 100);
  });
});

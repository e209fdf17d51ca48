import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryConsoleAssets } from '../console/console-assets.js';
import type { ConsoleDeps } from '../console/console-deps.js';
import { ConsoleRouter } from './console-router.js';
import type { GatewayRequest } from './reply.js';

const deps: ConsoleDeps = { streams: { list: () => [], require: () => { throw new Error('none'); } }, log: {} as ConsoleDeps['log'], region: 'us-east-1', now: () => 42 };

function request(method: string, url: string): GatewayRequest {
  return { requestId: 'r', method, url, headers: {}, body: Buffer.alloc(0) };
}

describe('ConsoleRouter', () => {
  test('claims GET and POST under /console only', () => {
    const router = new ConsoleRouter({ deps, assets: new DirectoryConsoleAssets('/nonexistent') });
    assert.equal(router.claims(request('GET', '/console')), true);
    assert.equal(router.claims(request('GET', '/console/api/streams?x=1')), true);
    assert.equal(router.claims(request('POST', '/console/api/mappings/u/enable')), true);
    assert.equal(router.claims(request('PUT', '/console/api/streams')), false);
    assert.equal(router.claims(request('GET', '/consoles')), false);
    assert.equal(router.claims(request('GET', '/metrics')), false);
    assert.equal(router.claims(request('POST', '/')), false);
  });

  test('answers the API as JSON, redirects /console, serves assets with content types and never outside its directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-console-assets-'));
    try {
      await mkdir(join(dir, 'ui'));
      await writeFile(join(dir, 'ui', 'index.html'), '<html>hi</html>');
      await writeFile(join(dir, 'ui', 'app.js'), 'x()');
      await writeFile(join(dir, 'secret.js'), 'no');
      const router = new ConsoleRouter({ deps, assets: new DirectoryConsoleAssets(join(dir, 'ui')) });
      const api = await router.handle(request('GET', '/console/api/overview'));
      assert.equal(api.status, 200);
      assert.deepEqual(api.headers, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      assert.deepEqual(JSON.parse(api.body.toString()), { nowMs: 42, streams: 0, mappings: 0, functions: 0, queues: 0, deliveryStreams: 0 });
      const redirect = await router.handle(request('GET', '/console'));
      assert.deepEqual([redirect.status, redirect.headers], [302, { Location: '/console/' }]);
      const index = await router.handle(request('GET', '/console/'));
      assert.deepEqual([index.status, index.headers['Content-Type'], index.body.toString()], [200, 'text/html; charset=utf-8', '<html>hi</html>']);
      const js = await router.handle(request('GET', '/console/app.js?v=1'));
      assert.deepEqual([js.status, js.headers['Content-Type']], [200, 'text/javascript; charset=utf-8']);
      assert.equal((await router.handle(request('GET', '/console/../secret.js'))).status, 404);
      assert.equal(await new DirectoryConsoleAssets(join(dir, 'ui')).get('../secret.js'), undefined);
      assert.equal((await router.handle(request('GET', '/console/missing.js'))).status, 404);
      assert.equal((await router.handle(request('POST', '/console/app.js'))).status, 405);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('without a built bundle the index page is 503 and says how to build it', async () => {
    const router = new ConsoleRouter({ deps, assets: new DirectoryConsoleAssets('/nonexistent/console') });
    const index = await router.handle(request('GET', '/console/'));
    assert.equal(index.status, 503);
    assert.match(index.body.toString(), /Run <code>npm run build<\/code>/);
  });
});

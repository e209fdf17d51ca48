// Claims GET/POST under /console: the JSON API below /console/api/ and the bundled front end
// (dist/console/) for everything else. No AWS error shapes here: the console speaks plain JSON.

import { handleApi } from '../console/console-api.js';
import type { ConsoleDeps } from '../console/console-deps.js';
import type { ConsoleAssets } from '../console/console-assets.js';
import { reply, type GatewayRequest, type Reply } from './reply.js';
import type { Router } from './router.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export class ConsoleRouter implements Router {
  constructor(private readonly options: { deps: ConsoleDeps; assets: ConsoleAssets }) {}

  claims(request: GatewayRequest): boolean {
    if (request.method !== 'GET' && request.method !== 'POST') return false;
    const path = pathOf(request.url);
    return path === '/console' || path.startsWith('/console/');
  }

  async handle(request: GatewayRequest): Promise<Reply> {
    const url = new URL(request.url, 'http://console.invalid');
    const path = url.pathname;
    if (path === '/console') return { status: 302, headers: { Location: '/console/' }, body: Buffer.alloc(0) };
    if (path.startsWith('/console/api/')) {
      const { status, json } = await handleApi(this.options.deps, {
        method: request.method,
        path: path.slice('/console/api'.length),
        query: url.searchParams,
        body: request.body,
      });
      const answer = reply(status, Buffer.from(JSON.stringify(json)), JSON_TYPE);
      return { ...answer, headers: { ...answer.headers, 'Cache-Control': 'no-store' } };
    }
    if (!path.startsWith('/console/')) return reply(404, Buffer.from('not found\n'), 'text/plain; charset=utf-8');
    if (request.method === 'POST') return reply(405, Buffer.from('method not allowed\n'), 'text/plain; charset=utf-8');
    const asset = await this.options.assets.get(path.slice('/console/'.length) || 'index.html');
    if (asset === undefined) return reply(404, Buffer.from('not found\n'), 'text/plain; charset=utf-8');
    return { status: asset.status, headers: { 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' }, body: asset.body };
  }
}

function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

// Answers GET /metrics with the Prometheus text exposition of the MetricsHub. Claims nothing else
// (other methods on /metrics fall through to the other routers, as any unknown path does).

import type { MetricsHub } from '../metrics/metrics-hub.js';
import type { Router } from './router.js';
import { reply, type GatewayRequest, type Reply } from './reply.js';

export class MetricsRouter implements Router {
  constructor(private readonly hub: MetricsHub) {}

  claims(request: GatewayRequest): boolean {
    if (request.method !== 'GET') return false;
    const path = request.url.split('?', 1)[0];
    return path === '/metrics';
  }

  async handle(): Promise<Reply> {
    const { contentType, body } = await this.hub.prometheus();
    return reply(200, Buffer.from(body), contentType);
  }
}

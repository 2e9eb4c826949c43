// Registers every /api/v1 route except health.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import { TtlCache } from '../cache.js';
import { marketRoutes } from './markets.js';

export function registerApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const cache = new TtlCache(3_000, ctx.nowMs);
  marketRoutes(app, ctx, cache);
}

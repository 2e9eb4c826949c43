// What /metrics reports about the HTTP side, counted by app-wide hooks (so every route is counted,
// whichever plugin it is in): requests and latency per route, cache outcomes, event-loop delay. No
// labels carry user input beyond the route pattern.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

export interface RouteStats {
  count: number;
  errors: number;
  sumMs: number;
  buckets: number[];
}

export const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

export interface HttpStats {
  /** By `<METHOD> <route pattern>`. */
  routes: ReadonlyMap<string, RouteStats>;
  cacheCounts: Readonly<Record<'hit' | 'miss' | 'stale', number>>;
  /** Event-loop delay (ms): the worse of the last full 30 s window and the current one. */
  loopDelayMs(): { p50: number; p99: number; max: number };
}

/** Adds the counting hooks to the root instance: call it before the routes are registered. */
export function registerHttpStats(app: FastifyInstance): HttpStats {
  const routes = new Map<string, RouteStats>();
  const cacheCounts = { hit: 0, miss: 0, stale: 0 };
  // A slow page is often a blocked event loop, not a slow store: measure it where it happens.
  // Reported over rolling 30 s windows (the last full one, or the current if worse), so the figure
  // says how the server is doing now, not how start-up went.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let lastWindow = { p50: 0, p99: 0, max: 0 };
  const roll = setInterval(() => {
    lastWindow = { p50: loopDelay.percentile(50), p99: loopDelay.percentile(99), max: loopDelay.max };
    loopDelay.reset();
  }, 30_000);
  roll.unref();
  app.addHook('onClose', async () => {
    clearInterval(roll);
    loopDelay.disable();
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const s = routes.get(`${req.method} ${route}`) ?? {
      count: 0,
      errors: 0,
      sumMs: 0,
      buckets: BUCKETS_MS.map(() => 0),
    };
    const ms = reply.elapsedTime;
    s.count++;
    s.sumMs += ms;
    if (reply.statusCode >= 500) s.errors++;
    BUCKETS_MS.forEach((b, i) => {
      if (ms <= b) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
    routes.set(`${req.method} ${route}`, s);
  });
  // Read from the answer before it is serialized: scanning the serialized text would flatten a copy
  // of every body just to count.
  app.addHook('preSerialization', async (_req, _reply, payload) => {
    const cache = (payload as { meta?: { cache?: unknown } } | null)?.meta?.cache;
    if (cache === 'hit' || cache === 'miss' || cache === 'stale') cacheCounts[cache]++;
    return payload;
  });

  return {
    routes,
    cacheCounts,
    loopDelayMs: () => ({
      p50: Math.max(lastWindow.p50, loopDelay.percentile(50)) / 1e6,
      p99: Math.max(lastWindow.p99, loopDelay.percentile(99)) / 1e6,
      max: Math.max(lastWindow.max, loopDelay.max) / 1e6,
    }),
  };
}

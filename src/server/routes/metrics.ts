// GET /metrics — Prometheus text: HTTP requests and latency per route, DynamoDB requests, items,
// RCU and errors per table, cache outcomes. No labels carry user input beyond the route pattern.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { tableTotals } from '../../store/stats.js';
import type { AuthState } from '../auth.js';

interface RouteStats {
  count: number;
  errors: number;
  sumMs: number;
  buckets: number[];
}

const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

export function metricsRoutes(
  app: FastifyInstance,
  sseClients: () => number,
  auth: AuthState = { trackedClients: () => 0, bcrypt: () => null },
): void {
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
    const s = routes.get(`${req.method} ${route}`) ?? { count: 0, errors: 0, sumMs: 0, buckets: BUCKETS_MS.map(() => 0) };
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

  app.get('/metrics', async (_req, reply) => {
    const lines: string[] = [];
    const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    lines.push('# HELP dora_http_requests_total HTTP requests by route and status class.', '# TYPE dora_http_requests_total counter');
    for (const [k, s] of routes) {
      const [method, route] = k.split(' ') as [string, string];
      lines.push(`dora_http_requests_total{method="${method}",route="${esc(route)}"} ${s.count}`);
      lines.push(`dora_http_errors_total{method="${method}",route="${esc(route)}"} ${s.errors}`);
    }
    lines.push('# HELP dora_http_request_duration_ms HTTP request latency.', '# TYPE dora_http_request_duration_ms histogram');
    for (const [k, s] of routes) {
      const [method, route] = k.split(' ') as [string, string];
      const l = `method="${method}",route="${esc(route)}"`;
      BUCKETS_MS.forEach((b, i) => lines.push(`dora_http_request_duration_ms_bucket{${l},le="${b}"} ${s.buckets[i]}`));
      lines.push(`dora_http_request_duration_ms_bucket{${l},le="+Inf"} ${s.count}`);
      lines.push(`dora_http_request_duration_ms_sum{${l}} ${s.sumMs.toFixed(3)}`, `dora_http_request_duration_ms_count{${l}} ${s.count}`);
    }
    lines.push('# HELP dora_dynamodb_requests_total DynamoDB requests by table.', '# TYPE dora_dynamodb_requests_total counter');
    for (const [table, t] of tableTotals()) {
      lines.push(
        `dora_dynamodb_requests_total{table="${esc(table)}"} ${t.requests}`,
        `dora_dynamodb_items_total{table="${esc(table)}"} ${t.items}`,
        `dora_dynamodb_rcu_total{table="${esc(table)}"} ${t.rcu}`,
        `dora_dynamodb_errors_total{table="${esc(table)}"} ${t.errors}`,
        `dora_dynamodb_ms_total{table="${esc(table)}"} ${t.ms.toFixed(3)}`,
      );
    }
    lines.push('# HELP dora_cache_responses_total API responses by cache outcome.', '# TYPE dora_cache_responses_total counter');
    for (const [k, v] of Object.entries(cacheCounts)) lines.push(`dora_cache_responses_total{cache="${k}"} ${v}`);
    const mem = process.memoryUsage();
    lines.push(
      '# HELP dora_event_loop_delay_ms Event-loop delay over the last 30 s window (p50, p99, max).',
      '# TYPE dora_event_loop_delay_ms gauge',
      `dora_event_loop_delay_ms{quantile="0.5"} ${(Math.max(lastWindow.p50, loopDelay.percentile(50)) / 1e6).toFixed(3)}`,
      `dora_event_loop_delay_ms{quantile="0.99"} ${(Math.max(lastWindow.p99, loopDelay.percentile(99)) / 1e6).toFixed(3)}`,
      `dora_event_loop_delay_ms{quantile="1"} ${(Math.max(lastWindow.max, loopDelay.max) / 1e6).toFixed(3)}`,
      '# HELP dora_process_resident_memory_bytes Resident set size.',
      '# TYPE dora_process_resident_memory_bytes gauge',
      `dora_process_resident_memory_bytes ${mem.rss}`,
    );
    lines.push('# HELP dora_sse_clients Connected live-update clients.', '# TYPE dora_sse_clients gauge', `dora_sse_clients ${sseClients()}`);
    lines.push(
      '# HELP dora_auth_failed_clients Clients whose failed sign-in attempts are being counted (bounded).',
      '# TYPE dora_auth_failed_clients gauge',
      `dora_auth_failed_clients ${auth.trackedClients()}`,
    );
    const bcrypt = auth.bcrypt();
    if (bcrypt) {
      lines.push(
        '# HELP dora_auth_bcrypt_checks_total bcrypt checks of Basic credentials (once per sign-in, not per request).',
        '# TYPE dora_auth_bcrypt_checks_total counter',
        `dora_auth_bcrypt_checks_total ${bcrypt.checks}`,
        '# HELP dora_auth_bcrypt_running bcrypt checks running (off the event loop) and waiting.',
        '# TYPE dora_auth_bcrypt_running gauge',
        `dora_auth_bcrypt_running ${bcrypt.running}`,
        '# HELP dora_auth_bcrypt_waiting bcrypt checks waiting for the worker.',
        '# TYPE dora_auth_bcrypt_waiting gauge',
        `dora_auth_bcrypt_waiting ${bcrypt.waiting}`,
      );
    }
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}

// GET /metrics — Prometheus text: HTTP requests and latency per route, DynamoDB requests, items,
// RCU and errors per table, cache outcomes. No labels carry user input beyond the route pattern.
import type { FastifyPluginAsync } from 'fastify';
import { tableTotals } from '../../store/stats.js';
import type { AuthState } from '../auth.js';
import { BUCKETS_MS, type HttpStats } from '../http-stats.js';
import * as S from '../schemas.js';

export interface MetricsOptions {
  /** Counted by app-wide hooks (http-stats.ts), which a route plugin cannot add for every route. */
  stats: HttpStats;
  sseClients: () => number;
  auth?: AuthState;
}

export const metricsRoutes: FastifyPluginAsync<MetricsOptions> = async (
  app,
  { stats, sseClients, auth = { trackedClients: () => 0, bcrypt: () => null } },
) => {
  const { routes, cacheCounts } = stats;
  app.get('/metrics', { schema: { querystring: S.query({}) } }, async (_req, reply) => {
    const lines: string[] = [];
    const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
    lines.push(
      '# HELP dora_http_requests_total HTTP requests by route and status class.',
      '# TYPE dora_http_requests_total counter',
    );
    for (const [k, s] of routes) {
      const [method, route] = k.split(' ') as [string, string];
      lines.push(`dora_http_requests_total{method="${method}",route="${esc(route)}"} ${s.count}`);
      lines.push(`dora_http_errors_total{method="${method}",route="${esc(route)}"} ${s.errors}`);
    }
    lines.push(
      '# HELP dora_http_request_duration_ms HTTP request latency.',
      '# TYPE dora_http_request_duration_ms histogram',
    );
    for (const [k, s] of routes) {
      const [method, route] = k.split(' ') as [string, string];
      const l = `method="${method}",route="${esc(route)}"`;
      BUCKETS_MS.forEach((b, i) =>
        lines.push(`dora_http_request_duration_ms_bucket{${l},le="${b}"} ${s.buckets[i]}`),
      );
      lines.push(`dora_http_request_duration_ms_bucket{${l},le="+Inf"} ${s.count}`);
      lines.push(
        `dora_http_request_duration_ms_sum{${l}} ${s.sumMs.toFixed(3)}`,
        `dora_http_request_duration_ms_count{${l}} ${s.count}`,
      );
    }
    lines.push(
      '# HELP dora_dynamodb_requests_total DynamoDB requests by table.',
      '# TYPE dora_dynamodb_requests_total counter',
    );
    for (const [table, t] of tableTotals()) {
      lines.push(
        `dora_dynamodb_requests_total{table="${esc(table)}"} ${t.requests}`,
        `dora_dynamodb_items_total{table="${esc(table)}"} ${t.items}`,
        `dora_dynamodb_rcu_total{table="${esc(table)}"} ${t.rcu}`,
        `dora_dynamodb_errors_total{table="${esc(table)}"} ${t.errors}`,
        `dora_dynamodb_ms_total{table="${esc(table)}"} ${t.ms.toFixed(3)}`,
      );
    }
    lines.push(
      '# HELP dora_cache_responses_total API responses by cache outcome.',
      '# TYPE dora_cache_responses_total counter',
    );
    for (const [k, v] of Object.entries(cacheCounts))
      lines.push(`dora_cache_responses_total{cache="${k}"} ${v}`);
    const mem = process.memoryUsage();
    const loop = stats.loopDelayMs();
    lines.push(
      '# HELP dora_event_loop_delay_ms Event-loop delay over the last 30 s window (p50, p99, max).',
      '# TYPE dora_event_loop_delay_ms gauge',
      `dora_event_loop_delay_ms{quantile="0.5"} ${loop.p50.toFixed(3)}`,
      `dora_event_loop_delay_ms{quantile="0.99"} ${loop.p99.toFixed(3)}`,
      `dora_event_loop_delay_ms{quantile="1"} ${loop.max.toFixed(3)}`,
      '# HELP dora_process_resident_memory_bytes Resident set size.',
      '# TYPE dora_process_resident_memory_bytes gauge',
      `dora_process_resident_memory_bytes ${mem.rss}`,
    );
    lines.push(
      '# HELP dora_sse_clients Connected live-update clients.',
      '# TYPE dora_sse_clients gauge',
      `dora_sse_clients ${sseClients()}`,
    );
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
};
